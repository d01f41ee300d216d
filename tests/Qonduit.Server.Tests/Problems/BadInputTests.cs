using System.Net.Http.Json;
using System.Text;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Problems;

/// <summary>
/// A user's mistake is never a 500: every endpoint that takes input answers bad input with a typed 4xx problem
/// (stable `code`, `origin`, `correlationId`, `timestamp`), whatever part of the request is wrong.
/// </summary>
public sealed class BadInputTests
{
    public enum As
    {
        User,
        Agent,
        Admin,
    }

    private const string Task = "{task}";

    // Every endpoint with a JSON body, with the caller allowed to use it.
    public static TheoryData<string, string, As> BodyEndpoints() => new()
    {
        { "POST", "/v1/tasks", As.User },
        { "POST", "/v1/devices/line5/viability", As.User },
        { "PUT", "/v1/devices/line5", As.Admin },
        { "PATCH", "/v1/devices/line5", As.Admin },
        { "POST", "/v1/agent/claim", As.Agent },
        { "POST", "/v1/agent/heartbeat", As.Agent },
        { "POST", $"/v1/tasks/{Task}/running", As.Agent },
        { "POST", $"/v1/tasks/{Task}/completed", As.Agent },
        { "POST", $"/v1/tasks/{Task}/failed", As.Agent },
        { "POST", $"/v1/tasks/{Task}/requeue", As.Admin },
        { "POST", $"/v1/tasks/{Task}/force-fail", As.Admin },
        { "POST", "/v1/devices/line5/leases", As.User },
    };

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Malformed_json_a_body_of_the_wrong_shape_and_a_member_of_the_wrong_type_are_typed_400s(string method, string path, As caller)
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var client = Caller(host, caller);
        var url = path.Replace(Task, (await host.SubmitAsync()).Id.ToString(), StringComparison.Ordinal);

        foreach (var body in (string[])["{\"device\": 5", "[1, 2]", "\"text\"", "{\"agentId\": [], \"circuit\": {}, \"shots\": \"many\", \"waitMs\": \"soon\", " +
                     "\"force\": \"yes\", \"reason\": 7, \"ttlSeconds\": \"long\", \"qubits\": 1, \"generator\": 5, \"taskIds\": [\"zz\"], \"code\": 1}"])
        {
            var problem = await Expect.ProblemAsync(await Send(client, method, url, body), 400, "request.invalid");
            Assert.DoesNotContain("Qonduit.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_missing_body_where_one_is_required_is_a_typed_400_and_a_non_json_body_a_typed_415()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.ProblemAsync(await host.Alice.PostAsync("/v1/tasks", new StringContent("", Encoding.UTF8, "application/json")), 400, "request.invalid");
        await Expect.ProblemAsync(await host.Alice.PostAsync("/v1/tasks", null), 400, "request.invalid");
        await Expect.ProblemAsync(await host.Alice.PostAsync("/v1/tasks", new StringContent("{}", Encoding.UTF8, "text/plain")), 415, "request.unsupported-media-type");
    }

    [Fact]
    public async Task Bad_query_values_are_typed_400s()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        foreach (var (query, code) in ((string, string)[])[
                     ("/v1/tasks?limit=abc", "request.invalid"), ("/v1/tasks?limit=0", "task.invalid-limit"), ("/v1/tasks?limit=100000", "task.invalid-limit"),
                     ("/v1/tasks?cursor=-3", "task.invalid-cursor"), ("/v1/tasks?cursor=abc", "task.invalid-cursor"),
                     ("/v1/tasks?cursor=99999999999999999999999", "task.invalid-cursor"), ("/v1/tasks?state=done", "task.invalid-state"),
                     ("/v1/events?task=zz", "events.invalid-task"), ("/v1/events?lastEventId=zz", "events.invalid-last-event-id")])
            await Expect.ProblemAsync(await host.Alice.GetAsync(query), 400, code);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/events");
        request.Headers.Add("Last-Event-ID", "zz");
        await Expect.ProblemAsync(await host.Alice.SendAsync(request), 400, "events.invalid-last-event-id");
    }

    [Fact]
    public async Task A_negative_claim_wait_is_a_typed_400_and_an_overlong_one_is_cut_to_the_servers_bound()
    {
        await using var host = await ControlPlaneHost.StartAsync(configure: o => o.MaxClaimWaitMs = 0);
        var refused = await host.Agent.PostAsJsonAsync("/v1/agent/claim", new { agentId = "a", waitMs = -5 });
        await Expect.ProblemAsync(refused, 400, "agent.invalid-wait");

        // With the bound at 0 a wait of an hour answers at once instead of holding the request.
        var cut = await host.Agent.PostAsJsonAsync("/v1/agent/claim", new { agentId = "a", waitMs = 3_600_000 });
        await Expect.StatusAsync(cut, 204);
    }

    [Fact]
    public async Task Unknown_devices_tasks_and_versions_are_typed_404s()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var unknownTask = Guid.NewGuid();
        await Expect.ProblemAsync(await host.Alice.PostAsJsonAsync("/v1/tasks", new { device = "nowhere", circuit = Samples.Bell, shots = 10 }), 404, "device.not-found");
        await Expect.ProblemAsync(await host.Alice.PostAsJsonAsync("/v1/devices/nowhere/viability", new { circuit = Samples.Bell }), 404, "device.not-found");
        await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/devices/nowhere"), 404, "device.not-found");
        await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/devices/nowhere/snapshots"), 404, "device.not-found");
        await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/devices/line5/snapshots/99"), 404, "device.version-not-found");
        await Expect.ProblemAsync(await host.Admin.PatchAsJsonAsync("/v1/devices/nowhere", new { }), 404, "device.not-found");
        await Expect.ProblemAsync(await host.Alice.GetAsync($"/v1/tasks/{unknownTask}/result"), 404, "task.not-found");
        await Expect.ProblemAsync(await host.Admin.PostAsJsonAsync($"/v1/tasks/{unknownTask}/requeue", new { }), 404, "task.not-found");
    }

    [Fact]
    public async Task A_malformed_task_id_or_snapshot_version_gets_the_same_domain_404_as_an_unknown_one()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/tasks/abc"), 404, "task.not-found");
        await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/tasks/abc/result"), 404, "task.not-found");
        await Expect.ProblemAsync(await host.Alice.PostAsync("/v1/tasks/abc/cancel", null), 404, "task.not-found");
        await Expect.ProblemAsync(await host.Agent.PostAsJsonAsync("/v1/tasks/abc/completed", new { agentId = "a" }), 404, "task.not-found");
        await Expect.ProblemAsync(await host.Admin.PostAsJsonAsync("/v1/tasks/abc/requeue", new { }), 404, "task.not-found");
        await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/devices/line5/snapshots/latest"), 404, "device.version-not-found");
        await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/devices/line5/snapshots/1.5"), 404, "device.version-not-found");

        // Still behind authentication, and a real route below a malformed id is still the router's.
        await Expect.StatusAsync(await host.Anonymous.GetAsync("/v1/tasks/abc"), 401);
        await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/tasks/abc/nothing"), 404, "http.not-found");
    }

    private static HttpClient Caller(ControlPlaneHost host, As caller) => caller switch
    {
        As.User => host.Alice,
        As.Agent => host.Agent,
        _ => host.Admin,
    };

    private static Task<HttpResponseMessage> Send(HttpClient client, string method, string url, string body) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
}
