using System.Collections.Immutable;
using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;

namespace Qonduit.Circuits.Qasm;

/// <summary>
/// Turns parsed statements into a <see cref="Circuit"/>: resolves registers and gates, resolves includes (built-in
/// qelib1.inc and stdgates.inc; other files only as the <see cref="QasmIncludePolicy"/> allows, relative to the including
/// file, cycles reported), broadcasts over
/// registers, expands user gates and modifiers into library gates, and keeps the global phase.
/// </summary>
internal sealed partial class Elaborator
{
    private readonly QasmDialect _dialect;
    private readonly QasmLimits _limits;
    private readonly QasmIncludePolicy _includes;
    private readonly CancellationToken _cancellation;
    private readonly CircuitBuilder _builder = new();
    private readonly Dictionary<string, QuantumRegister> _quantum = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ClassicalRegister> _classical = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceLocation> _declared = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GateSymbol> _gates = new(StringComparer.Ordinal);
    private readonly HashSet<string> _builtinsIncluded = new(StringComparer.Ordinal);
    private readonly List<string> _includeStack = [];
    private ParameterExpression? _phase;
    private long _ticks;
    private readonly Dictionary<GateSymbol.Defined, List<BodyOp>> _bodies = new(ReferenceEqualityComparer.Instance);
    private long _keptOperations;

    /// <summary>
    /// The program's operations, checked and sized but not yet expanded: every statement is read before the first
    /// operation is built, so a program whose operations add up past the limit is refused having built nothing.
    /// </summary>
    private readonly List<Action> _planned = [];
    private long _plannedOperations;

    private Elaborator(QasmDialect dialect, QasmLimits limits, QasmIncludePolicy includes, CancellationToken cancellation)
    {
        _dialect = dialect;
        _limits = limits;
        _includes = includes;
        _cancellation = cancellation;
        _gates["U"] = new GateSymbol.Library("U", GateLibrary.Get("u"), null);
        if (dialect == QasmDialect.OpenQasm2) _gates["CX"] = new GateSymbol.Library("CX", GateLibrary.Get("cx"), null);
        else _gates["gphase"] = new GateSymbol.GlobalPhase();
    }

    public static Circuit Run(QasmProgram program, string file, QasmLimits limits, QasmIncludePolicy includes, CancellationToken cancellation)
    {
        var elaborator = new Elaborator(program.Dialect ?? QasmDialect.OpenQasm2, limits, includes, cancellation);
        elaborator._includeStack.Add(FullPath(file));
        elaborator.Statements(program.Statements, file);
        foreach (var emit in elaborator._planned) emit();
        if (elaborator._phase is not null) elaborator._builder.AddGlobalPhase(elaborator._phase);
        return elaborator._builder.Build();
    }

    private void Statements(ImmutableArray<QasmStatement> statements, string file)
    {
        foreach (var statement in statements) Statement(statement, file);
    }

    private void Statement(QasmStatement statement, string file)
    {
        Tick(statement.Location);
        switch (statement)
        {
            case QasmStatement.Include include: Include(include, file); break;
            case QasmStatement.QuantumDeclaration q: DeclareQuantum(q); break;
            case QasmStatement.ClassicalDeclaration c: DeclareClassical(c); break;
            case QasmStatement.InputDeclaration input:
                Declare(input.Name, input.Location);
                _builder.AddInputParameter(input.Name);
                break;
            case QasmStatement.GateDefinition definition: Define(definition); break;
            case QasmStatement.OpaqueDeclaration opaque: DeclareOpaque(opaque); break;
            case QasmStatement.If conditional: If(conditional); break;
            default: Operation(statement, null); break;
        }
    }

