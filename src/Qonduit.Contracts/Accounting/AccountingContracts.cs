namespace Qonduit.Contracts.Accounting;

/// <summary>
/// What one task used (docs/orchestration.md §3 "Accounting"), fixed when it ends after a claim: <see cref="LaneSeconds"/>
/// the seconds it held a QPU lane, claim to end (null off a QPU); <see cref="Shots"/> those delivered (a completed task's,
/// else 0); <see cref="Simulations"/> the state-vector simulations and <see cref="CpuSeconds"/> the CPU time its runner
/// reported (null when none was reported: no result, or a runner that predates them).
/// </summary>
public sealed record TaskUsageView(double? LaneSeconds, int Shots, int? Simulations, double? CpuSeconds);

/// <summary>
/// One group of `GET /v1/accounting`: its <see cref="Key"/> (a consumer path, a user, a device, or a period's start in UTC,
/// ISO 8601) and the sums over its tasks of what each used, a figure a task lacks counting as zero.
/// </summary>
public sealed record AccountingRowView(string Key, long Tasks, double LaneSeconds, long Shots, long Simulations, double CpuSeconds);

/// <summary>
/// `GET /v1/accounting`: the tasks that ran and ended in [<see cref="From"/>, <see cref="To"/>), grouped <see cref="By"/>
/// consumer, user, device or period (<see cref="Period"/>: hour, day or month; null otherwise), ordered by key.
/// <see cref="User"/> is the user whose tasks alone were read (a non-admin caller's own), null for an admin's report of
/// everyone's. <see cref="Total"/> sums every group, also those left out when <see cref="Truncated"/>.
/// </summary>
public sealed record AccountingReportView(
    string By,
    string? Period,
    DateTimeOffset From,
    DateTimeOffset To,
    string? User,
    IReadOnlyList<AccountingRowView> Rows,
    AccountingRowView Total,
    bool Truncated);
