namespace Qonduit.Storage;

/// <summary>
/// One version of the consumer tree (docs/orchestration.md §3), kept like device snapshots: every change is a new
/// <see cref="Version"/> (the store assigns one more than the latest) and the old ones stay for `consumers history`.
/// <see cref="TreeJson"/> is the tree as the admin sent it, already validated.
/// </summary>
public sealed record ConsumerTreeRecord(long Version, string TreeJson, DateTimeOffset CreatedAt, string CreatedBy);