    private void Operation(QasmStatement statement, ClassicalCondition? condition)
    {
        switch (statement)
        {
            case QasmStatement.GateCall call: Call(call, condition); break;
            case QasmStatement.Measure measure: Measure(measure, condition); break;
            case QasmStatement.Reset reset:
                var (start, count, _) = Qubits(reset.Qubits);
                Plan(count, reset.Location, "reset", expands: false, () =>
                {
                    for (var i = 0; i < count; i++) Emit(new Instruction.Reset(start + i) { Condition = condition, Source = reset.Location });
                });
                break;
            case QasmStatement.Barrier barrier:
                var barrierQubits = QubitList(barrier.Operands);
                Plan(1, barrier.Location, "barrier", expands: false, () => Emit(new Instruction.Barrier(barrierQubits) { Condition = condition, Source = barrier.Location }));
                break;
            case QasmStatement.Delay delay:
                if (NonFinite.Find(delay.Duration) is { } duration)
                    throw new QasmException(ErrorCodes.Qasm.NonFiniteParameter, delay.Location, $"the duration of 'delay' is {duration} after constant folding; it must be a finite number");
                var delayQubits = QubitList(delay.Operands);
                Plan(1, delay.Location, "delay", expands: false, () => Emit(new Instruction.Delay(delayQubits, delay.Duration, delay.Unit) { Condition = condition, Source = delay.Location }));
                break;
            default:
                throw new QasmException(ErrorCodes.Qasm.Syntax, statement.Location, "this statement is not allowed here");
        }
    }

    private void If(QasmStatement.If conditional)
    {
        var bits = conditional.Bits;
        if (!_classical.TryGetValue(bits.Name, out var register))
            throw new QasmException(ErrorCodes.Qasm.UnknownName, bits.Location, _quantum.ContainsKey(bits.Name)
                ? $"'{bits.Name}' is a quantum register; a condition compares a classical register"
                : $"undeclared classical register '{bits.Name}'");
        int[] clbits;
        if (bits.Index is { } index)
        {
            if (_dialect == QasmDialect.OpenQasm2)
                throw new QasmException(ErrorCodes.Qasm.Semantic, bits.Location, $"OpenQASM 2 conditions compare a whole register: write if({bits.Name}==n)");
            CheckIndex(bits, register.Size);
            clbits = [register[index]];
        }
        else
        {
            clbits = [.. Enumerable.Range(register.Offset, register.Size)];
        }
        if (clbits.Length < 63 && conditional.Value >= 1L << clbits.Length)
            throw new QasmException(ErrorCodes.Qasm.OutOfRange, conditional.Location,
                $"the value {conditional.Value} does not fit in {bits} ({clbits.Length} bit(s)); the condition could never hold");
        var condition = new ClassicalCondition(clbits, conditional.Value);
        foreach (var statement in conditional.Body) Operation(statement, condition);
    }

    private void Measure(QasmStatement.Measure measure, ClassicalCondition? condition)
    {
        var (qStart, qCount, _) = Qubits(measure.Qubits);
        var (cStart, cCount, _) = Clbits(measure.Bits);
        if (qCount != cCount)
            throw new QasmException(ErrorCodes.Qasm.BroadcastMismatch, measure.Location,
                $"measure {measure.Qubits} -> {measure.Bits} pairs {qCount} qubit(s) with {cCount} bit(s); give registers of equal size or single bits");
        Plan(qCount, measure.Location, "measure", expands: false, () =>
        {
            for (var i = 0; i < qCount; i++)
                Emit(new Instruction.Measure(qStart + i, cStart + i) { Condition = condition, Source = measure.Location });
        });
    }

    private void DeclareQuantum(QasmStatement.QuantumDeclaration q)
    {
        if ((long)_builder.NumQubits + q.Size > _limits.MaxQubits)
            throw new QasmLimitException(q.Location, nameof(QasmLimits.MaxQubits), _limits.MaxQubits, $"register '{q.Name}[{q.Size}]' brings the qubit count past the limit");
        Declare(q.Name, q.Location);
        _quantum[q.Name] = _builder.AddQuantumRegister(q.Name, q.Size);
    }

    private void DeclareClassical(QasmStatement.ClassicalDeclaration c)
    {
        if ((long)_builder.NumClbits + c.Size > _limits.MaxClbits)
            throw new QasmLimitException(c.Location, nameof(QasmLimits.MaxClbits), _limits.MaxClbits, $"register '{c.Name}[{c.Size}]' brings the bit count past the limit");
        Declare(c.Name, c.Location);
        _classical[c.Name] = _builder.AddClassicalRegister(c.Name, c.Size);
    }

