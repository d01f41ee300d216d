using System.Collections.Immutable;
using System.Globalization;
using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;
using static Qonduit.Circuits.Qasm.ExpressionAlgebra;

namespace Qonduit.Circuits.Qasm;

internal sealed partial class Parser
{
    /// <summary>An expression with the depth of its tree, so depth is bounded without walking trees.</summary>
    private readonly record struct Parsed(ParameterExpression Expression, int Depth);

    private ImmutableArray<ParameterExpression> ParseExpressionList()
    {
        var list = ImmutableArray.CreateBuilder<ParameterExpression>();
        list.Add(ParseExpression());
        while (_current.Kind == TokenKind.Comma)
        {
            Advance();
            list.Add(ParseExpression());
        }
        return list.ToImmutable();
    }

    private ParameterExpression ParseExpression() => ParseAdditive().Expression;

    private Parsed ParseAdditive()
    {
        Enter();
        var left = ParseMultiplicative();
        while (_current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var token = _current;
            var op = token.Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
            Advance();
            left = Join(token, op, left, ParseMultiplicative());
        }
        _depth--;
        return left;
    }

    private Parsed ParseMultiplicative()
    {
        var left = ParseUnary();
        while (_current.Kind is TokenKind.Star or TokenKind.Slash)
        {
            var token = _current;
            var op = token.Kind == TokenKind.Star ? BinaryOperator.Multiply : BinaryOperator.Divide;
            Advance();
            left = Join(token, op, left, ParseUnary());
        }
        return left;
    }

    private Parsed ParseUnary()
    {
        if (_current.Kind is TokenKind.Minus or TokenKind.Plus)
        {
            var negate = _current.Kind == TokenKind.Minus;
            Advance();
            Enter();
            var operand = ParseUnary();
            _depth--;
            return negate ? new Parsed(Negate(operand.Expression), operand.Depth + 1) : operand;
        }
        return ParsePower();
    }

    private Parsed ParsePower()
    {
        var baseValue = ParsePrimary();
        var isPower = IsQasm3 ? _current.Kind == TokenKind.DoubleStar : _current.Kind == TokenKind.Caret;
        if (IsQasm3 && _current.Kind == TokenKind.Caret)
            throw Error(ErrorCodes.Qasm.Unsupported, _current, "'^' is bitwise xor in OpenQASM 3 (outside the supported subset); write ** for a power");
        if (!isPower) return baseValue;
        var token = _current;
        Advance();
        Enter();
        var exponent = ParseUnary();
        _depth--;
        return Join(token, BinaryOperator.Power, baseValue, exponent);
    }

    private Parsed ParsePrimary()
    {
        var token = _current;
        switch (token.Kind)
        {
            case TokenKind.Integer or TokenKind.Real:
                Advance();
                return new Parsed(new ParameterExpression.Constant(double.Parse(_lexer.Span(token), NumberStyles.Float, CultureInfo.InvariantCulture)), 1);
            case TokenKind.LeftParen:
                Advance();
                var inner = ParseAdditive();
                Expect(TokenKind.RightParen, "to close the parenthesis");
                return inner;
            case TokenKind.Identifier:
                return ParseNamedPrimary(token);
            default:
                throw Error(ErrorCodes.Qasm.Syntax, token, $"expected a number, a parameter or '(' in the expression, found {Describe(token)}");
        }
    }

