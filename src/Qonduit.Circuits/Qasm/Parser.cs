using System.Collections.Immutable;
using System.Globalization;
using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;

namespace Qonduit.Circuits.Qasm;

/// <summary>
/// Recursive-descent parser from tokens to <see cref="QasmProgram"/>. Syntax only: names of registers and gates are
/// resolved by <see cref="Elaborator"/>; identifiers inside expressions are checked here because the scope is lexical.
/// Recursion is bounded by <see cref="QasmLimits.MaxNestingDepth"/>.
/// </summary>
internal sealed partial class Parser
{
    private readonly Lexer _lexer;
    private readonly QasmLimits _limits;
    private readonly HashSet<string> _inputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _names =
        new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    private Token _current;
    private Token _previous;
    private QasmDialect? _dialect;
    private int _depth;

    /// <summary>The parameters visible in an expression: a gate's parameters inside its body, the inputs outside.</summary>
    private IReadOnlySet<string> _scope;

    public Parser(string text, string file, QasmLimits limits, QasmDialect? dialect, CancellationToken cancellation = default)
    {
        _lexer = new Lexer(text, file, limits, cancellation);
        _limits = limits;
        _dialect = dialect;
        _scope = _inputs;
        _current = _lexer.Next();
    }

    private QasmDialect Dialect => _dialect ?? QasmDialect.OpenQasm2;

    private bool IsQasm3 => Dialect == QasmDialect.OpenQasm3;

    public QasmProgram ParseProgram()
    {
        var header = ParseHeader();
        var statements = ImmutableArray.CreateBuilder<QasmStatement>();
        while (_current.Kind != TokenKind.End)
        {
            if (_dialect is null) _dialect = SniffDialect();
            statements.Add(ParseStatement(topLevel: true));
        }
        return new QasmProgram(header ?? _dialect, statements.ToImmutable());
    }

    private QasmDialect? ParseHeader()
    {
        if (!IsKeyword("OPENQASM")) return null;
        var at = Location(_current);
        Advance();
        if (_current.Kind is not (TokenKind.Real or TokenKind.Integer))
            throw Error(ErrorCodes.Qasm.Syntax, _current, "expected a version number after OPENQASM, e.g. 'OPENQASM 2.0;'");
        var version = Text(_current);
        Advance();
        Expect(TokenKind.Semicolon, "after the version");
        _dialect = version switch
        {
            "2" or "2.0" => QasmDialect.OpenQasm2,
            "3" or "3.0" or "3.1" => QasmDialect.OpenQasm3,
            _ => throw new QasmException(ErrorCodes.Qasm.Unsupported, at, $"OpenQASM version {version} is not supported; use 2.0 or 3.0"),
        };
        return _dialect;
    }

    // A file without a version header is OpenQASM 2 when it starts like one (qelib1.inc, qreg, creg), else OpenQASM 3.
    private QasmDialect SniffDialect()
    {
        if (IsKeyword("qreg") || IsKeyword("creg")) return QasmDialect.OpenQasm2;
        if (IsKeyword("include"))
        {
            var text = _lexer.Text.AsSpan(_current.Start);
            var end = text.IndexOf(';');
            return text[..(end < 0 ? text.Length : end)].Contains("qelib1.inc", StringComparison.Ordinal) ? QasmDialect.OpenQasm2 : QasmDialect.OpenQasm3;
        }
        return QasmDialect.OpenQasm3;
    }

    private QasmStatement ParseStatement(bool topLevel)
    {
        var token = _current;
        if (token.Kind != TokenKind.Identifier)
            throw Error(ErrorCodes.Qasm.Syntax, token, $"expected a statement, found {Describe(token)}");
        var word = Text(token);
        if (IsQasm3 && UnsupportedConstructs.TryGetValue(word, out var construct))
            throw Error(ErrorCodes.Qasm.Unsupported, token, $"{construct} ('{word}') is outside the supported OpenQASM 3 subset");
        switch (word)
        {
            case "OPENQASM":
                throw Error(ErrorCodes.Qasm.Syntax, token, "the OPENQASM version line must be the first statement of the file");
            case "include": RequireTopLevel(topLevel, token); return ParseInclude();
            case "qreg": RequireTopLevel(topLevel, token); return ParseRegister(quantum: true, legacy: true);
            case "creg": RequireTopLevel(topLevel, token); return ParseRegister(quantum: false, legacy: true);
            case "gate": RequireTopLevel(topLevel, token); return ParseGateDefinition();
            case "opaque": RequireTopLevel(topLevel, token); return ParseOpaque();
            case "measure": return ParseMeasure();
            case "reset": return ParseReset();
            case "barrier": return ParseBarrier();
            case "if": return ParseIf(topLevel);
        }
        if (IsQasm3)
        {
            switch (word)
            {
                case "qubit": RequireTopLevel(topLevel, token); return ParseRegister(quantum: true, legacy: false);
                case "bit": RequireTopLevel(topLevel, token); return ParseRegister(quantum: false, legacy: false);
                case "input": RequireTopLevel(topLevel, token); return ParseInput();
                case "delay": return ParseDelay();
                case "else": throw Error(ErrorCodes.Qasm.Unsupported, token, "'else' branches are outside the supported OpenQASM 3 subset; write a second 'if' with the other value");
            }
        }
        return ParseGateCallOrAssignment();
    }

