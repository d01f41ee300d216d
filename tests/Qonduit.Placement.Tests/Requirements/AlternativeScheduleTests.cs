using Qonduit.Placement.Requirements;
using Qonduit.Placement.Requirements.Syntax;

namespace Qonduit.Placement.Tests.Requirements;

public sealed class AlternativeScheduleTests
{
    private static readonly Requirement QpuElseSim =
        RequirementParser.Parse("{select[kind=='qpu' && qpu_fidelity>=0.99]} || {select[kind=='sim']}@30s");

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void The_second_alternative_opens_only_after_the_first_found_no_candidate_for_its_delay()
    {
        Assert.Equal([true, false], AlternativeSchedule.Active(QpuElseSim, S(60), [S(29), null]));
        Assert.Equal([true, true], AlternativeSchedule.Active(QpuElseSim, S(60), [S(30), null]));
    }

    [Fact]
    public void The_delay_counts_from_when_the_task_was_queued_or_requeued()
    {
        Assert.Equal([true, false], AlternativeSchedule.Active(QpuElseSim, S(10), [S(300), null]));
        Assert.Equal([true, true], AlternativeSchedule.Active(QpuElseSim, S(30), [S(300), null]));
    }

    [Fact]
    public void The_later_alternative_closes_again_when_the_first_finds_a_candidate()
    {
        Assert.Equal([true, false], AlternativeSchedule.Active(QpuElseSim, S(600), [null, null]));
    }

    [Fact]
    public void A_third_alternative_waits_until_both_before_it_found_nothing_for_its_delay()
    {
        var three = RequirementParser.Parse("{select[a]} || {select[b]}@10s || {select[c]}@60s");
        Assert.Equal([true, true, false], AlternativeSchedule.Active(three, S(120), [S(120), S(30), null]));
        Assert.Equal([true, true, true], AlternativeSchedule.Active(three, S(120), [S(120), S(60), null]));
    }
}
