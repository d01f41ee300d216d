using System.Text.Json;

namespace Qonduit.Contracts.Resources;

/// <summary>
/// `GET /v1/resources[/{name}]`: a QPU device (with its <see cref="Lanes"/>) or a pool agents declare (with its
/// <see cref="Slots"/>). <see cref="State"/>: a QPU is `online` with an online qubit, `down` without; a pool is `online`
/// while a live agent declares it, `offline` after. <see cref="Agents"/>: the agents declaring a pool.
/// <see cref="Commands"/>: the commands a pool's declaring agents offer (names only), sorted; null for a QPU.
/// </summary>
public sealed record ResourceView(
    string Name, string Kind, int? Lanes, int? Slots, string State, IReadOnlyDictionary<string, LoadIndexView> Indices,
    IReadOnlyList<string>? Agents = null, IReadOnlyList<string>? Commands = null);

/// <summary>One load index as last known: a number or a string <see cref="Value"/>, when it was taken, and whether placement would read it as UNDEFINED.</summary>
public sealed record LoadIndexView(JsonElement Value, string? Unit, DateTimeOffset At, bool Stale);
