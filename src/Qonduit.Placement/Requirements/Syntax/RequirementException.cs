namespace Qonduit.Placement.Requirements.Syntax;

/// <summary>
/// A requirement refused with a code of <c>ErrorCodes.Requirement</c> (all 400): a syntax error at <see cref="Column"/>
/// (1-based), a section not supported yet, rusage[] of a non-consumable index.
/// </summary>
public sealed class RequirementException(string code, int column, string reason) : Exception($"column {column}: {reason}")
{
    public string Code { get; } = code;

    public int Column { get; } = column;

    /// <summary>The message without the column prefix.</summary>
    public string Reason { get; } = reason;
}