    private void RequireTopLevel(bool topLevel, Token token)
    {
        if (!topLevel)
            throw Error(ErrorCodes.Qasm.Syntax, token, $"'{Text(token)}' is only allowed at the top level of a program, not inside a block");
    }

    private QasmStatement.Include ParseInclude()
    {
        var at = Location(_current);
        Advance();
        if (_current.Kind != TokenKind.String)
            throw Error(ErrorCodes.Qasm.Syntax, _current, "expected a quoted file name after include, e.g. include \"qelib1.inc\";");
        var path = _lexer.Span(_current)[1..^1].ToString();
        Advance();
        Expect(TokenKind.Semicolon, "after the include");
        return new QasmStatement.Include(at, path);
    }

    private QasmStatement ParseRegister(bool quantum, bool legacy)
    {
        var at = Location(_current);
        var keyword = Text(_current);
        Advance();
        int? size = null;
        if (!legacy && _current.Kind == TokenKind.LeftBracket) size = ParseDesignator();
        var name = ExpectIdentifier($"a register name after '{keyword}'");
        if (legacy)
        {
            if (_current.Kind != TokenKind.LeftBracket)
                throw Error(ErrorCodes.Qasm.Syntax, _current, $"expected '[size]' after '{keyword} {name}', e.g. {keyword} {name}[2];");
            size = ParseDesignator();
        }
        if (_current.Kind == TokenKind.Assign)
            throw Error(ErrorCodes.Qasm.Unsupported, _current, "initialising a declaration is outside the supported OpenQASM 3 subset");
        Expect(TokenKind.Semicolon, "after the declaration");
        return quantum
            ? new QasmStatement.QuantumDeclaration(at, name, size ?? 1, size is null)
            : new QasmStatement.ClassicalDeclaration(at, name, size ?? 1, size is null);
    }

    private int ParseDesignator()
    {
        Expect(TokenKind.LeftBracket, "");
        var size = ParseIndexLiteral("a register size");
        if (size == 0) throw Error(ErrorCodes.Qasm.OutOfRange, _previous, "a register needs at least one bit; size 0 declared");
        Expect(TokenKind.RightBracket, "after the size");
        return size;
    }

    private QasmStatement.InputDeclaration ParseInput()
    {
        var at = Location(_current);
        Advance();
        var typeToken = _current;
        var type = ExpectIdentifier("a type after 'input', e.g. input float[64] theta;");
        if (type is not ("float" or "angle"))
            throw Error(ErrorCodes.Qasm.Unsupported, typeToken, $"'input {type}' is outside the supported subset; only 'input float[64] name;' (or angle) inputs are symbolic parameters");
        if (_current.Kind == TokenKind.LeftBracket)
        {
            Advance();
            ParseIndexLiteral("a width");
            Expect(TokenKind.RightBracket, "after the width");
        }
        var nameToken = _current;
        var name = ExpectIdentifier("the input's name");
        Expect(TokenKind.Semicolon, "after the input declaration");
        if (!_inputs.Add(name)) throw Error(ErrorCodes.Qasm.Redefinition, nameToken, $"input '{name}' is already declared");
        return new QasmStatement.InputDeclaration(at, name);
    }

    private QasmStatement.Delay ParseDelay()
    {
        var at = Location(_current);
        Advance();
        Expect(TokenKind.LeftBracket, "after 'delay' (e.g. delay[100ns] q;)");
        if (_current.Kind != TokenKind.Duration)
            throw Error(ErrorCodes.Qasm.Syntax, _current, "expected a duration with a unit (ns, us, ms, s, dt), e.g. delay[100ns] q;");
        var text = Text(_current);
        var unitLength = text.EndsWith("ns", StringComparison.Ordinal) || text.EndsWith("us", StringComparison.Ordinal)
            || text.EndsWith("µs", StringComparison.Ordinal) || text.EndsWith("ms", StringComparison.Ordinal) || text.EndsWith("dt", StringComparison.Ordinal) ? 2 : 1;
        var value = double.Parse(text.AsSpan(0, text.Length - unitLength), NumberStyles.Float, CultureInfo.InvariantCulture);
        var unit = text[^unitLength..];
        Advance();
        Expect(TokenKind.RightBracket, "after the duration");
        var operands = _current.Kind == TokenKind.Semicolon ? [] : ParseOperandList();
        Expect(TokenKind.Semicolon, "after the delay");
        return new QasmStatement.Delay(at, new ParameterExpression.Constant(value), unit == "µs" ? "us" : unit, operands);
    }

