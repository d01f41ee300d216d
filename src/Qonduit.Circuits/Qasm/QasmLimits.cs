namespace Qonduit.Circuits.Qasm;

/// <summary>
/// Bounds that keep a parse of hostile input fast and small: each is checked where the input could grow past it,
/// before memory is spent, and breaking one is a <see cref="QasmLimitException"/>.
/// </summary>
public sealed record QasmLimits
{
    public static QasmLimits Default { get; } = new();

    /// <summary>Characters of one source file (the whole text, includes counted separately).</summary>
    public long MaxSourceLength { get; init; } = 64L * 1024 * 1024;

    public int MaxLineLength { get; init; } = 1024 * 1024;

    /// <summary>Characters of one identifier, number or string.</summary>
    public int MaxTokenLength { get; init; } = 4096;

    /// <summary>Nesting of parentheses, operators and blocks; the parser recurses this deep at most.</summary>
    public int MaxNestingDepth { get; init; } = 200;

    /// <summary>Nodes of one parameter expression once gate arguments are substituted into a definition.</summary>
    public int MaxExpressionNodes { get; init; } = 10_000;

    public int MaxQubits { get; init; } = 65_536;

    public int MaxClbits { get; init; } = 1_048_576;

    /// <summary>
    /// Instructions of the circuit, and operations of any one gate definition once expanded. Expansion is counted
    /// before it is materialised: a definition, modifier or broadcast that would pass it is refused at once
    /// (<see cref="QasmExpansionException"/>).
    /// </summary>
    public int MaxInstructions { get; init; } = 5_000_000;

    /// <summary>Bytes read from one included file; reading stops there whatever size the file claims.</summary>
    public long MaxIncludeBytes { get; init; } = 16L * 1024 * 1024;

    public int MaxIncludeDepth { get; init; } = 32;
}
