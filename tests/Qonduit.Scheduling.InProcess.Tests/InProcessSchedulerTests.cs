using Qonduit.Agent.Runs;
using Qonduit.Agent.Scheduling;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Contracts.Tasks;
using Qonduit.Devices.Generators;
using Qonduit.Devices.Snapshots;
using Qonduit.Errors;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Scheduling.InProcess.Tests;

public sealed class InProcessSchedulerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qonduit-inprocess-test-").FullName;
    private const string Circuit = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nx q[0];\nmeasure q -> c;\n";
    private static readonly DeviceSnapshot Line3 = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Line, 3, Seed: 7, Name: "line3"));
    /// <summary>With a hundred thousand noisy shots (one error pattern each): far longer than a test waits.</summary>
    private static readonly string LongCircuit =
        "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\n" + string.Concat(Enumerable.Repeat("x q[0];\nx q[1];\n", 200)) + "measure q -> c;\n";

    private readonly InProcessScheduler _scheduler = new(new InProcessSchedulerOptions { MaxConcurrent = 2 });

    public void Dispose()
    {
        _scheduler.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private void WritePayload(string circuit = Circuit, int shots = 200) => PayloadFile.Write(_dir, new RunPayload
    {
        TaskId = Guid.NewGuid().ToString(),
        Dialect = Dialects.OpenQasm2,
        Circuit = circuit,
        Shots = shots,
        Seed = 5,
        Snapshot = Line3,
    });

    private async Task<JobRef> Submit()
    {
        var outcome = await _scheduler.SubmitAsync(_dir, CancellationToken.None);
        return new JobRef(Assert.IsType<SubmitOutcome.Accepted>(outcome).JobId, _dir);
    }

    /// <summary>Waits on the adapter's end signal, never on a clock.</summary>
    private async Task<JobTermination> Ended(JobRef job)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var next = _scheduler.NextEnd;
            if (!(await _scheduler.ObserveActiveAsync([job], patience.Token)).Contains(job.JobId))
                return await _scheduler.QueryTerminalAsync(job, patience.Token) ?? throw new InvalidOperationException("ended but no terminal state");
            await next.WaitAsync(patience.Token);
        }
    }

    [Fact]
    public async Task A_job_runs_the_hermetic_runner_on_the_run_directory_and_leaves_the_same_artifacts()
    {
        WritePayload();

        var end = await Ended(await Submit());

        Assert.Equal((JobEndState.Completed, 0), (end.State, end.ExitCode));
        var result = Assert.IsType<Artifact<RunResult>.Present>(ArtifactFiles.ReadResult(_dir));
        Assert.Equal(200, result.Value.Counts.Values.Sum());
        Assert.True(File.Exists(Path.Combine(_dir, RunFiles.Log)));
        Assert.IsType<FinalReport.Completed>(Finalisation.Decide(end, _dir));
    }

    /// <summary>A command task's payload in the run directory: no circuit, no shots.</summary>
    private void WriteCommand(CommandRun command) => PayloadFile.Write(_dir, new RunPayload
    {
        TaskId = Guid.NewGuid().ToString(), Dialect = Dialects.OpenQasm3, Circuit = "", Shots = 0, Seed = 5, Snapshot = Line3, Command = command,
    });

    [Fact]
    public async Task A_command_task_runs_through_the_same_runner_on_the_agents_threads_and_completes_with_its_outputs()
    {
        WriteCommand(new CommandRun
        {
            Name = "postprocess", Argv = ["/bin/sh", "-c", """printf '{"mitigated": %s}' "$1" > outputs.json""", "postprocess"], Args = ["0.97"],
            TimeoutSeconds = 30,
        });

        var end = await Ended(await Submit());

        Assert.Equal(JobEndState.Completed, end.State);
        var command = Assert.IsType<FinalReport.Completed>(Finalisation.Decide(end, _dir)).Result.Command!;
        Assert.Equal(0.97, command.Outputs!.Value.GetProperty("mitigated").GetDouble());
    }

    [Fact]
    public async Task A_command_past_its_timeout_in_process_fails_as_command_timeout_from_the_runner()
    {
        WriteCommand(new CommandRun { Name = "optimise", Argv = ["sleep", "60"], TimeoutSeconds = 1 });

        var end = await Ended(await Submit());

        var failed = Assert.IsType<FinalReport.Failed>(Finalisation.Decide(end, _dir));
        Assert.Equal((ErrorCodes.Command.Timeout, "runner"), (failed.Failure.Code, failed.Failure.Origin));
    }

    [Fact]
    public async Task A_runner_failure_becomes_error_json_and_a_runner_failure_report_as_with_a_runner_process()
    {
        WritePayload("OPENQASM 2.0;\nqreg q[2];\nfrobnicate q[0];\n");

        var end = await Ended(await Submit());

        Assert.Equal((JobEndState.Failed, 1), (end.State, end.ExitCode));
        var failed = Assert.IsType<FinalReport.Failed>(Finalisation.Decide(end, _dir));
        Assert.Equal(("runner.circuit-invalid", "runner"), (failed.Failure.Code, failed.Failure.Origin));
        Assert.Contains("runner.circuit-invalid", File.ReadAllText(Path.Combine(_dir, InProcessScheduler.OutputFile)));
    }

    [Fact]
    public async Task A_running_job_tells_the_adapter_its_progress_without_a_progress_file_and_a_cancel_stops_it()
    {
        WritePayload(LongCircuit, shots: 100_000);
        var job = await Submit();

        await Eventually.TrueAsync(() => _scheduler.LatestProgress(job) is { Phase: ProgressPhase.Simulate, Done: > 0 }, "the simulate phase's progress");
        Assert.False(File.Exists(Path.Combine(_dir, RunFiles.Progress)));
        await _scheduler.CancelAsync(job, CancellationToken.None);

        Assert.Equal(JobEndState.Cancelled, (await Ended(job)).State);
        Assert.Null(_scheduler.LatestProgress(job));
    }

    [Fact]
    public async Task An_interrupt_cancels_a_running_job_which_ends_cancelled_as_interrupted_leaving_no_artifact()
    {
        WritePayload(LongCircuit, shots: 100_000);
        var job = await Submit();
        await Eventually.TrueAsync(() => _scheduler.LatestProgress(job) is { Phase: ProgressPhase.Simulate, Done: > 0 }, "the simulate phase's progress");

        await _scheduler.InterruptAsync(job, CancellationToken.None);

        var end = await Ended(job);
        Assert.Equal(JobEndState.Cancelled, end.State);
        Assert.Contains("interrupted", end.Reason, StringComparison.Ordinal);
        Assert.IsType<Artifact<RunResult>.Missing>(ArtifactFiles.ReadResult(_dir));
    }

    [Fact]
    public async Task Interrupting_a_job_that_already_ended_changes_nothing()
    {
        WritePayload();
        var job = await Submit();
        while ((await _scheduler.ObserveActiveAsync([job], CancellationToken.None)).Count > 0) await _scheduler.NextEnd.WaitAsync(TimeSpan.FromSeconds(30));

        await _scheduler.InterruptAsync(job, CancellationToken.None);

        Assert.Equal(JobEndState.Completed, (await _scheduler.QueryTerminalAsync(job, CancellationToken.None))?.State);
    }

    [Fact]
    public async Task A_job_id_from_an_adapter_that_is_gone_is_lost_and_finalisation_reports_what_its_run_left()
    {
        WritePayload();
        var job = await Submit();
        await Ended(job);
        using var afterRestart = new InProcessScheduler(new InProcessSchedulerOptions());

        Assert.Empty(await afterRestart.ObserveActiveAsync([job], CancellationToken.None));
        var end = await afterRestart.QueryTerminalAsync(job, CancellationToken.None);

        Assert.Equal(JobEndState.Lost, end?.State);
        Assert.IsType<FinalReport.Completed>(Finalisation.Decide(end!, _dir));
    }

    [Fact]
    public async Task Cancelling_a_job_that_already_ended_changes_nothing()
    {
        WritePayload();
        var job = await Submit();
        while ((await _scheduler.ObserveActiveAsync([job], CancellationToken.None)).Count > 0) await _scheduler.NextEnd.WaitAsync(TimeSpan.FromSeconds(30));

        await _scheduler.CancelAsync(job, CancellationToken.None);

        Assert.Equal(JobEndState.Completed, (await _scheduler.QueryTerminalAsync(job, CancellationToken.None))?.State);
    }

    [Fact]
    public async Task A_shut_down_adapter_refuses_new_jobs()
    {
        WritePayload();
        _scheduler.Dispose();

        Assert.IsType<SubmitOutcome.Refused>(await _scheduler.SubmitAsync(_dir, CancellationToken.None));
    }
}
