using System.Collections.Immutable;
using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;

namespace Qonduit.Circuits.Qasm;

internal sealed partial class Parser
{
    private QasmStatement.GateDefinition ParseGateDefinition()
    {
        var (at, name, parameters, qubits) = ParseGateSignature("gate");
        if (_current.Kind != TokenKind.LeftBrace)
            throw Error(ErrorCodes.Qasm.Syntax, _current, $"expected '{{' to start the body of gate '{name}'");
        Advance();
        var outer = _scope;
        _scope = parameters.ToHashSet(StringComparer.Ordinal);
        var body = ImmutableArray.CreateBuilder<QasmStatement>();
        while (_current.Kind != TokenKind.RightBrace)
        {
            if (_current.Kind == TokenKind.End) throw Error(ErrorCodes.Qasm.Syntax, _current, $"the body of gate '{name}' is not closed; add '}}'");
            var word = _current.Kind == TokenKind.Identifier ? Text(_current) : "";
            if (word is "measure" or "reset" or "if" or "qreg" or "creg" or "qubit" or "bit" or "gate" or "opaque" or "include" or "delay" or "input")
                throw Error(ErrorCodes.Qasm.Syntax, _current, $"'{word}' is not allowed inside a gate definition; a gate body holds only gate applications and barriers");
            body.Add(word == "barrier" ? ParseBarrier() : ParseGateCallOrAssignment());
        }
        Advance();
        _scope = outer;
        return new QasmStatement.GateDefinition(at, name, parameters, qubits, body.ToImmutable());
    }

    private QasmStatement.OpaqueDeclaration ParseOpaque()
    {
        var (at, name, parameters, qubits) = ParseGateSignature("opaque");
        Expect(TokenKind.Semicolon, "after the opaque declaration");
        return new QasmStatement.OpaqueDeclaration(at, name, parameters, qubits);
    }

    /// <summary>`gate|opaque name(params) a, b`: what a definition and an opaque declaration share.</summary>
    private (SourceLocation At, string Name, ImmutableArray<string> Parameters, ImmutableArray<string> Qubits) ParseGateSignature(string keyword)
    {
        var at = Location(_current);
        Advance();
        var name = ExpectIdentifier($"a gate name after '{keyword}'");
        var parameters = ImmutableArray<string>.Empty;
        if (_current.Kind == TokenKind.LeftParen)
        {
            Advance();
            parameters = _current.Kind == TokenKind.RightParen ? [] : ParseIdentifierList("a parameter name");
            Expect(TokenKind.RightParen, "after the gate's parameters");
        }
        return (at, name, parameters, ParseIdentifierList("a qubit argument name"));
    }

    private QasmStatement ParseGateCallOrAssignment()
    {
        var at = Location(_current);
        var modifiers = IsQasm3 ? ParseModifiers() : [];
        var nameToken = _current;
        var name = ExpectIdentifier("a gate name");
        if (modifiers.IsEmpty && IsQasm3 && _current.Kind is TokenKind.LeftBracket or TokenKind.Assign)
            return ParseMeasureAssignment(nameToken, name);
        if (_current.Kind == TokenKind.OtherOperator || (_current.Kind == TokenKind.Assign && !IsQasm3))
            throw Error(ErrorCodes.Qasm.Unsupported, _current, $"classical assignment or arithmetic ('{Text(_current)}') is outside the supported OpenQASM subset");
        var parameters = ImmutableArray<ParameterExpression>.Empty;
        if (_current.Kind == TokenKind.LeftParen)
        {
            Advance();
            parameters = _current.Kind == TokenKind.RightParen ? [] : ParseExpressionList();
            Expect(TokenKind.RightParen, "after the gate's parameters");
        }
        var operands = _current.Kind == TokenKind.Semicolon && name == "gphase" ? [] : ParseOperandList();
        Expect(TokenKind.Semicolon, "after the gate's operands");
        return new QasmStatement.GateCall(at, modifiers, name, parameters, operands);
    }

