using System.Text.Json.Serialization;

namespace Qonduit.Devices.Snapshots;

/// <summary>
/// Source-generated System.Text.Json metadata for the snapshot schema of docs/architecture.md: camelCase, nulls omitted
/// (an ideal qubit has no T1/T2), unknown properties rejected so a misspelt field is an error rather than a silent default.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(SnapshotDocument))]
internal sealed partial class SnapshotJsonContext : JsonSerializerContext;
