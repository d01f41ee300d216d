namespace Qonduit.Storage;

/// <summary>A task that ran and ended, as fair share charges it: its leaf consumer, the kind of resource it held, and for how long.</summary>
public sealed record FinishedRun(Guid TaskId, string Consumer, string Kind, DateTimeOffset ClaimedAt, DateTimeOffset FinishedAt);

/// <summary>
/// A running task as fair share reads it: its leaf consumer, the kind of resource and the pool it holds (the resource
/// placement chose, or its device), since when, and whether fair share already interrupted it to take the slot back.
/// </summary>
public sealed record RunningCharge(Guid TaskId, string Consumer, string Kind, string Pool, DateTimeOffset ClaimedAt, DateTimeOffset? InterruptedAt);
