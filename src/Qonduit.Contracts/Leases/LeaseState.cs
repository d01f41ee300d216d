using System.Text.Json.Serialization;

namespace Qonduit.Contracts.Leases;

[JsonConverter(typeof(JsonStringEnumConverter<LeaseState>))]
public enum LeaseState
{
    [JsonStringEnumMemberName("active")] Active,
    [JsonStringEnumMemberName("released")] Released,
    [JsonStringEnumMemberName("expired")] Expired,
}
