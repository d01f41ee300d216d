using Qonduit.Circuits.Ir;

namespace Qonduit.Circuits.Qasm;

internal enum TokenKind
{
    End, Identifier, Integer, Real, String, Duration,
    Semicolon, Comma, Colon, LeftParen, RightParen, LeftBracket, RightBracket, LeftBrace, RightBrace,
    Arrow, Plus, Minus, Star, DoubleStar, Slash, Caret, Assign, EqualEqual, At,

    /// <summary>An operator the supported subset has no use for (`+=`, `<`, `!`, ...): kept so errors can name it.</summary>
    OtherOperator,
}

internal readonly record struct Token(TokenKind Kind, int Start, int Length, int Line, int Column);

/// <summary>
/// Hand-written scanner over the source text: no regular expressions, no allocation per token.
/// Comments (`//` and `/* */`) and whitespace are skipped; every scanning loop is bounded by <see cref="QasmLimits"/>,
/// and the caller's cancellation token (its deadline) is checked as tokens are produced.
/// </summary>
internal sealed class Lexer(string text, string file, QasmLimits limits, CancellationToken cancellation)
{
    private static readonly string[] OtherOperators =
        ["+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "!=", "<=", ">=", "<<", ">>", "&&", "||", "<", ">", "!", "~", "%", "&", "|"];

    private int _pos;
    private int _line = 1;
    private int _lineStart;
    private int _tokens;

    public string Text => text;

    public string File => file;

    public SourceLocation LocationOf(Token token) => new(file, token.Line, token.Column);

    public ReadOnlySpan<char> Span(Token token) => text.AsSpan(token.Start, token.Length);

    public Token Next()
    {
        // Every 1024 tokens (and at the first): cheap enough to keep, often enough to stop a long parse within the deadline.
        if ((_tokens++ & 1023) == 0 && cancellation.IsCancellationRequested) throw new QasmDeadlineException(Here(_pos));
        SkipTrivia();
        if (_pos >= text.Length) return Make(TokenKind.End, _pos, 0);
        var start = _pos;
        var c = text[_pos];
        if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < text.Length && char.IsAsciiDigit(text[_pos + 1]))) return Number(start);
        if (IsIdentifierStart(c)) return Identifier(start);
        if (c == '"') return StringLiteral(start);
        return Punctuation(start, c);
    }

    private Token Punctuation(int start, char c)
    {
        var rest = text.AsSpan(_pos);
        var (kind, length) = rest switch
        {
            ['-', '>', ..] => (TokenKind.Arrow, 2),
            ['=', '=', ..] => (TokenKind.EqualEqual, 2),
            ['*', '*', ..] => (TokenKind.DoubleStar, 2),
            _ => (TokenKind.End, 0),
        };
        if (length == 0 && "+-*/%&|^!<>~=".Contains(c, StringComparison.Ordinal))
            foreach (var op in OtherOperators)
                if (rest.StartsWith(op, StringComparison.Ordinal))
                {
                    (kind, length) = (TokenKind.OtherOperator, op.Length);
                    break;
                }
        if (length == 0)
        {
            kind = c switch
            {
                ';' => TokenKind.Semicolon,
                ',' => TokenKind.Comma,
                ':' => TokenKind.Colon,
                '(' => TokenKind.LeftParen,
                ')' => TokenKind.RightParen,
                '[' => TokenKind.LeftBracket,
                ']' => TokenKind.RightBracket,
                '{' => TokenKind.LeftBrace,
                '}' => TokenKind.RightBrace,
                '+' => TokenKind.Plus,
                '-' => TokenKind.Minus,
                '*' => TokenKind.Star,
                '/' => TokenKind.Slash,
                '^' => TokenKind.Caret,
                '=' => TokenKind.Assign,
                '@' => TokenKind.At,
                _ => throw IllegalCharacter(c),
            };
            length = 1;
        }
        _pos += length;
        return Make(kind, start, length);
    }

    private QasmException IllegalCharacter(char c)
    {
        var at = new SourceLocation(file, _line, _pos - _lineStart + 1);
        if (c == '$')
            return new QasmException(ErrorCodes.Qasm.Unsupported, at, "physical qubits ($n) are outside the supported OpenQASM 3 subset; declare a qubit register instead");
        if (c == '#')
            return new QasmException(ErrorCodes.Qasm.Unsupported, at, "pragmas (#pragma) are outside the supported OpenQASM subset");
        var shown = char.IsControl(c) ? $"U+{(int)c:X4}" : $"'{c}'";
        return new QasmException(ErrorCodes.Qasm.Syntax, at, $"illegal character {shown}; remove it or put it in a comment");
    }

    private Token Number(int start)
    {
        var kind = TokenKind.Integer;
        SkipDigits();
        if (_pos < text.Length && text[_pos] == '.')
        {
            kind = TokenKind.Real;
            _pos++;
            SkipDigits();
        }
        if (_pos < text.Length && (text[_pos] is 'e' or 'E'))
        {
            var save = _pos;
            _pos++;
            if (_pos < text.Length && (text[_pos] is '+' or '-')) _pos++;
            if (_pos < text.Length && char.IsAsciiDigit(text[_pos]))
            {
                kind = TokenKind.Real;
                SkipDigits();
            }
            else
            {
                _pos = save;
            }
        }
        var unitStart = _pos;
        while (_pos < text.Length && IsIdentifierPart(text[_pos]) && _pos - unitStart < 3) _pos++;
        var unit = text.AsSpan(unitStart, _pos - unitStart);
        if (unit.Length > 0)
        {
            if (unit is "ns" or "us" or "µs" or "ms" or "s" or "dt") kind = TokenKind.Duration;
            else _pos = unitStart;
        }
        CheckTokenLength(start);
        return Make(kind, start, _pos - start);
    }

    private void SkipDigits()
    {
        while (_pos < text.Length && char.IsAsciiDigit(text[_pos])) _pos++;
    }

    private Token Identifier(int start)
    {
        _pos++;
        while (_pos < text.Length && IsIdentifierPart(text[_pos]))
        {
            _pos++;
            if (_pos - start > limits.MaxTokenLength) CheckTokenLength(start);
        }
        return Make(TokenKind.Identifier, start, _pos - start);
    }

    private Token StringLiteral(int start)
    {
        _pos++;
        while (_pos < text.Length && text[_pos] != '"')
        {
            if (text[_pos] == '\n')
                throw new QasmException(ErrorCodes.Qasm.Syntax, Here(start), "string not closed on its line; add the closing '\"'");
            _pos++;
            if (_pos - start > limits.MaxTokenLength) CheckTokenLength(start);
        }
        if (_pos >= text.Length)
            throw new QasmException(ErrorCodes.Qasm.Syntax, Here(start), "string not closed before the end of the file; add the closing '\"'");
        _pos++;
        return Make(TokenKind.String, start, _pos - start);
    }

    private void CheckTokenLength(int start)
    {
        if (_pos - start > limits.MaxTokenLength)
            throw new QasmLimitException(Here(start), nameof(QasmLimits.MaxTokenLength), limits.MaxTokenLength, "token too long");
    }

    private void SkipTrivia()
    {
        while (_pos < text.Length)
        {
            var c = text[_pos];
            if (c == '\n')
            {
                _pos++;
                _line++;
                _lineStart = _pos;
            }
            else if (c is ' ' or '\t' or '\r' or '\f' or '\v')
            {
                _pos++;
            }
            else if (c == '/' && _pos + 1 < text.Length && text[_pos + 1] == '/')
            {
                while (_pos < text.Length && text[_pos] != '\n') _pos++;
            }
            else if (c == '/' && _pos + 1 < text.Length && text[_pos + 1] == '*')
            {
                BlockComment();
            }
            else
            {
                break;
            }
            if (_pos - _lineStart > limits.MaxLineLength)
                throw new QasmLimitException(new SourceLocation(file, _line, 1), nameof(QasmLimits.MaxLineLength), limits.MaxLineLength, "line too long");
        }
    }

    private void BlockComment()
    {
        var (line, column) = (_line, _pos - _lineStart + 1);
        _pos += 2;
        while (_pos < text.Length && !(text[_pos] == '*' && _pos + 1 < text.Length && text[_pos + 1] == '/'))
        {
            if (text[_pos] == '\n')
            {
                _line++;
                _lineStart = _pos + 1;
            }
            _pos++;
        }
        if (_pos >= text.Length)
            throw new QasmException(ErrorCodes.Qasm.Syntax, new SourceLocation(file, line, column), "comment '/*' is never closed; add '*/'");
        _pos += 2;
    }

    private SourceLocation Here(int start) => new(file, _line, start - _lineStart + 1);

    private Token Make(TokenKind kind, int start, int length)
    {
        if (start - _lineStart + length > limits.MaxLineLength)
            throw new QasmLimitException(new SourceLocation(file, _line, 1), nameof(QasmLimits.MaxLineLength), limits.MaxLineLength, "line too long");
        return new Token(kind, start, length, _line, start - _lineStart + 1);
    }

    private static bool IsIdentifierStart(char c) => c == '_' || char.IsAsciiLetter(c) || (c > 127 && char.IsLetter(c));

    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || char.IsAsciiDigit(c);
}
