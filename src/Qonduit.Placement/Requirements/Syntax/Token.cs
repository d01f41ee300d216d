namespace Qonduit.Placement.Requirements.Syntax;

internal enum TokenKind
{
    Number,
    String,
    Name,
    Symbol,
    End,
}

/// <summary>A lexeme; <see cref="Column"/> is 1-based; <see cref="End"/> is the column just after it (adjacency: `30s`).</summary>
internal readonly record struct Token(TokenKind Kind, string Text, double Number, int Column)
{
    public int End => Column + Text.Length;

    public bool Is(string symbol) => Kind == TokenKind.Symbol && Text == symbol;

    public string Describe() => Kind switch
    {
        TokenKind.End => "the end of the requirement",
        TokenKind.String => $"the string '{Text}'",
        _ => $"'{Text}'",
    };
}
