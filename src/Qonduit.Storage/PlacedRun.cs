namespace Qonduit.Storage;

/// <summary>A running requirement task as placement reads it: the resource it holds, and what its requirement reserves there.</summary>
/// <param name="Alternative">The alternative of <paramref name="Requirement"/> that chose the resource: its rusage[] is what is held.</param>
public sealed record PlacedRun(Guid TaskId, string Resource, string Requirement, int Alternative, DateTimeOffset ClaimedAt);
