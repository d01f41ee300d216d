using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Qonduit.Devices.Generators;
using Qonduit.Devices.Snapshots;
using Qonduit.Server;
using Qonduit.Server.Auth;
using Qonduit.Storage;

namespace Qonduit.Client.Tests;

public sealed class QonduitClientTests : IAsyncLifetime
{
    private const string Bell = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nsx q[0];\ncz q[0],q[1];\nmeasure q -> c;\n";
    private readonly InMemoryControlPlaneStore _store = new();
    private WebApplicationFactory<Program> _factory = null!;
    private QonduitClient _admin = null!;
    private QonduitClient _user = null!;
    private QonduitClient _agent = null!;

    public async Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("Logging:LogLevel:Default", "Warning").ConfigureTestServices(s =>
        {
            s.AddSingleton<IControlPlaneStore>(_store);
            s.Configure<ServerOptions>(o => o.SeedBundledDevices = false);
        }));
        _admin = await ClientAsync("admin", ApiKeyRole.Admin);
        _user = await ClientAsync("alice", ApiKeyRole.User);
        _agent = await ClientAsync("agent", ApiKeyRole.Agent);
        var line = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Line, 3, Seed: 2, Name: "line3"));
        await _admin.RegisterDeviceAsync("line3", DeviceRegistration.FromSnapshot(line));
    }

    private async Task<QonduitClient> ClientAsync(string name, ApiKeyRole role)
    {
        var (_, secret) = await ApiKeys.CreateAsync(_store, name, role, DateTimeOffset.UtcNow);
        return new QonduitClient(_factory.CreateClient(), secret);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_task_goes_from_submit_through_claim_and_report_to_its_counts()
    {
        var task = await _user.SubmitAsync(new SubmitTask("line3", Bell, 100, Seed: 5));
        Assert.Equal(QuantumTaskState.Queued, task.State);
        var work = await _agent.ClaimAsync(new ClaimRequest("agent-1"));
        Assert.Equal((task.Id, "line3"), (work!.Task.Id, work.Device().Device));
        await _agent.ReportRunningAsync(task.Id, new ReportRunning("agent-1", "job-7"));
        await _agent.ReportCompletedAsync(task.Id, new ReportCompleted("agent-1", JsonDocument.Parse("""{"counts":{"00":70,"11":30}}""").RootElement));

        var result = await _user.GetResultAsync(task.Id);
        Assert.Equal(QuantumTaskState.Completed, result.State);
        Assert.Equal(new Dictionary<string, long> { ["00"] = 70, ["11"] = 30 }, result.Counts());
        Assert.Equal([task.Id], (await _user.ListTasksAsync(new TaskQueryOptions(QuantumTaskState.Completed))).Items.Select(t => t.Id));
        Assert.Null(await _agent.ClaimAsync(new ClaimRequest("agent-1")));
    }

    [Fact]
    public async Task A_trajectory_budget_travels_with_the_task_to_the_agent_and_back_in_the_result()
    {
        var task = await _user.SubmitAsync(new SubmitTask("line3", Bell, 100, Trajectories: 8));
        Assert.Equal(8, task.Trajectories);
        var work = await _agent.ClaimAsync(new ClaimRequest("agent-1"));
        Assert.Equal(8, work!.Task.Trajectories);
        await _agent.ReportRunningAsync(task.Id, new ReportRunning("agent-1", "job-8"));
        await _agent.ReportCompletedAsync(task.Id, new ReportCompleted("agent-1",
            JsonDocument.Parse("""{"counts":{"00":60,"11":40},"simulations":5,"trajectories":8}""").RootElement));

        Assert.Equal(8, (await _user.GetResultAsync(task.Id)).Trajectories());
        var invalid = await Assert.ThrowsAsync<QonduitApiException>(() => _user.SubmitAsync(new SubmitTask("line3", Bell, 100, Trajectories: 0)));
        Assert.Equal("task.invalid-trajectories", invalid.Code);
    }

    [Fact]
    public async Task Refusals_are_typed_exceptions_carrying_the_problem_details()
    {
        var error = await Assert.ThrowsAsync<QonduitApiException>(() => _user.SubmitAsync(new SubmitTask("line3", Bell.Replace("sx", "h"), 10, Transpile: false)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Equal("admission.inadmissible", error.Code);
        Assert.Equal("admission", error.Problem.Origin);
        Assert.NotNull(error.Problem.CorrelationId);
        Assert.NotNull(error.Problem.Timestamp);
        Assert.True(error.Problem.Extra!["violations"].GetArrayLength() >= 1);

        var missing = await Assert.ThrowsAsync<QonduitApiException>(() => _user.GetTaskAsync(Guid.NewGuid()));
        Assert.Equal("task.not-found", missing.Code);
        var forbidden = await Assert.ThrowsAsync<QonduitApiException>(() => _user.ListAgentsAsync());
        Assert.Equal("auth.forbidden", forbidden.Code);
    }

    [Fact]
    public async Task Devices_can_be_listed_patched_and_read_back_by_version()
    {
        var change = await _admin.PatchDeviceAsync("line3", new DevicePatch(Qubits: [new QubitChange(1, QubitStatus.Offline)]));
        Assert.Equal(2, change.Version);
        Assert.Equal(2, (await _user.ListDevicesAsync()).Single().Version);
        Assert.Equal(QubitStatus.Offline, SnapshotJson.Deserialize(await _user.GetDeviceJsonAsync("line3")).Qubits[1].Status);
        Assert.Equal(QubitStatus.Online, SnapshotJson.Deserialize(await _user.GetDeviceJsonAsync("line3", 1)).Qubits[1].Status);
        Assert.Equal([1, 2], (await _user.DeviceHistoryAsync("line3")).Select(h => h.Version));
        Assert.False((await _user.CheckViabilityAsync("line3", new ViabilityQuery(Bell))).Admissible);
    }

    [Fact]
    public async Task The_event_reader_resumes_after_the_last_event_id()
    {
        var first = await _user.SubmitAsync(new SubmitTask("line3", Bell, 10));
        var second = await _user.SubmitAsync(new SubmitTask("line3", Bell, 10));
        var seen = new List<ServerEvent>();
        await foreach (var e in _user.EventsAsync(new EventSubscription(Types: ["task.*"]), lastEventId: 0))
        {
            seen.Add(e);
            if (seen.Count == 2) break;
        }
        Assert.Equal([first.Id, second.Id], seen.Select(e => e.TaskId!.Value));

        await _user.CancelAsync(first.Id);
        await foreach (var e in _user.EventsAsync(new EventSubscription(Types: ["task.*"]), lastEventId: seen[^1].Sequence))
        {
            Assert.Equal(("task.cancelled", first.Id), (e.Type, e.TaskId!.Value));
            Assert.Equal("cancelled", e.Data.GetProperty("state").GetString());
            break;
        }
    }
}
