namespace Qonduit.Errors;

/// <summary>What an <see cref="ErrorCodes"/> constant means, and the HTTP status the control plane answers it with.</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class ErrorCodeAttribute(string meaning) : Attribute
{
    public string Meaning { get; } = meaning;

    /// <summary>The HTTP status of the problem details carrying this code; 0 where the code never travels as one.</summary>
    public int Status { get; init; }
}
