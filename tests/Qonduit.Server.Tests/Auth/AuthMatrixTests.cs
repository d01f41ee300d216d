using System.Net.Http.Json;
using Qonduit.Server.Auth;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Auth;

/// <summary>Every endpoint × {no key, user, other user, agent, admin}: who gets through, who gets 401, 403 or 404.</summary>
public sealed class AuthMatrixTests
{
    public enum As
    {
        NoKey,
        Owner,
        OtherUser,
        Agent,
        Admin,
    }

    // Expected status per caller, in the order NoKey, Owner (alice, who owns the task and the lease), OtherUser (bob), Agent, Admin.
    // "ok" means anything below 400 or a domain answer (e.g. 409 for a state conflict), i.e. authorisation let it through.
    public static TheoryData<string, string, string> Endpoints() => new()
    {
        { "GET", "/healthz", "ok ok ok ok ok" },
        { "GET", "/metrics", "401 ok ok ok ok" },
        { "GET", "/openapi/v1.json", "ok ok ok ok ok" },
        { "GET", "/docs/", "ok ok ok ok ok" },
        { "POST", "/v1/tasks", "401 ok ok 403 ok" },
        { "GET", "/v1/tasks/{id}", "401 ok 404 403 ok" },
        { "GET", "/v1/tasks", "401 ok ok 403 ok" },
        { "POST", "/v1/tasks/{id}/cancel", "401 ok 404 403 ok" },
        { "GET", "/v1/tasks/{id}/result", "401 ok 404 403 ok" },
        { "GET", "/v1/devices", "401 ok ok ok ok" },
        { "GET", "/v1/devices/line5", "401 ok ok ok ok" },
        { "GET", "/v1/devices/line5/snapshots", "401 ok ok ok ok" },
        { "GET", "/v1/devices/line5/snapshots/1", "401 ok ok ok ok" },
        { "PUT", "/v1/devices/line5", "401 403 403 403 ok" },
        { "PATCH", "/v1/devices/line5", "401 403 403 403 ok" },
        { "POST", "/v1/devices/line5/viability", "401 ok ok ok ok" },
        { "POST", "/v1/agent/claim", "401 403 403 ok 403" },
        { "POST", "/v1/agent/heartbeat", "401 403 403 ok 403" },
        { "POST", "/v1/tasks/{id}/running", "401 403 403 ok 403" },
        { "POST", "/v1/tasks/{id}/completed", "401 403 403 ok 403" },
        { "POST", "/v1/tasks/{id}/failed", "401 403 403 ok 403" },
        { "POST", "/v1/tasks/{id}/requeue", "401 403 403 403 ok" },
        { "POST", "/v1/tasks/{id}/force-fail", "401 403 403 403 ok" },
        { "GET", "/v1/agents", "401 403 403 403 ok" },
        { "GET", "/v1/events?lastEventId=0", "401 ok ok ok ok" },
        { "POST", "/v1/devices/line5/leases", "401 ok ok 403 ok" },
        { "GET", "/v1/devices/line5/leases", "401 ok ok ok ok" },
        { "GET", "/v1/leases/{lease}", "401 ok 404 403 ok" },
        { "GET", "/v1/leases/{leaseId}", "401 ok 404 403 ok" },
        { "POST", "/v1/leases/{lease}/renew", "401 ok 404 403 ok" },
        { "DELETE", "/v1/leases/{lease}", "401 ok 404 403 ok" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_role_gets_exactly_its_endpoints(string method, string path, string expected)
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var task = await host.SubmitAsync(host.Alice);
        var lease = await host.Alice.AcquireAsync();
        var outcomes = expected.Split(' ');
        var callers = new[] { host.Anonymous, host.Alice, host.Bob, host.Agent, host.Admin };
        for (var i = 0; i < callers.Length; i++)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method),
                path.Replace("{id}", task.Id.ToString()).Replace("{leaseId}", lease.LeaseId.ToString()).Replace("{lease}", lease.Token));
            request.Content = JsonContent.Create(Body(path));
            using var response = await callers[i].SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var status = (int)response.StatusCode;
            var because = $"{method} {path} as {(As)i}";
            switch (outcomes[i])
            {
                case "ok":
                    Assert.True(status is not (401 or 403 or 404), $"{because}: got {status}");
                    break;
                case "401":
                    Assert.True(status == 401, $"{because}: got {status}");
                    await Expect.ProblemAsync(response, 401, "auth.missing-key");
                    break;
                case "403":
                    Assert.True(status == 403, $"{because}: got {status}");
                    await Expect.ProblemAsync(response, 403, "auth.forbidden");
                    break;
                default:
                    Assert.True(status == 404, $"{because}: got {status}");
                    await Expect.ProblemAsync(response, 404, path.StartsWith("/v1/leases", StringComparison.Ordinal) ? "lease.not-found" : "task.not-found");
                    break;
            }
        }
    }

    private static object Body(string path) => path switch
    {
        "/v1/tasks" => new { device = "line5", circuit = Samples.Bell, shots = 10 },
        "/v1/devices/line5/viability" => new { circuit = Samples.Bell },
        "/v1/devices/line5" => new { generator = new { family = "line", qubits = 5 } },
        "/v1/agent/claim" => new { agentId = "a", waitMs = 0 },
        "/v1/agent/heartbeat" => new { agentId = "a", taskIds = Array.Empty<Guid>() },
        "/v1/devices/line5/leases" => new { waitMs = 0 },
        _ when path.EndsWith("/failed", StringComparison.Ordinal) => new { agentId = "a", code = "x", message = "y" },
        _ when path.EndsWith("/force-fail", StringComparison.Ordinal) => new { reason = "r" },
        _ when path.EndsWith("/completed", StringComparison.Ordinal) => new { agentId = "a", result = new { } },
        _ => new { agentId = "a" },
    };

    [Fact]
    public async Task An_unknown_or_revoked_key_is_refused_at_once()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.ProblemAsync(await host.WithKey("qk_not-a-key").GetAsync("/v1/devices"), 401, "auth.invalid-key");
        var (record, secret) = await ApiKeys.CreateAsync(host.Store, "carol", ApiKeyRole.User, host.Clock.GetUtcNow());
        var carol = host.WithKey(secret);
        await Expect.StatusAsync(await carol.GetAsync("/v1/devices"), 200);

        await ApiKeys.RevokeAsync(host.Store, "carol", host.Clock.GetUtcNow());
        await Expect.ProblemAsync(await carol.GetAsync("/v1/devices"), 401, "auth.revoked-key");
        Assert.NotNull(host.Store.ListKeys().Single(k => k.Id == record.Id).RevokedAt);
        Assert.DoesNotContain(host.Store.ListKeys(), k => k.Hash == secret || k.Hash.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Key_names_are_unique_among_active_keys()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var error = await Assert.ThrowsAsync<RefusedException>(() => ApiKeys.CreateAsync(host.Store, "alice", ApiKeyRole.User, host.Clock.GetUtcNow()));
        Assert.Equal("auth.key-exists", error.Code);
        await ApiKeys.RevokeAsync(host.Store, "alice", host.Clock.GetUtcNow());
        await ApiKeys.CreateAsync(host.Store, "alice", ApiKeyRole.User, host.Clock.GetUtcNow());
        var missing = await Assert.ThrowsAsync<RefusedException>(() => ApiKeys.RevokeAsync(host.Store, "nobody", host.Clock.GetUtcNow()));
        Assert.Equal("auth.key-not-found", missing.Code);
    }
}
