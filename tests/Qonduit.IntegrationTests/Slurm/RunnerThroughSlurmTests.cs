using Qonduit.Agent.Scheduling;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Devices.Generators;
using Qonduit.Scheduling.Slurm;

namespace Qonduit.IntegrationTests.Slurm;

/// <summary>The real `qonduit runner` as a Slurm job, and the runner's hermeticity.</summary>
[Collection(RealSlurmCollection.Name)]
public sealed class RunnerThroughSlurmTests
{
    private static string Materialise()
    {
        var dir = RealSlurm.NewDirectory("task");
        PayloadFile.Write(dir, new RunPayload
        {
            TaskId = Path.GetFileName(dir),
            Dialect = Dialects.OpenQasm2,
            Circuit = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\ncreg c[3];\nh q[0];\ncx q[0],q[1];\ncx q[1],q[2];\nmeasure q -> c;\n",
            Shots = 4000,
            Seed = 2024,
            Snapshot = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Line, 5, Seed: 1, Name: "line5")),
        });
        return dir;
    }

    [Fact]
    public async Task The_runner_as_a_slurm_job_writes_a_result_with_all_shots()
    {
        var dir = Materialise();
        var scheduler = new SlurmScheduler(new SlurmOptions { RunnerCommand = [RealSlurm.Qonduit()] });
        var outcome = await scheduler.SubmitAsync(dir, CancellationToken.None);
        var job = new JobRef(Assert.IsType<SubmitOutcome.Accepted>(outcome).JobId, dir);

        Assert.Equal(JobEndState.Completed, (await SlurmSchedulerRealTests.Ended(scheduler, job)).State);
        var result = Assert.IsType<Artifact<RunResult>.Present>(ArtifactFiles.ReadResult(dir)).Value;
        Assert.Equal(4000, result.Counts.Values.Sum());
    }

    [Fact]
    public async Task A_command_task_as_a_slurm_job_runs_the_operators_argv_in_its_run_directory_and_completes_with_its_outputs()
    {
        var dir = RealSlurm.NewDirectory("command");
        PayloadFile.Write(dir, new RunPayload
        {
            TaskId = Path.GetFileName(dir),
            Dialect = Dialects.OpenQasm3,
            Circuit = "",
            Shots = 0,
            Seed = 1,
            Snapshot = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Line, 1, Seed: 1, Name: "command")),
            Command = new CommandRun
            {
                Name = "diag", Argv = ["/bin/sh", "-c", """printf '{"eigenvalue": %s, "cwd": "%s"}' "$1" "$(pwd)" > outputs.json""", "diag"], Args = ["-1.5"],
                TimeoutSeconds = 60,
            },
        });
        var scheduler = new SlurmScheduler(new SlurmOptions { RunnerCommand = [RealSlurm.Qonduit()] });
        var job = new JobRef(Assert.IsType<SubmitOutcome.Accepted>(await scheduler.SubmitAsync(dir, CancellationToken.None)).JobId, dir);

        Assert.Equal(JobEndState.Completed, (await SlurmSchedulerRealTests.Ended(scheduler, job)).State);
        var outputs = Assert.IsType<Artifact<RunResult>.Present>(ArtifactFiles.ReadResult(dir)).Value.Command!.Outputs!.Value;
        Assert.Equal((-1.5, Path.GetFullPath(dir)), (outputs.GetProperty("eigenvalue").GetDouble(), outputs.GetProperty("cwd").GetString()));
    }

    [Fact]
    public void A_preserved_directory_rerun_without_a_network_gives_identical_counts()
    {
        var dir = Materialise();
        Assert.Equal(0, RealSlurm.Run(RealSlurm.Qonduit(), "runner", dir).ExitCode);
        var first = ((Artifact<RunResult>.Present)ArtifactFiles.ReadResult(dir)).Value.Counts;

        // unshare -n: a new network namespace with no interfaces but a downed loopback; the runner needs none.
        var isolated = RealSlurm.Run("unshare", "-n", RealSlurm.Qonduit(), "runner", dir);
        Assert.True(isolated.ExitCode == 0, isolated.Stderr);
        var second = ((Artifact<RunResult>.Present)ArtifactFiles.ReadResult(dir)).Value.Counts;

        Assert.Equal(first.OrderBy(c => c.Key), second.OrderBy(c => c.Key));
    }
}
