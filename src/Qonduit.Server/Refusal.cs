using System.Collections.Immutable;
using Qonduit.Circuits;

namespace Qonduit.Server;

/// <summary>
/// Why the control plane's domain says no: a code of <see cref="ErrorCodes"/>, a message for the caller, who the refusal
/// is attributed to and structured details. It knows nothing of HTTP: Problems/ turns it into problem details with the
/// status the registry gives its code (<see cref="Problems.ControlPlaneException.From"/>).
/// </summary>
public sealed record Refusal(string Code, string Message)
{
    /// <summary>One of <see cref="Origins"/>.</summary>
    public string Origin { get; init; } = Origins.Protocol;

    /// <summary>Members the caller can act on (the state that forbade a transition, the device a lease holds).</summary>
    public IReadOnlyDictionary<string, object?> Details { get; init; } = ImmutableDictionary<string, object?>.Empty;

    /// <summary>
    /// The refusal is about a resource the request refers to, not the one it addresses (the lease a submission spends):
    /// what the request addresses is there, so the request conflicts with the state whatever the code says of its own resource.
    /// </summary>
    public bool AboutReference { get; init; }
}

/// <summary>A <see cref="Refusal"/> thrown where the domain must abandon the work under way (a store transaction).</summary>
public sealed class RefusedException(Refusal refusal) : QonduitException(refusal.Code, refusal.Message)
{
    public Refusal Refusal { get; } = refusal;

    public RefusedException(string code, string message, string origin = Origins.Protocol) : this(new Refusal(code, message) { Origin = origin }) { }
}
