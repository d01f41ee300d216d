using System.Globalization;
using Qonduit.Errors;

namespace Qonduit.Placement.Requirements.Syntax;

/// <summary>Splits a requirement into tokens; the text is already bounded by <see cref="RequirementParser.MaxLength"/>.</summary>
internal static class Lexer
{
    // Longest first, so `<=` is not read as `<` then `=`.
    private static readonly string[] Symbols =
        ["=?=", "=!=", "||", "&&", "<=", ">=", "==", "!=", "<", ">", "!", "+", "-", "*", "/", "(", ")", "[", "]", "{", "}", ",", ":", "=", "@"];

    /// <param name="dottedNames">Names may be paths of segments joined by `.` (`nodes.prep.outputs.energy`): the graph
    /// expressions' names; a requirement's index names never have one.</param>
    public static List<Token> Tokenize(string text, bool dottedNames = false)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            var column = i + 1;
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
                tokens.Add(ReadNumber(text, ref i));
            else if (c == '\'')
            {
                var close = text.IndexOf('\'', i + 1);
                if (close < 0) throw Syntax(column, "a string is not closed: add the closing '");
                tokens.Add(new Token(TokenKind.String, text[(i + 1)..close], 0, column));
                i = close + 1;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'
                           || (dottedNames && text[i] == '.' && i + 1 < text.Length && (char.IsAsciiLetter(text[i + 1]) || text[i + 1] == '_')))) i++;
                tokens.Add(new Token(TokenKind.Name, text[start..i], 0, column));
            }
            else if (Symbols.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0) is { } symbol)
            {
                tokens.Add(new Token(TokenKind.Symbol, symbol, 0, column));
                i += symbol.Length;
            }
            else throw Syntax(column, $"'{c}' is not part of the requirement language");
        }
        tokens.Add(new Token(TokenKind.End, "", 0, text.Length + 1));
        return tokens;
    }

    private static Token ReadNumber(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        if (i < text.Length && text[i] == '.') for (i++; i < text.Length && char.IsAsciiDigit(text[i]);) i++;
        // An exponent only when digits follow, so `30s` and `2e` stay a number then a name.
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is '+' or '-') j++;
            if (j < text.Length && char.IsAsciiDigit(text[j]))
                for (i = j; i < text.Length && char.IsAsciiDigit(text[i]);) i++;
        }
        var lexeme = text[start..i];
        var number = double.Parse(lexeme, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(number)) throw Syntax(start + 1, $"{lexeme} is too large a number");
        return new Token(TokenKind.Number, lexeme, number, start + 1);
    }

    public static RequirementException Syntax(int column, string reason) => new(ErrorCodes.Requirement.Syntax, column, reason);
}
