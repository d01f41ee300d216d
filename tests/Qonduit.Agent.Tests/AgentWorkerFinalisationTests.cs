using Qonduit.Agent.ControlPlane;
using Qonduit.Agent.Runs;
using Qonduit.Agent.Scheduling;
using Qonduit.Agent.Tests.Fakes;
using Qonduit.Contracts.RunDirectories;

namespace Qonduit.Agent.Tests;

public sealed class AgentWorkerFinalisationTests : IDisposable
{
    private readonly AgentFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private async Task<(AgentWorker Agent, string TaskId)> Claimed()
    {
        var id = _fixture.Server.Submit();
        var agent = _fixture.Agent();
        await agent.AcquireOnceAsync(CancellationToken.None);
        return (agent, id);
    }

    [Fact]
    public async Task A_job_that_wrote_its_result_is_reported_completed_with_the_result_verbatim()
    {
        var (agent, id) = await Claimed();
        AgentFixture.WriteResult(_fixture.RunDirectory(id));
        var resultJson = File.ReadAllText(Path.Combine(_fixture.RunDirectory(id), "result.json")).Trim();
        _fixture.Scheduler.Finish("fake-1", new JobTermination(JobEndState.Completed, 0));

        await agent.ObserveOnceAsync(CancellationToken.None);

        Assert.Equal("completed", _fixture.Server.Task(id).State);
        Assert.Equal(resultJson, _fixture.Server.Reports.Single(r => r.Kind == "completed").Detail);
        Assert.Empty(agent.HeldTasks);
        Assert.True(File.Exists(Path.Combine(_fixture.Archived(id), RunDirectory.ReportFile)));
    }

    public static TheoryData<string, JobTermination, string?, string, string> Provenance => new()
    {
        // artifact: "result" | "error:<code>" | "garbage-result" | "garbage-error" | null
        { "runner error.json", new JobTermination(JobEndState.Failed, 1), "error:" + ErrorCodes.Runner.CircuitInvalid, ErrorCodes.Runner.CircuitInvalid, FailureOrigins.Runner },
        { "runner too large", new JobTermination(JobEndState.Failed, 1), "error:" + ErrorCodes.Runner.TooLargeForMemory, ErrorCodes.Runner.TooLargeForMemory, FailureOrigins.Runner },
        { "lost", new JobTermination(JobEndState.Lost, Reason: "vanished"), null, ErrorCodes.Scheduler.JobLost, FailureOrigins.Scheduler },
        { "scancel from outside", new JobTermination(JobEndState.Cancelled), null, ErrorCodes.Scheduler.JobCancelled, FailureOrigins.Scheduler },
        { "time limit", new JobTermination(JobEndState.TimedOut), null, ErrorCodes.Scheduler.JobTimeout, FailureOrigins.Scheduler },
        { "out of memory", new JobTermination(JobEndState.OutOfMemory), null, ErrorCodes.Runner.OutOfMemory, FailureOrigins.Runner },
        { "crash by signal", new JobTermination(JobEndState.Failed, Signal: 11), null, ErrorCodes.Runner.Crashed, FailureOrigins.Runner },
        { "crash by exit code", new JobTermination(JobEndState.Failed, 134), null, ErrorCodes.Runner.Crashed, FailureOrigins.Runner },
        { "clean exit, no artifact", new JobTermination(JobEndState.Completed, 0), null, ErrorCodes.Agent.ArtifactMissing, FailureOrigins.Agent },
        { "truncated result.json", new JobTermination(JobEndState.Completed, 0), "garbage-result", ErrorCodes.Agent.ArtifactMalformed, FailureOrigins.Agent },
        { "garbled error.json", new JobTermination(JobEndState.Failed, 1), "garbage-error", ErrorCodes.Agent.ArtifactMalformed, FailureOrigins.Agent },
    };

    [Theory]
    [MemberData(nameof(Provenance))]
    public async Task Every_failure_is_reported_with_its_own_code_and_origin(string why, JobTermination end, string? artifact, string code, string origin)
    {
        var (agent, id) = await Claimed();
        var dir = _fixture.RunDirectory(id);
        switch (artifact)
        {
            case { } a when a.StartsWith("error:", StringComparison.Ordinal): AgentFixture.WriteError(dir, a["error:".Length..]); break;
            case "garbage-result": File.WriteAllText(Path.Combine(dir, "result.json"), "{\"schemaVersion\":1,\"taskId\":"); break;
            case "garbage-error": File.WriteAllText(Path.Combine(dir, "error.json"), "not json at all"); break;
        }
        _fixture.Scheduler.Finish("fake-1", end);

        await agent.ObserveOnceAsync(CancellationToken.None);

        var failure = _fixture.Server.Task(id).Failure;
        Assert.True(failure is not null, why);
        Assert.Equal((code, origin), (failure.Code, failure.Origin));
    }

