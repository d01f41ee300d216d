namespace Qonduit.Graphs.Definition;

/// <summary>
/// The type of a data edge: a media type (`application/qasm`, `application/vnd.qonduit.counts+json`, …), or a list of
/// one written with a `[]` suffix (`application/qasm[]`: what a `map` fans out over and a `join` gathers).
/// </summary>
public sealed record MediaType(string Name, bool IsList)
{
    public static readonly MediaType Qasm = new("application/qasm", false);
    public static readonly MediaType Counts = new("application/vnd.qonduit.counts+json", false);
    public static readonly MediaType Result = new("application/vnd.qonduit.result+json", false);
    public static readonly MediaType Expectation = new("application/vnd.qonduit.expectation+json", false);
    public static readonly MediaType Bitstrings = new("application/vnd.qonduit.bitstrings+json", false);

    /// <summary>A number: the one kind of output an expression reads besides <see cref="Text"/>.</summary>
    public static readonly MediaType Number = new("application/vnd.qonduit.number", false);

    public static readonly MediaType Text = new("text/plain", false);
    public static readonly MediaType Json = new("application/json", false);
    public static readonly MediaType Bytes = new("application/octet-stream", false);

    /// <summary>An edge of this type can be read by an expression (a number or a string).</summary>
    public bool IsScalar => this == Number || this == Text;

    public MediaType Item => IsList ? this with { IsList = false } : throw new InvalidOperationException($"{this} is not a list");

    public MediaType ListOf() => IsList ? throw new InvalidOperationException($"{this} is already a list") : this with { IsList = true };

    /// <summary>
    /// Whether a port of this type takes what <paramref name="produced"/> carries: the same type; any type for
    /// `application/octet-stream`; any JSON (a `+json` type or a list) for `application/json`.
    /// </summary>
    public bool Accepts(MediaType produced) =>
        this == produced
        || this == Bytes
        || (this == Json && (produced.IsList || produced.Name == Json.Name || produced.Name.EndsWith("+json", StringComparison.Ordinal)));

    /// <summary>`type/subtype` of RFC 6838's restricted names (no parameters), optionally followed by `[]`.</summary>
    public static MediaType? TryParse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 128) return null;
        var isList = text.EndsWith("[]", StringComparison.Ordinal);
        var name = isList ? text[..^2] : text;
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == name.Length - 1 || name.IndexOf('/', slash + 1) >= 0) return null;
        foreach (var c in name)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '/' or '!' or '#' or '$' or '&' or '-' or '^' or '_' or '.' or '+')) return null;
        return new MediaType(name.ToLowerInvariant(), isList);
    }

    public override string ToString() => IsList ? Name + "[]" : Name;
}
