using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qonduit.Contracts.Problems;

/// <summary>
/// RFC 7807 problem details with Qonduit's members (docs/architecture.md "REST API"): every refusal of the server.
/// Anything else (e.g. `violations`) stays in <see cref="Extra"/>.
/// </summary>
public sealed record ApiProblem
{
    public string? Type { get; init; }

    public string? Title { get; init; }

    public int? Status { get; init; }

    public string? Detail { get; init; }

    public string? Instance { get; init; }

    /// <summary>One of docs/error-codes.md.</summary>
    public string? Code { get; init; }

    /// <summary>admission, protocol, scheduler, runner, agent or admin.</summary>
    public string? Origin { get; init; }

    public string? CorrelationId { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
