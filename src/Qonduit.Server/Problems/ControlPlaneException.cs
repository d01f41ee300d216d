using Qonduit.Circuits;

namespace Qonduit.Server.Problems;

/// <summary>
/// A refusal as it leaves over HTTP, written as RFC 7807 problem details: HTTP status, stable
/// <see cref="QonduitException.Code"/>, <see cref="Origin"/>, and extra members (e.g. admission violations). Endpoint
/// validation throws it directly; the domain's <see cref="Refusal"/>s become one through <see cref="From"/>.
/// </summary>
public sealed class ControlPlaneException(
    int status,
    string code,
    string origin,
    string message,
    IReadOnlyDictionary<string, object?>? extensions = null) : QonduitException(code, message)
{
    public int Status { get; } = status;

    /// <summary>One of <see cref="Origins"/>.</summary>
    public string Origin { get; } = origin;

    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();

    public static ControlPlaneException BadRequest(string code, string message, string origin = Origins.Protocol) =>
        new(StatusCodes.Status400BadRequest, code, origin, message);

    public static ControlPlaneException NotFound(string code, string message) =>
        new(StatusCodes.Status404NotFound, code, Origins.Protocol, message);

    public static ControlPlaneException Conflict(string code, string message, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(StatusCodes.Status409Conflict, code, Origins.Protocol, message, extensions);

    public static ControlPlaneException Unprocessable(string code, string message, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(StatusCodes.Status422UnprocessableEntity, code, Origins.Admission, message, extensions);

    public static ControlPlaneException TooLarge(string code, string message) =>
        new(StatusCodes.Status413PayloadTooLarge, code, Origins.Admission, message);

    /// <summary>
    /// The problem details of a domain refusal: the status the registry gives its code (docs/error-codes.md), or 409
    /// for a refusal about a resource the request only refers to. A code without a status is a bug, not a refusal.
    /// </summary>
    public static ControlPlaneException From(Refusal refusal)
    {
        var status = refusal.AboutReference
            ? StatusCodes.Status409Conflict
            : ErrorCodes.StatusOf(refusal.Code) ?? throw new InvalidOperationException($"the refusal code '{refusal.Code}' has no HTTP status in the registry");
        return new(status, refusal.Code, refusal.Origin, refusal.Message, refusal.Details);
    }
}