    private QasmStatement.Measure ParseMeasure()
    {
        var at = Location(_current);
        Advance();
        var qubits = ParseOperand();
        if (_current.Kind != TokenKind.Arrow)
            throw Error(ErrorCodes.Qasm.Syntax, _current, IsQasm3
                ? "a measurement needs a target: 'measure q -> c;' or 'c = measure q;'"
                : "expected '->' and a classical target, e.g. measure q[0] -> c[0];");
        Advance();
        var bits = ParseOperand();
        Expect(TokenKind.Semicolon, "after the measurement");
        return new QasmStatement.Measure(at, qubits, bits);
    }

    private QasmStatement.Reset ParseReset()
    {
        var at = Location(_current);
        Advance();
        var operand = ParseOperand();
        Expect(TokenKind.Semicolon, "after the reset");
        return new QasmStatement.Reset(at, operand);
    }

    private QasmStatement.Barrier ParseBarrier()
    {
        var at = Location(_current);
        Advance();
        var operands = _current.Kind == TokenKind.Semicolon && IsQasm3 ? [] : ParseOperandList();
        Expect(TokenKind.Semicolon, "after the barrier");
        return new QasmStatement.Barrier(at, operands);
    }

    private QasmStatement.If ParseIf(bool topLevel)
    {
        var at = Location(_current);
        if (!topLevel)
            throw Error(ErrorCodes.Qasm.Unsupported, _current, "nested 'if' is outside the supported subset; combine the conditions into one register comparison");
        Advance();
        Expect(TokenKind.LeftParen, "after 'if'");
        var bits = ParseOperand();
        if (_current.Kind != TokenKind.EqualEqual)
            throw Error(ErrorCodes.Qasm.Unsupported, _current, "only 'if (register == value)' conditions are supported");
        Advance();
        var valueToken = _current;
        if (_current.Kind != TokenKind.Integer)
            throw Error(ErrorCodes.Qasm.Syntax, _current, "expected a non-negative integer to compare with, e.g. if(c==1)");
        if (!long.TryParse(Text(_current), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            throw Error(ErrorCodes.Qasm.OutOfRange, valueToken, $"the value {Text(valueToken)} is too large to compare with a register");
        Advance();
        Expect(TokenKind.RightParen, "after the condition");
        var body = ImmutableArray.CreateBuilder<QasmStatement>();
        if (IsQasm3 && _current.Kind == TokenKind.LeftBrace)
        {
            Advance();
            while (_current.Kind != TokenKind.RightBrace)
            {
                if (_current.Kind == TokenKind.End) throw Error(ErrorCodes.Qasm.Syntax, _current, "block not closed; add '}'");
                body.Add(ParseStatement(topLevel: false));
            }
            Advance();
        }
        else
        {
            body.Add(ParseStatement(topLevel: false));
        }
        if (IsKeyword("else"))
            throw Error(ErrorCodes.Qasm.Unsupported, _current, "'else' branches are outside the supported OpenQASM 3 subset; write a second 'if' with the other value");
        return new QasmStatement.If(at, bits, value, body.ToImmutable());
    }

    private static readonly Dictionary<string, string> UnsupportedConstructs = new(StringComparer.Ordinal)
    {
        ["for"] = "a for loop",
        ["while"] = "a while loop",
        ["def"] = "a subroutine definition",
        ["return"] = "a subroutine return",
        ["extern"] = "an extern declaration",
        ["box"] = "a box statement",
        ["let"] = "an alias (let)",
        ["const"] = "a classical constant",
        ["int"] = "a classical integer variable",
        ["uint"] = "a classical integer variable",
        ["float"] = "a classical float variable",
        ["angle"] = "a classical angle variable",
        ["bool"] = "a classical bool variable",
        ["complex"] = "a classical complex variable",
        ["duration"] = "a duration variable",
        ["stretch"] = "a stretch variable",
        ["array"] = "a classical array",
        ["output"] = "an output declaration",
        ["cal"] = "a calibration block",
        ["defcal"] = "a calibration definition",
        ["defcalgrammar"] = "a calibration grammar",
        ["break"] = "a loop 'break'",
        ["continue"] = "a loop 'continue'",
        ["end"] = "an 'end' statement",
        ["switch"] = "a switch statement",
        ["pragma"] = "a pragma",
    };
}
