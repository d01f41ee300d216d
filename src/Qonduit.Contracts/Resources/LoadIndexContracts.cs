using System.Text.Json;

namespace Qonduit.Contracts.Resources;

/// <summary>
/// One declared load index (docs/orchestration.md §1): `type` is `numeric`, `boolean` or `string`; `intervalMs` how often
/// its reporters send it (staleness counts in intervals); `increasing` true when larger means more loaded; only a
/// consumable index may appear in rusage[]. <see cref="BuiltIn"/>: computed by the server (`qpu_fidelity`, …), not declared.
/// </summary>
public sealed record LoadIndexDeclarationView(
    string Name, string Type, int IntervalMs, bool Increasing, bool Consumable, string? Unit, string? Description, bool BuiltIn);

/// <summary>`GET /v1/loadindices`: every index values may be reported for; <see cref="Version"/> grows with each declaration.</summary>
public sealed record LoadIndexCatalogView(long Version, IReadOnlyList<LoadIndexDeclarationView> Indices);

/// <summary>`PUT /v1/loadindices/{name}` (admin): declares an index or replaces its declaration.</summary>
public sealed record DeclareLoadIndexRequest(
    string? Type, int? IntervalMs = null, bool? Increasing = null, bool? Consumable = null, string? Unit = null, string? Description = null);

/// <summary>
/// A value an agent's reporters sent for one of its resources, with how long ago the agent received it (an age, not a
/// timestamp, so the agent's and the server's clocks need not agree). A number, or a string for a String index.
/// </summary>
public sealed record ReportedIndexValue(JsonElement Value, long AgeMs);

/// <summary>
/// `POST /v1/resources/{name}/indices`: ELIM lines (`N name1 value1 …`) pushed for a resource by a reporter outside any
/// agent. <see cref="Seq"/> must grow with each push to the resource: an old one is refused (409), so a delayed or
/// replayed push never overwrites newer values.
/// </summary>
public sealed record PushLoadIndicesRequest(long Seq, IReadOnlyList<string>? Lines);

/// <summary>What a push stored: the pairs accepted, and the lines refused with their reason.</summary>
public sealed record PushLoadIndicesResponse(long Seq, int Accepted, IReadOnlyList<string> Refused);