    private void Declare(string name, SourceLocation at)
    {
        if (_declared.TryGetValue(name, out var previous))
            throw new QasmException(ErrorCodes.Qasm.Redefinition, at, $"'{name}' is already declared at {previous}; choose another name");
        _declared[name] = at;
    }

    /// <summary>A qubit operand as a range of flat indices; <c>Register</c> when it names a whole register (broadcast).</summary>
    private (int Start, int Count, bool Register) Qubits(Operand operand)
    {
        if (!_quantum.TryGetValue(operand.Name, out var register))
            throw new QasmException(ErrorCodes.Qasm.UnknownName, operand.Location, _classical.ContainsKey(operand.Name)
                ? $"'{operand.Name}' is a classical register where qubits are expected"
                : $"undeclared qubit register '{operand.Name}'; declare it first (qreg {operand.Name}[n]; or qubit[n] {operand.Name};)");
        if (operand.Index is not { } index) return (register.Offset, register.Size, true);
        CheckIndex(operand, register.Size);
        return (register[index], 1, false);
    }

    private (int Start, int Count, bool Register) Clbits(Operand operand)
    {
        if (!_classical.TryGetValue(operand.Name, out var register))
            throw new QasmException(ErrorCodes.Qasm.UnknownName, operand.Location, _quantum.ContainsKey(operand.Name)
                ? $"'{operand.Name}' is a quantum register where classical bits are expected"
                : $"undeclared classical register '{operand.Name}'; declare it first (creg {operand.Name}[n]; or bit[n] {operand.Name};)");
        if (operand.Index is not { } index) return (register.Offset, register.Size, true);
        CheckIndex(operand, register.Size);
        return (register[index], 1, false);
    }

    private static void CheckIndex(Operand operand, int size)
    {
        if (operand.Index >= size)
            throw new QasmException(ErrorCodes.Qasm.OutOfRange, operand.Location,
                $"index {operand.Index} is out of range for register '{operand.Name}' of size {size} (valid: 0..{size - 1})");
    }

    /// <summary>Every qubit named by the operands, first occurrence order; no operands means all qubits.</summary>
    private int[] QubitList(ImmutableArray<Operand> operands)
    {
        if (operands.IsEmpty) return [.. Enumerable.Range(0, _builder.NumQubits)];
        var seen = new HashSet<int>();
        var list = new List<int>();
        foreach (var operand in operands)
        {
            var (start, count, _) = Qubits(operand);
            for (var i = 0; i < count; i++)
                if (seen.Add(start + i)) list.Add(start + i);
        }
        return [.. list];
    }

    /// <summary>
    /// Reserves a statement's operations (at least <paramref name="operations"/>) against the limit and keeps how to
    /// build them for after the last statement. Past the limit, a statement that <paramref name="expands"/> a gate
    /// definition or modifier is an expansion refused before it is built; any other is the plain instruction limit.
    /// </summary>
    private void Plan(long operations, SourceLocation at, string what, bool expands, Action emit)
    {
        var left = _limits.MaxInstructions - _plannedOperations;
        if (operations > left)
            throw !expands
                ? new QasmLimitException(at, nameof(QasmLimits.MaxInstructions), _limits.MaxInstructions, $"'{what}' brings the circuit past the instruction limit")
                : new QasmExpansionException(at, _limits.MaxInstructions, $"'{what}' expands to at least {operations} operations; {left} of the circuit's operations are left");
        _plannedOperations += operations;
        _planned.Add(emit);
    }

    private void Emit(Instruction instruction)
    {
        if (_builder.InstructionCount >= _limits.MaxInstructions)
            throw new QasmLimitException(instruction.Source.Location!, nameof(QasmLimits.MaxInstructions), _limits.MaxInstructions, "too many instructions");
        _builder.Add(instruction);
    }

    private void AddPhase(ParameterExpression phase) => _phase = ExpressionAlgebra.Add(_phase, phase);

    private static string FullPath(string file) => file.StartsWith('<') ? file : Path.GetFullPath(file);
}