    private QasmStatement.Measure ParseMeasureAssignment(Token nameToken, string name)
    {
        var at = Location(nameToken);
        int? index = null;
        if (_current.Kind == TokenKind.LeftBracket) index = ParseIndex();
        if (_current.Kind != TokenKind.Assign)
            throw Error(ErrorCodes.Qasm.Unsupported, _current, $"classical assignment or arithmetic ({Describe(_current)}) is outside the supported OpenQASM 3 subset");
        Advance();
        if (!IsKeyword("measure"))
            throw Error(ErrorCodes.Qasm.Unsupported, _current, "classical assignment is outside the supported OpenQASM 3 subset; only 'c = measure q;' is allowed");
        Advance();
        var qubits = ParseOperand();
        Expect(TokenKind.Semicolon, "after the measurement");
        return new QasmStatement.Measure(at, qubits, new Operand(name, index, at));
    }

    private ImmutableArray<GateModifier> ParseModifiers()
    {
        var modifiers = ImmutableArray.CreateBuilder<GateModifier>();
        while (_current.Kind == TokenKind.Identifier && Text(_current) is "ctrl" or "negctrl" or "inv" or "pow")
        {
            var token = _current;
            var word = Text(token);
            var at = Location(token);
            Advance();
            if (word == "inv")
            {
                modifiers.Add(new GateModifier.Inverse(at));
            }
            else if (word == "pow")
            {
                Expect(TokenKind.LeftParen, "after 'pow' (e.g. pow(2) @ x q;)");
                var exponent = ParseExpression();
                Expect(TokenKind.RightParen, "after the exponent");
                modifiers.Add(new GateModifier.Power(at, exponent));
            }
            else
            {
                var count = 1L;
                if (_current.Kind == TokenKind.LeftParen)
                {
                    Advance();
                    var countToken = _current;
                    var e = ParseExpression();
                    if (!ExpressionAlgebra.TryInteger(e, out count) || count < 1)
                        throw Error(ErrorCodes.Qasm.Semantic, countToken, $"'{word}(n)' needs a positive integer constant n");
                    Expect(TokenKind.RightParen, $"after the {word} count");
                }
                if (count > _limits.MaxQubits)
                    throw new QasmLimitException(at, nameof(QasmLimits.MaxQubits), _limits.MaxQubits, "too many controls");
                modifiers.Add(new GateModifier.Control(at, (int)count, word == "negctrl"));
            }
            Expect(TokenKind.At, $"after the '{word}' modifier");
        }
        return modifiers.ToImmutable();
    }

    private ImmutableArray<string> ParseIdentifierList(string what)
    {
        var names = ImmutableArray.CreateBuilder<string>();
        names.Add(ExpectIdentifier(what));
        while (_current.Kind == TokenKind.Comma)
        {
            Advance();
            names.Add(ExpectIdentifier(what));
        }
        return names.ToImmutable();
    }

    private ImmutableArray<Operand> ParseOperandList()
    {
        var operands = ImmutableArray.CreateBuilder<Operand>();
        operands.Add(ParseOperand());
        while (_current.Kind == TokenKind.Comma)
        {
            Advance();
            operands.Add(ParseOperand());
        }
        return operands.ToImmutable();
    }

    private Operand ParseOperand()
    {
        var token = _current;
        var name = ExpectIdentifier("a qubit or bit operand (name or name[index])");
        int? index = _current.Kind == TokenKind.LeftBracket ? ParseIndex() : null;
        return new Operand(name, index, Location(token));
    }

    private int ParseIndex()
    {
        Advance();
        if (_current.Kind == TokenKind.LeftBrace)
            throw Error(ErrorCodes.Qasm.Unsupported, _current, "index sets (q[{0, 1}]) are outside the supported subset; list the qubits one by one");
        var index = ParseIndexLiteral("an index");
        if (_current.Kind == TokenKind.Colon)
            throw Error(ErrorCodes.Qasm.Unsupported, _current, "register slices (q[0:2]) are outside the supported subset; list the qubits one by one");
        Expect(TokenKind.RightBracket, "after the index");
        return index;
    }

    private int ParseIndexLiteral(string what)
    {
        var token = _current;
        if (token.Kind != TokenKind.Integer)
            throw Error(IsQasm3 && token.Kind is TokenKind.Identifier or TokenKind.Minus ? ErrorCodes.Qasm.Unsupported : ErrorCodes.Qasm.Syntax, token,
                $"expected {what} as a non-negative integer literal, found {Describe(token)}");
        Advance();
        if (!int.TryParse(_lexer.Span(token), out var value))
            throw new QasmLimitException(Location(token), nameof(QasmLimits.MaxQubits), _limits.MaxQubits, $"{what} {Text(token)} is far too large");
        return value;
    }
}