    [Fact]
    public async Task A_submit_the_scheduler_refuses_is_reported_as_the_schedulers_failure()
    {
        _fixture.Scheduler.RefuseNextSubmit("sbatch: error: invalid partition specified: nope");
        var (agent, id) = await Claimed();

        var failure = _fixture.Server.Task(id).Failure;
        Assert.Equal((ErrorCodes.Scheduler.SubmitRefused, FailureOrigins.Scheduler), (failure?.Code, failure?.Origin));
        Assert.Contains("invalid partition", failure!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_fixture.Server.Reports, r => r.Kind == "running");
        Assert.Empty(agent.HeldTasks);
    }

    [Fact]
    public async Task A_finished_task_is_reported_exactly_once_however_often_the_agent_looks()
    {
        var (agent, id) = await Claimed();
        AgentFixture.WriteResult(_fixture.RunDirectory(id));
        _fixture.Scheduler.Finish("fake-1", new JobTermination(JobEndState.Completed, 0));

        for (var i = 0; i < 5; i++) await agent.ObserveOnceAsync(CancellationToken.None);

        Assert.Equal(1, _fixture.Server.TerminalReports(id));
    }

    [Fact]
    public async Task A_report_the_server_did_not_receive_is_repeated_until_it_is_received_then_never_again()
    {
        var (agent, id) = await Claimed();
        AgentFixture.WriteResult(_fixture.RunDirectory(id));
        _fixture.Scheduler.Finish("fake-1", new JobTermination(JobEndState.Completed, 0));
        _fixture.Server.Unavailable = 2;

        await agent.ObserveOnceAsync(CancellationToken.None);
        await agent.ObserveOnceAsync(CancellationToken.None);
        Assert.Equal("running", _fixture.Server.Task(id).State);
        Assert.Single(agent.HeldTasks);

        await agent.ObserveOnceAsync(CancellationToken.None);
        await agent.ObserveOnceAsync(CancellationToken.None);

        Assert.Equal("completed", _fixture.Server.Task(id).State);
        Assert.Equal(1, _fixture.Server.TerminalReports(id));
    }

    [Fact]
    public async Task A_refused_report_is_not_repeated()
    {
        var (agent, id) = await Claimed();
        _fixture.Server.Cancel(id);
        AgentFixture.WriteResult(_fixture.RunDirectory(id));
        _fixture.Scheduler.Finish("fake-1", new JobTermination(JobEndState.Completed, 0));

        await agent.ObserveOnceAsync(CancellationToken.None);
        await agent.ObserveOnceAsync(CancellationToken.None);

        var report = Assert.Single(_fixture.Server.Reports, r => r.Kind == "completed");
        Assert.False(report.Accepted);
        Assert.Equal("cancelled", _fixture.Server.Task(id).State);
        Assert.Empty(agent.HeldTasks);
    }

    [Fact]
    public async Task A_whole_result_is_reported_at_once_even_while_the_scheduler_still_lists_the_job()
    {
        var (agent, id) = await Claimed();
        AgentFixture.WriteResult(_fixture.RunDirectory(id));

        await agent.ObserveOnceAsync(CancellationToken.None);

        Assert.Equal("completed", _fixture.Server.Task(id).State);
        Assert.Single(_fixture.Scheduler.ActiveJobs);
        Assert.Empty(agent.HeldTasks);
    }

    [Fact]
    public async Task A_runners_error_file_is_reported_at_once_with_the_runners_code()
    {
        var (agent, id) = await Claimed();
        AgentFixture.WriteError(_fixture.RunDirectory(id), ErrorCodes.Runner.CircuitInvalid);

        await agent.ObserveOnceAsync(CancellationToken.None);

        var failure = _fixture.Server.Reports.Single(r => r.Kind == "failed");
        Assert.Contains(ErrorCodes.Runner.CircuitInvalid, failure.Detail, StringComparison.Ordinal);
        Assert.Empty(agent.HeldTasks);
    }

    [Fact]
    public async Task A_job_still_active_is_left_alone()
    {
        var (agent, id) = await Claimed();
        await agent.ObserveOnceAsync(CancellationToken.None);
        Assert.Equal(0, _fixture.Server.TerminalReports(id));
        Assert.Single(agent.HeldTasks);
    }
}
