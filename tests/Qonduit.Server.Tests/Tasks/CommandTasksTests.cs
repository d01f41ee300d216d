using System.Net.Http.Json;
using System.Text.Json;
using Qonduit.Contracts.Agents;
using Qonduit.Contracts.Devices;
using Qonduit.Contracts.Resources;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Devices.Snapshots;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Tasks;

/// <summary>
/// Command tasks on the control plane (docs/architecture.md "Command tasks"): admitted without a circuit, placed only on
/// a pool whose claiming agent declares the command, and read back with the command's outputs.
/// </summary>
public sealed class CommandTasksTests
{
    private const string CpuPools = "select[kind=='cpu']";

    private static Task<HttpResponseMessage> HeartbeatAsync(ControlPlaneHost host, string agentId, params string[] commands) =>
        host.Agent.PostAsJsonAsync("/v1/agent/heartbeat",
            new HeartbeatRequest(agentId, [], "i-1", 5_000, Pools: [new PoolDeclaration("cpu-a", "cpu", 4)], Commands: commands.Length == 0 ? null : commands));

    private static Task<HttpResponseMessage> SubmitAsync(ControlPlaneHost host, TaskCommand command, string? requirement = CpuPools) =>
        host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest(null, null, null, null, Requirement: requirement, Command: command));

    private static async Task<TaskView> SubmittedAsync(ControlPlaneHost host, TaskCommand command)
    {
        var response = await SubmitAsync(host, command);
        await Expect.StatusAsync(response, 201);
        return (await response.Content.ReadFromJsonAsync<TaskView>())!;
    }

    private static async Task<ClaimResponse?> ClaimAsync(ControlPlaneHost host, string agentId)
    {
        var response = await host.Agent.PostAsJsonAsync("/v1/agent/claim", new ClaimRequest(agentId, 1, ["none"], 0, "i-1"));
        if ((int)response.StatusCode == 204) return null;
        await Expect.StatusAsync(response, 200);
        return await response.Content.ReadFromJsonAsync<ClaimResponse>();
    }

    [Fact]
    public async Task A_command_task_is_stored_under_the_reserved_device_with_its_command_and_no_circuit_or_shots()
    {
        await using var host = await ControlPlaneHost.StartAsync();

        var task = await SubmittedAsync(host, new TaskCommand("diag", ["--n", "4"], "{\"h\": 1}"));

        Assert.Equal(("command", "diag", 0, CpuPools), (task.Device, task.Command, task.Shots, task.Requirement));
        var stored = host.Store.GetTask(task.Id)!.Command!;
        Assert.Equal(("diag", "--n 4", "{\"h\": 1}"), (stored.Name, string.Join(' ', stored.Args!), stored.Stdin));
    }

    public static TheoryData<SubmitTaskRequest, string> Refused => new()
    {
        { new SubmitTaskRequest(null, Samples.Bell, null, null, Requirement: CpuPools, Command: new TaskCommand("diag")), "command.mixed-fields" },
        { new SubmitTaskRequest("line5", null, null, null, Requirement: CpuPools, Command: new TaskCommand("diag")), "command.mixed-fields" },
        { new SubmitTaskRequest(null, null, null, 100, Requirement: CpuPools, Command: new TaskCommand("diag")), "command.mixed-fields" },
        { new SubmitTaskRequest(null, null, null, null, Transpile: false, Requirement: CpuPools, Command: new TaskCommand("diag")), "command.mixed-fields" },
        { new SubmitTaskRequest(null, null, null, null, Trajectories: 4, Requirement: CpuPools, Command: new TaskCommand("diag")), "command.mixed-fields" },
        { new SubmitTaskRequest(null, null, null, null, Requirement: CpuPools, Noise: "ideal", Command: new TaskCommand("diag")), "command.mixed-fields" },
        { new SubmitTaskRequest(null, null, null, null, Parameters: new Dictionary<string, double> { ["t"] = 1 }, Requirement: CpuPools, Command: new TaskCommand("diag")), "command.mixed-fields" },
        { new SubmitTaskRequest(null, null, null, null, Command: new TaskCommand("diag")), "command.pool-required" },
        { new SubmitTaskRequest(null, null, null, null, Requirement: "select[kind=='qpu']", Command: new TaskCommand("diag")), "command.pool-required" },
        { new SubmitTaskRequest(null, null, null, null, Requirement: "select[num_qubits>=2]", Command: new TaskCommand("diag")), "command.pool-required" },
        { new SubmitTaskRequest(null, null, null, null, Requirement: "{select[kind=='cpu']} || {select[kind=='qpu']}@30s", Command: new TaskCommand("diag")), "command.pool-required" },
        { new SubmitTaskRequest(null, null, null, null, Requirement: "select[kind=='cpu'", Command: new TaskCommand("diag")), "requirement.syntax" },
        { new SubmitTaskRequest(null, null, null, null, Requirement: CpuPools, Command: new TaskCommand("/bin/rm")), "command.invalid" },
        { new SubmitTaskRequest(null, null, null, null, Requirement: CpuPools, Command: new TaskCommand("diag; rm -rf /")), "command.invalid" },
        { new SubmitTaskRequest(null, null, null, null, Requirement: CpuPools, Command: new TaskCommand("9lives")), "command.invalid" },
        { new SubmitTaskRequest(null, null, null, null, Requirement: CpuPools, Command: new TaskCommand(new string('a', 65))), "command.invalid" },
        { new SubmitTaskRequest(null, null, null, null, Requirement: CpuPools, Command: new TaskCommand(null)), "command.invalid" },
        { new SubmitTaskRequest(null, null, null, null, Requirement: CpuPools, Command: new TaskCommand("diag", [.. Enumerable.Repeat("x", 257)])), "command.invalid" },
        { new SubmitTaskRequest(null, null, null, null, Requirement: CpuPools, Command: new TaskCommand("diag", [new string('x', 4097)])), "command.invalid" },
        { new SubmitTaskRequest(null, null, null, null, Requirement: CpuPools, Command: new TaskCommand("diag", Stdin: new string('x', 64 * 1024 + 1))), "command.invalid" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_command_task_mixing_circuit_fields_breaking_a_bound_or_not_confined_to_pools_is_refused_400_and_stores_nothing(
        SubmitTaskRequest request, string code)
    {
        await using var host = await ControlPlaneHost.StartAsync();

        await Expect.ProblemAsync(await host.Alice.PostAsJsonAsync("/v1/tasks", request), 400, code);
        Assert.Empty(host.Store.ListTasks(new()));
    }

    [Fact]
    public async Task A_command_task_waits_with_pending_no_command_and_only_an_agent_that_declares_the_command_claims_it()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.StatusAsync(await HeartbeatAsync(host, "plain"), 200);
        var task = await SubmittedAsync(host, new TaskCommand("diag", ["--n", "4"], "stdin text"));

        Assert.Equal("pending.no-command", (await host.Alice.GetFromJsonAsync<TaskView>($"/v1/tasks/{task.Id}"))!.PendingReason!.Code);
        Assert.Null(await ClaimAsync(host, "plain"));

        await Expect.StatusAsync(await HeartbeatAsync(host, "solver", "diag", "fit"), 200);
        Assert.Equal("pending.queued-behind", (await host.Alice.GetFromJsonAsync<TaskView>($"/v1/tasks/{task.Id}"))!.PendingReason!.Code);
        Assert.Equal(["diag", "fit"], (await host.Alice.GetFromJsonAsync<ResourceView>("/v1/resources/cpu-a"))!.Commands);
        // The pool is the same, but the agent that would run it does not declare the command.
        Assert.Null(await ClaimAsync(host, "plain"));

        var claimed = (await ClaimAsync(host, "solver"))!;
        Assert.Equal((task.Id, "command"), (claimed.Task.Id, claimed.Task.Device));
        Assert.Equal(("diag", "--n 4", "stdin text"), (claimed.Task.Command!.Name, string.Join(' ', claimed.Task.Command.Args!), claimed.Task.Command.Stdin));
        Assert.Equal("command", SnapshotJson.Deserialize(claimed.Snapshot.GetRawText()).Device);
        Assert.Equal(("cpu-a", "cpu"), (host.Store.GetTask(task.Id)!.Resource, host.Store.GetTask(task.Id)!.ResourceKind));
    }

    [Fact]
    public async Task A_circuit_task_still_goes_to_an_agent_without_commands_and_a_command_task_of_another_command_waits()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.StatusAsync(await HeartbeatAsync(host, "solver", "fit"), 200);
        var command = await SubmittedAsync(host, new TaskCommand("diag"));
        await Expect.StatusAsync(await host.Agent.PostAsJsonAsync("/v1/agent/heartbeat",
            new HeartbeatRequest("sim", [], "i-1", 5_000, Pools: [new PoolDeclaration("sim-a", "sim", 1)])), 200);
        var circuit = await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest(null, Samples.Bell, null, 10, Requirement: "select[kind=='sim']"));
        await Expect.StatusAsync(circuit, 201);

        Assert.Null(await ClaimAsync(host, "solver"));
        Assert.Equal("ideal", (await ClaimAsync(host, "sim"))!.Task.Device);
        Assert.Equal("pending.no-command", (await host.Alice.GetFromJsonAsync<TaskView>($"/v1/tasks/{command.Id}"))!.PendingReason!.Code);
    }

    [Fact]
    public async Task The_result_of_a_completed_command_task_shows_its_exit_code_outputs_and_stdout_tail()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.StatusAsync(await HeartbeatAsync(host, "solver", "diag"), 200);
        var task = await SubmittedAsync(host, new TaskCommand("diag"));
        Assert.NotNull(await ClaimAsync(host, "solver"));
        using var outputs = JsonDocument.Parse("""{"energy": -1.137, "basis": [0, 3]}""");
        var result = Samples.Result() with
        {
            Device = "command", Shots = 0, Counts = new Dictionary<string, int>(),
            Command = new CommandResult("diag", 0, outputs.RootElement.Clone(), "converged\n"),
        };

        await Expect.StatusAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{task.Id}/completed", new ReportCompletedRequest("solver", result, "i-1")), 200);

        var view = (await host.Alice.GetFromJsonAsync<TaskResultView>($"/v1/tasks/{task.Id}/result"))!;
        var command = view.Result!.Command!;
        Assert.Equal((0, "converged\n"), (command.ExitCode, command.StdoutTail));
        Assert.Equal(-1.137, command.Outputs!.Value.GetProperty("energy").GetDouble());
    }

    [Fact]
    public async Task A_heartbeat_declaring_a_name_no_agent_json_could_hold_is_refused()
    {
        await using var host = await ControlPlaneHost.StartAsync();

        await Expect.ProblemAsync(await HeartbeatAsync(host, "solver", "diag", "rm -rf"), 400, "agent.invalid-pools");
    }

    [Fact]
    public async Task No_device_may_be_registered_under_the_reserved_name_of_command_tasks()
    {
        await using var host = await ControlPlaneHost.StartAsync();

        await Expect.ProblemAsync(await host.Admin.PutAsJsonAsync("/v1/devices/command", new DeviceRegistrationRequest(Generator: new GeneratorRegistration("ring", 4))),
            400, "device.invalid-name");
    }
}
