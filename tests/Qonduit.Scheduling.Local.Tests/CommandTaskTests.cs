using Qonduit.Agent.Runs;
using Qonduit.Agent.Scheduling;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Devices.Generators;
using Qonduit.Errors;
using Qonduit.Tests.Shared;

namespace Qonduit.Scheduling.Local.Tests;

/// <summary>
/// A command task through the local adapter with the real `qonduit runner` process (docs/architecture.md "Command
/// tasks"): the runner every scheduler runs serves commands too, so nothing of the adapter knows them.
/// </summary>
public sealed class CommandTaskTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qonduit-local-command-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The CLI's build output, which the solution's build makes beside this test's.</summary>
    private static string Qonduit()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(RepoPaths.Root, "src", "Qonduit.Cli", "bin", configuration, "net10.0", "qonduit");
        return File.Exists(path) ? path : throw new FileNotFoundException($"build src/Qonduit.Cli ({configuration}) first: {path} is missing");
    }

    private void WritePayload(string script, IReadOnlyList<string> args, string? stdin = null) => PayloadFile.Write(_dir, new RunPayload
    {
        TaskId = Path.GetFileName(_dir),
        Dialect = Dialects.OpenQasm3,
        Circuit = "",
        Shots = 0,
        Seed = 1,
        Snapshot = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Line, 1, Seed: 1, Name: "command")),
        Command = new CommandRun { Name = "diag", Argv = ["/bin/sh", "-c", script, "diag"], Args = args, Stdin = stdin, TimeoutSeconds = 60 },
    });

    private async Task<(JobTermination End, FinalReport Report)> RunAsync()
    {
        var scheduler = new LocalProcessScheduler(new LocalSchedulerOptions { RunnerCommand = [Qonduit()], MaxConcurrent = 1 });
        var job = new JobRef(Assert.IsType<SubmitOutcome.Accepted>(await scheduler.SubmitAsync(_dir, CancellationToken.None)).JobId, _dir);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await scheduler.ObserveActiveAsync([job], patience.Token)).Contains(job.JobId))
            await Task.Delay(20, patience.Token);
        var end = await scheduler.QueryTerminalAsync(job, patience.Token) ?? throw new InvalidOperationException("ended but no terminal state");
        return (end, Finalisation.Decide(end, _dir));
    }

    [Fact]
    public async Task A_command_task_runs_in_a_runner_process_and_completes_with_the_outputs_it_wrote_and_its_stdout()
    {
        WritePayload("""read energy; printf '{"energy": %s, "iterations": %s}' "$energy" "$1" > outputs.json; echo converged""", ["12"], "-1.137\n");

        var (end, report) = await RunAsync();

        Assert.Equal(JobEndState.Completed, end.State);
        var command = Assert.IsType<FinalReport.Completed>(report).Result.Command!;
        Assert.Equal((0, "converged\n"), (command.ExitCode, command.StdoutTail));
        Assert.Equal(-1.137, command.Outputs!.Value.GetProperty("energy").GetDouble());
        Assert.Equal(12, command.Outputs.Value.GetProperty("iterations").GetInt32());
    }

    [Fact]
    public async Task A_command_that_exits_non_zero_in_a_runner_process_is_reported_failed_as_command_failed_from_the_runner()
    {
        WritePayload("echo 'no convergence' >&2; exit 4", []);

        var (_, report) = await RunAsync();

        var failure = Assert.IsType<FinalReport.Failed>(report).Failure;
        Assert.Equal((ErrorCodes.Command.Failed, "runner"), (failure.Code, failure.Origin));
        Assert.Contains("exited with code 4", failure.Message);
        Assert.Contains("no convergence", failure.Message);
    }
}
