using System.Text.Json;

namespace Qonduit.Contracts.Resources;

/// <summary>
/// `GET /v1/resources/{name}/indices/{index}/history`: the last samples the server kept of one reported index (at most
/// 360, oldest first; in memory, so empty after a restart or once the index is dropped), with the declaration's unit and interval.
/// </summary>
public sealed record LoadIndexHistoryView(string Resource, string Index, string? Unit, int IntervalMs, IReadOnlyList<LoadIndexSampleView> Samples);

/// <summary>One sample: a number or a string, and when the server takes it to have been received.</summary>
public sealed record LoadIndexSampleView(JsonElement Value, DateTimeOffset At);
