using System.Net;
using Qonduit.Circuits;
using Qonduit.Contracts.Problems;

namespace Qonduit.Client;

/// <summary>
/// The one error of <see cref="QonduitClient"/>: the server (or anything between it and the client) answered without
/// success. <see cref="QonduitException.Code"/> is the problem's `code`, or the code of its HTTP status when the answer
/// carried no Qonduit problem (a proxy's page, a bare 502).
/// </summary>
public sealed class QonduitApiException(HttpStatusCode status, ApiProblem problem)
    : QonduitException(problem.Code ?? ErrorCodes.ForStatus((int)status), problem.Detail ?? problem.Title ?? $"HTTP {(int)status}")
{
    public HttpStatusCode Status { get; } = status;

    public ApiProblem Problem { get; } = problem;

    /// <summary>The problem's `detail` (what went wrong with this request), else its title.</summary>
    public string? Detail => Problem.Detail ?? Problem.Title;
}
