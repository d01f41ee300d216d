namespace Qonduit.Circuits.Ir;

/// <summary>Where an instruction or an error came from: file (may be "&lt;input&gt;"), 1-based line and column.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>
/// Carries an instruction's source position without making it part of the instruction's identity:
/// the same gate printed and parsed again sits on another line but is the same instruction.
/// </summary>
public readonly record struct SourceTag(SourceLocation? Location)
{
    public bool Equals(SourceTag other) => true;

    public override int GetHashCode() => 0;

    public static implicit operator SourceTag(SourceLocation? location) => new(location);
}
