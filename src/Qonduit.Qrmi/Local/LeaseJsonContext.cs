using System.Text.Json.Serialization;

namespace Qonduit.Qrmi.Local;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<Lease>))]
internal sealed partial class LeaseJsonContext : JsonSerializerContext;
