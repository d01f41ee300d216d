using System.Net;
using System.Text.Json;
using Qonduit.Circuits;

namespace Qonduit.Client;

/// <summary>The server refused a request: the problem details it sent, typed. <see cref="QonduitException.Code"/> is the problem's `code`.</summary>
public sealed class QonduitApiException(HttpStatusCode status, ApiProblem problem)
    : QonduitException(problem.Code ?? ErrorCodes.ForStatus((int)status), problem.Detail ?? problem.Title ?? $"HTTP {(int)status}")
{
    public HttpStatusCode Status { get; } = status;

    public ApiProblem Problem { get; } = problem;
}

/// <summary>RFC 7807 problem details with Qonduit's members; anything else (e.g. `violations`) stays in <see cref="Extra"/>.</summary>
public sealed record ApiProblem
{
    public string? Type { get; init; }

    public string? Title { get; init; }

    public int? Status { get; init; }

    public string? Detail { get; init; }

    public string? Instance { get; init; }

    public string? Code { get; init; }

    public string? Origin { get; init; }

    public string? CorrelationId { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
