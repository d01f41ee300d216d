namespace Qonduit.Storage;

/// <summary>
/// A declared load index (docs/orchestration.md §1) as stored: <see cref="Type"/> is `numeric`, `boolean` or `string`.
/// <see cref="Version"/> is the catalogue version its declaration made (the store assigns one more than any before), so
/// the catalogue's version is the largest and grows with each declaration, across restarts.
/// </summary>
public sealed record LoadIndexRecord(
    string Name, string Type, int IntervalMs, bool Increasing, bool Consumable, string? Unit, string? Description,
    DateTimeOffset DeclaredAt, long Version = 0);