    private Parsed ParseNamedPrimary(Token token)
    {
        var name = Text(token);
        Advance();
        if (_current.Kind == TokenKind.LeftParen)
        {
            UnaryFunction? function = name switch
            {
                "sin" => UnaryFunction.Sin,
                "cos" => UnaryFunction.Cos,
                "tan" => UnaryFunction.Tan,
                "exp" => UnaryFunction.Exp,
                "ln" => UnaryFunction.Ln,
                "log" when IsQasm3 => UnaryFunction.Ln,
                "sqrt" => UnaryFunction.Sqrt,
                _ => null,
            };
            if (function is null)
                throw Error(ErrorCodes.Qasm.Unsupported, token, $"function '{name}' is not supported in expressions; use sin, cos, tan, exp, ln or sqrt");
            Advance();
            Enter();
            var argument = ParseAdditive();
            _depth--;
            Expect(TokenKind.RightParen, $"after the argument of {name}");
            return new Parsed(Apply(function.Value, argument.Expression), argument.Depth + 1);
        }
        if (name == "pi" || (IsQasm3 && name == "π")) return new Parsed(new ParameterExpression.Pi(), 1);
        if (IsQasm3 && name is "tau" or "τ") return new Parsed(new ParameterExpression.Constant(2 * Math.PI), 1);
        if (IsQasm3 && name is "euler" or "ℇ") return new Parsed(new ParameterExpression.Constant(Math.E), 1);
        if (_scope.Contains(name)) return new Parsed(new ParameterExpression.Symbol(name), 1);
        throw Error(ErrorCodes.Qasm.UnknownName, token, ReferenceEquals(_scope, _inputs)
            ? IsQasm3
                ? $"unknown parameter '{name}'; declare it first with 'input float[64] {name};'"
                : $"unknown parameter '{name}'; outside a gate definition a parameter must be a number or an expression of pi"
            : $"'{name}' is not a parameter of this gate definition");
    }

    private Parsed Join(Token token, BinaryOperator op, Parsed left, Parsed right)
    {
        var depth = Math.Max(left.Depth, right.Depth) + 1;
        if (depth > _limits.MaxNestingDepth)
            throw new QasmLimitException(Location(token), nameof(QasmLimits.MaxNestingDepth), _limits.MaxNestingDepth, "expression nested too deeply");
        return new Parsed(Combine(op, left.Expression, right.Expression), depth);
    }

    private void Enter()
    {
        if (++_depth > _limits.MaxNestingDepth)
            throw new QasmLimitException(Location(_current), nameof(QasmLimits.MaxNestingDepth), _limits.MaxNestingDepth, "expression nested too deeply");
    }

    private void Advance()
    {
        _previous = _current;
        _current = _lexer.Next();
    }

    private void Expect(TokenKind kind, string context)
    {
        if (_current.Kind == kind)
        {
            Advance();
            return;
        }
        var expected = Symbol(kind);
        if (kind == TokenKind.Semicolon && _previous.Line < _current.Line)
        {
            // Point at the end of the statement that lacks its ';', not at the next line.
            var at = new SourceLocation(_lexer.File, _previous.Line, _previous.Column + _previous.Length);
            throw new QasmException(ErrorCodes.Qasm.Syntax, at, $"missing ';' {context}".TrimEnd());
        }
        throw Error(ErrorCodes.Qasm.Syntax, _current, $"expected '{expected}' {context}, found {Describe(_current)}".Replace("  ", " ", StringComparison.Ordinal));
    }

    private string ExpectIdentifier(string what)
    {
        if (_current.Kind != TokenKind.Identifier)
            throw Error(ErrorCodes.Qasm.Syntax, _current, $"expected {what}, found {Describe(_current)}");
        var name = Text(_current);
        Advance();
        return name;
    }

    private bool IsKeyword(string word) => _current.Kind == TokenKind.Identifier && _lexer.Span(_current).SequenceEqual(word);

    // Identifiers repeat (q, cx, h ...): one string each per parse instead of one per occurrence.
    private string Text(Token token)
    {
        var span = _lexer.Span(token);
        if (_names.TryGetValue(span, out var name)) return name;
        name = span.ToString();
        if (token.Kind == TokenKind.Identifier) _names[name] = name;
        return name;
    }

    private SourceLocation Location(Token token) => _lexer.LocationOf(token);

    private QasmException Error(string code, Token token, string message) => new(code, Location(token), message);

    private string Describe(Token token) => token.Kind switch
    {
        TokenKind.End => "the end of the file",
        TokenKind.String => "a string",
        _ => $"'{Text(token)}'",
    };

    private static string Symbol(TokenKind kind) => kind switch
    {
        TokenKind.Semicolon => ";",
        TokenKind.Comma => ",",
        TokenKind.LeftParen => "(",
        TokenKind.RightParen => ")",
        TokenKind.LeftBracket => "[",
        TokenKind.RightBracket => "]",
        TokenKind.LeftBrace => "{",
        TokenKind.RightBrace => "}",
        TokenKind.Arrow => "->",
        TokenKind.At => "@",
        _ => kind.ToString(),
    };
}
