using Qonduit.Agent.Scheduling;

namespace Qonduit.Scheduling.Slurm.Tests;

public sealed class SlurmSchedulerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qonduit-slurm-test-").FullName;
    private readonly ScriptedCommands _commands = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private SlurmScheduler Scheduler(bool sacct = false) =>
        new(new SlurmOptions { RunnerCommand = ["qonduit"], UseSacct = sacct }, _commands);

    [Fact]
    public async Task Submit_writes_the_script_into_the_run_directory_and_returns_sbatchs_job_id()
    {
        _commands.Answer("sbatch", new CommandResult(0, "4711;qonduit\n", ""));
        var outcome = await Scheduler().SubmitAsync(_dir, CancellationToken.None);
        Assert.Equal(new SubmitOutcome.Accepted("4711"), outcome);
        Assert.True(File.Exists(Path.Combine(_dir, SbatchScript.FileName)));
        Assert.Equal(["--parsable", Path.Combine(_dir, SbatchScript.FileName)], _commands.Calls.Single().Arguments);
    }

    [Fact]
    public async Task A_failing_sbatch_is_a_refusal_carrying_its_message()
    {
        _commands.Answer("sbatch", new CommandResult(1, "", "sbatch: error: Batch job submission failed: Invalid partition name specified\n"));
        var outcome = await Scheduler().SubmitAsync(_dir, CancellationToken.None);
        var refused = Assert.IsType<SubmitOutcome.Refused>(outcome);
        Assert.Contains("Invalid partition name", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observe_asks_squeue_once_for_all_jobs_and_keeps_the_active_ones()
    {
        _commands.Answer("squeue", new CommandResult(0, "7|RUNNING\n9|PENDING\n", ""));
        var active = await Scheduler().ObserveActiveAsync([new("7", _dir), new("8", _dir), new("9", _dir)], CancellationToken.None);
        Assert.Equal(["7", "9"], active.Order());
        Assert.Contains("--jobs=7,8,9", _commands.Calls.Single().Arguments);
    }

    [Fact]
    public async Task Observe_reads_squeues_invalid_id_answer_as_nothing_active()
    {
        _commands.Answer("squeue", new CommandResult(1, "", "slurm_load_jobs error: Invalid job id specified\n"));
        Assert.Empty(await Scheduler().ObserveActiveAsync([new("8", _dir)], CancellationToken.None));
    }

    [Fact]
    public async Task Observe_concludes_nothing_when_the_controller_does_not_answer()
    {
        _commands.Answer("squeue", new CommandResult(1, "", "squeue: error: Unable to contact slurm controller (connect failure)\n"));
        await Assert.ThrowsAsync<SchedulerUnavailableException>(() => Scheduler().ObserveActiveAsync([new("8", _dir)], CancellationToken.None));
    }

    [Fact]
    public async Task A_job_scontrol_no_longer_knows_is_lost()
    {
        _commands.Answer("scontrol", new CommandResult(1, "", "slurm_load_jobs error: Invalid job id specified\n"));
        var end = await Scheduler().QueryTerminalAsync(new("8", _dir), CancellationToken.None);
        Assert.Equal(JobEndState.Lost, end?.State);
    }

    [Fact]
    public async Task With_accounting_sacct_answers_first()
    {
        _commands.Answer("sacct", new CommandResult(0, "8|TIMEOUT|0:0|TimeLimit|00:01:04\n", ""));
        var end = await Scheduler(sacct: true).QueryTerminalAsync(new("8", _dir), CancellationToken.None);
        Assert.Equal(JobEndState.TimedOut, end?.State);
        Assert.DoesNotContain(_commands.Calls, c => c.Program == "scontrol");
    }

    [Fact]
    public async Task Cancelling_a_job_that_already_ended_is_not_an_error()
    {
        _commands.Answer("scancel", new CommandResult(1, "", "scancel: error: Kill job error on job id 8: Job/step already completing or completed\n"));
        await Scheduler().CancelAsync(new("8", _dir), CancellationToken.None);
        Assert.Equal("scancel", _commands.Calls.Single().Program);
    }

    [Fact]
    public async Task Interrupt_cancels_the_job_if_still_pending_and_else_sends_SIGTERM_to_the_batch_step_and_every_process_under_it()
    {
        _commands.Answer("scancel", new CommandResult(0, "", ""));
        await Scheduler().InterruptAsync(new("8", _dir), CancellationToken.None);
        Assert.Equal([["--state=PENDING", "8"], ["--signal=TERM", "--full", "--state=RUNNING", "8"]], _commands.Calls.Select(c => c.Arguments.ToArray()));
    }

    [Fact]
    public async Task Interrupting_a_job_slurm_no_longer_knows_is_not_an_error()
    {
        _commands.Answer("scancel", new CommandResult(1, "", "scancel: error: Kill job error on job id 8: Invalid job id specified\n"));
        await Scheduler().InterruptAsync(new("8", _dir), CancellationToken.None);
        Assert.Equal(2, _commands.Calls.Count);
    }

    [Fact]
    public async Task An_interrupt_the_controller_does_not_answer_is_the_schedulers_unavailability()
    {
        _commands.Answer("scancel", new CommandResult(1, "", "scancel: error: Unable to contact slurm controller (connect failure)\n"));
        await Assert.ThrowsAsync<SchedulerUnavailableException>(() => Scheduler().InterruptAsync(new("8", _dir), CancellationToken.None));
    }

    private sealed class ScriptedCommands : ICommandRunner
    {
        private readonly Dictionary<string, CommandResult> _answers = [];

        public List<(string Program, IReadOnlyList<string> Arguments)> Calls { get; } = [];

        public void Answer(string program, CommandResult result) => _answers[program] = result;

        public Task<CommandResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
        {
            Calls.Add((program, arguments));
            return Task.FromResult(_answers.TryGetValue(program, out var result) ? result : new CommandResult(null, "", $"{program}: not scripted"));
        }
    }
}
