namespace Qonduit.Storage;

/// <summary>A task that ran and ended, as fair share charges it: its user and the time it held its resource.</summary>
public sealed record FinishedRun(string Tenant, DateTimeOffset ClaimedAt, DateTimeOffset FinishedAt);
