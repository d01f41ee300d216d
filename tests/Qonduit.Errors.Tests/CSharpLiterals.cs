using System.Text;

namespace Qonduit.Errors.Tests;

/// <summary>A string literal of a C# file: its text and where it starts in <see cref="CSharpLiterals.Masked"/>.</summary>
public sealed record Literal(string Value, int Offset, bool Interpolated);

/// <summary>
/// Splits C# source into code and string literals well enough to find where a literal is passed: comments are dropped,
/// each literal (regular, verbatim, interpolated, raw) becomes one placeholder character in <see cref="Masked"/>, so
/// that parentheses and commas inside strings do not confuse the argument splitter. Holes of interpolated strings stay code.
/// </summary>
public sealed class CSharpLiterals
{
    public const char Placeholder = '\u0001';

    private readonly string _source;
    private readonly StringBuilder _masked = new();
    private readonly List<Literal> _literals = [];
    private int _at;

    public CSharpLiterals(string source)
    {
        _source = source;
        Code(untilBrace: false);
        Masked = _masked.ToString();
        Literals = _literals;
    }

    public string Masked { get; }

    public IReadOnlyList<Literal> Literals { get; }

    public Literal At(int maskedOffset) => _literals.First(l => l.Offset == maskedOffset);

    private char Peek(int ahead = 0) => _at + ahead < _source.Length ? _source[_at + ahead] : '\0';

    private void Code(bool untilBrace)
    {
        var depth = 0;
        while (_at < _source.Length)
        {
            var c = Peek();
            if (c == '/' && Peek(1) == '/') { while (_at < _source.Length && Peek() != '\n') _at++; continue; }
            if (c == '/' && Peek(1) == '*') { var end = _source.IndexOf("*/", _at + 2, StringComparison.Ordinal); _at = end < 0 ? _source.Length : end + 2; continue; }
            if (c == '\'') { CharLiteral(); continue; }
            if (c is '"' or '@' or '$' && StartsString(out var prefix)) { StringLiteral(prefix); continue; }
            if (untilBrace && c == '{') depth++;
            if (untilBrace && c == '}' && depth-- == 0) return;
            _masked.Append(c);
            _at++;
        }
    }

    private bool StartsString(out string prefix)
    {
        var length = 0;
        while (Peek(length) is '$' or '@') length++;
        prefix = _source.Substring(_at, length);
        return Peek(length) == '"' && (length == 0 || !char.IsLetterOrDigit(_at > 0 ? _source[_at - 1] : ' '));
    }

    private void CharLiteral()
    {
        var end = _at + 1;
        while (end < _source.Length && _source[end] != '\'') end += _source[end] == '\\' ? 2 : 1;
        _masked.Append(_source, _at, end + 1 - _at);
        _at = end + 1;
    }

    private void StringLiteral(string prefix)
    {
        var interpolated = prefix.Contains('$', StringComparison.Ordinal);
        var verbatim = prefix.Contains('@', StringComparison.Ordinal);
        _at += prefix.Length;
        var quotes = 0;
        while (Peek(quotes) == '"') quotes++;
        var raw = quotes >= 3;
        var offset = _masked.Length;
        _masked.Append(Placeholder);
        _at += raw ? quotes : 1;
        var value = new StringBuilder();
        while (_at < _source.Length)
        {
            var c = Peek();
            if (raw && c == '"' && _source.AsSpan(_at).StartsWith(new string('"', quotes))) { _at += quotes; break; }
            if (!raw && c == '"' && verbatim && Peek(1) == '"') { value.Append('"'); _at += 2; continue; }
            if (!raw && c == '"') { _at++; break; }
            if (!raw && !verbatim && c == '\\') { value.Append(c).Append(Peek(1)); _at += 2; continue; }
            if (interpolated && c == '{' && Peek(1) == '{') { value.Append("{{"); _at += 2; continue; }
            if (interpolated && c == '{')
            {
                _at++;
                var (masked, literals) = (_masked.Length, _literals.Count);
                Code(untilBrace: true);
                // The hole belongs to the literal: its commas and strings are not arguments of the enclosing call.
                _masked.Length = masked;
                _literals.RemoveRange(literals, _literals.Count - literals);
                _at++;
                value.Append("{}");
                continue;
            }
            value.Append(c);
            _at++;
        }
        _literals.Add(new Literal(value.ToString(), offset, interpolated));
    }
}
