using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qonduit.Storage.Artifacts;

/// <summary>How <see cref="FileArtifactStore"/> writes a record beside its content.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ArtifactRecord))]
internal sealed partial class ArtifactRecordJson : JsonSerializerContext;
