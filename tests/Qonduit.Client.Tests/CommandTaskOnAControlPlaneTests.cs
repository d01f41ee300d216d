using System.Net.Http.Json;
using Qonduit.Agent;
using Qonduit.Agent.Commands;
using Qonduit.Agent.ControlPlane;
using Qonduit.Contracts.Resources;
using Qonduit.Scheduling.InProcess;
using Qonduit.Server.Auth;
using Qonduit.Server.Tests.Infrastructure;
using Qonduit.Storage;
using Qonduit.Tests.Shared.Storage;

namespace Qonduit.Client.Tests;

/// <summary>
/// A command task from end to end (docs/architecture.md "Command tasks"): the operator's declaration in the agent's
/// options, a submission naming it, placement on the agent's pool, the runner on the agent's threads, the result read back.
/// </summary>
public sealed class CommandTaskOnAControlPlaneTests
{
    [Fact]
    public async Task A_declared_command_submitted_by_name_runs_on_the_agents_pool_and_its_outputs_and_failures_read_back()
    {
        await using var host = await ControlPlaneHost.StartAsync(StoreKind.Sqlite);
        var key = await host.KeyAsync("agent", ApiKeyRole.Agent);
        var root = Directory.CreateTempSubdirectory("qonduit-agent-");
        using var scheduler = new InProcessScheduler(new InProcessSchedulerOptions { MaxConcurrent = 2 });
        var commands = new Dictionary<string, DeclaredCommand>
        {
            // The operator's script; the user's args are its positional parameters, its stdin the task's.
            ["diag"] = new() { Argv = ["/bin/sh", "-c", """read h; printf '{"h": %s, "n": %s}' "$h" "$1" > outputs.json; echo diagonalised""", "diag"] },
            ["fail"] = new() { Argv = ["/bin/sh", "-c", "echo 'not positive definite' >&2; exit 2", "fail"] },
        };
        var agent = new AgentWorker(
            new HttpControlPlane(host.WithKey(key), key, "solver", pools: [new PoolDeclaration("cpu-a", "cpu", 2)], commands: [.. commands.Keys]),
            scheduler, new AgentOptions
            {
                AgentId = "solver", Slots = 2, RunRoot = root.FullName, HeartbeatInterval = TimeSpan.FromMilliseconds(200), Commands = commands,
            });
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => agent.RunAsync(stop.Token));

        async Task<Guid> SubmitAsync(string name, params string[] args)
        {
            var response = await host.Alice.PostAsJsonAsync("/v1/tasks",
                new SubmitTaskRequest(null, null, null, null, Requirement: "select[kind=='cpu']", Command: new TaskCommand(name, args, "0.25\n")));
            Assert.Equal(201, (int)response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<TaskView>())!.Id;
        }
        var ok = await SubmitAsync("diag", "8");
        var failing = await SubmitAsync("fail");
        await Eventually.TrueAsync(() => host.Store.GetTask(ok)!.IsTerminal && host.Store.GetTask(failing)!.IsTerminal, "both command tasks to end");
        await stop.CancelAsync();
        await run;
        root.Delete(recursive: true);

        var done = (await host.Alice.GetFromJsonAsync<TaskResultView>($"/v1/tasks/{ok}/result"))!;
        Assert.Equal(TaskState.Completed, done.State);
        var command = done.Result!.Command!;
        Assert.Equal((0, "diagonalised\n"), (command.ExitCode, command.StdoutTail));
        Assert.Equal((0.25, 8), (command.Outputs!.Value.GetProperty("h").GetDouble(), command.Outputs.Value.GetProperty("n").GetInt32()));
        var failed = (await host.Alice.GetFromJsonAsync<TaskResultView>($"/v1/tasks/{failing}/result"))!;
        Assert.Equal((TaskState.Failed, ErrorCodes.Command.Failed, "runner"), (failed.State, failed.Error!.Code, failed.Error.Origin));
        Assert.Contains("not positive definite", failed.Error.Message);
        Assert.Equal("cpu-a", host.Store.GetTask(ok)!.Resource);
    }
}
