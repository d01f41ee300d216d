using Qonduit.Server.Tasks;

namespace Qonduit.Server.Tests.Tasks;

/// <summary>The rule order of docs/architecture.md "Why a task waits", on facts written out by hand.</summary>
public sealed class PendingRulesTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Lease = Guid.NewGuid();

    private static TaskRecord Queued(string device = "line5", Guid? lease = null) => new()
    {
        Id = Guid.NewGuid(), Tenant = "alice", Device = device, Dialect = "openqasm2", Circuit = "", Shots = 1,
        AdmittedSnapshotVersion = 1, CreatedAt = Now, UpdatedAt = Now, LeaseId = lease,
    };

    private static PendingFacts Facts(
        string[]? offline = null, string[]? served = null, bool anyDevice = false, string[]? leased = null, Dictionary<Guid, int>? ahead = null) =>
        new(Set(offline), Set(served), anyDevice, Set(leased), new HashSet<Guid> { Lease }, ahead ?? []);

    private static HashSet<string> Set(string[]? names) => new(names ?? [], StringComparer.Ordinal);

    [Fact]
    public void An_offline_device_is_the_reason_before_any_other()
    {
        var reason = PendingRules.Explain(Queued(), Facts(offline: ["line5"], leased: ["line5"]));

        Assert.Equal("pending.device-offline", reason.Code);
        Assert.Empty(reason.Details);
    }

    [Fact]
    public void Without_a_live_agent_for_the_device_no_agent_comes_before_leases_and_the_queue()
    {
        Assert.Equal("pending.no-agent", PendingRules.Explain(Queued(), Facts(served: ["other"], leased: ["line5"])).Code);
        Assert.Equal("pending.lease-held", PendingRules.Explain(Queued(), Facts(served: ["line5"], leased: ["line5"])).Code);
        Assert.Equal("pending.lease-held", PendingRules.Explain(Queued(), Facts(anyDevice: true, leased: ["line5"])).Code);
    }

    [Fact]
    public void A_task_spending_one_of_the_device_leases_is_not_held_by_them_and_waits_in_the_queue()
    {
        var task = Queued(lease: Lease);
        var reason = PendingRules.Explain(task, Facts(anyDevice: true, leased: ["line5"], ahead: new() { [task.Id] = 2 }));

        Assert.Equal("pending.queued-behind", reason.Code);
        Assert.Equal(2, reason.Details["ahead"]);
        Assert.Contains("2 tasks ahead", reason.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(9_999, 9_999L, "9,999 tasks ahead")]
    [InlineData(10_000, 10_000L, "10,000+ tasks ahead")]
    [InlineData(2_500_000, 10_000L, "10,000+ tasks ahead")]
    public void Ahead_is_counted_up_to_ten_thousand_and_reads_ten_thousand_plus_beyond(int queued, long shown, string sentence)
    {
        var task = Queued();
        var reason = PendingRules.Explain(task, Facts(anyDevice: true, ahead: new() { [task.Id] = queued }));

        Assert.Equal(shown, reason.Details["ahead"]);
        Assert.Contains(sentence, reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_head_of_the_queue_is_queued_behind_nothing_and_waits_for_a_free_slot()
    {
        var reason = PendingRules.Explain(Queued(), Facts(anyDevice: true));

        Assert.Equal(("pending.queued-behind", 0L), (reason.Code, reason.Details["ahead"]));
        Assert.Contains("free agent slot", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Positions_count_only_the_tasks_ahead_on_the_same_device()
    {
        var (a, b, c, d) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var ahead = PendingRules.Positions([new QueuedEntry(a, "x", 5, 9), new QueuedEntry(b, "y", 5, 3), new QueuedEntry(c, "x", 0, 1), new QueuedEntry(d, "x", 0, 4)]);

        Assert.Equal([0, 0, 1, 2], new[] { a, b, c, d }.Select(id => ahead[id]));
    }
}
