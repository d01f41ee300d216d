using System.Text;
using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;

namespace Qonduit.Circuits.Qasm;

/// <summary>
/// Writes a <see cref="Circuit"/> as OpenQASM 2 or 3 such that parsing the text gives an equal circuit.
/// Library gates outside the dialect's standard include are written as gate definitions the parser recognises as
/// those gates. What the dialect cannot say (OpenQASM 2: controlled gates without a qelib1 name, delays, inputs,
/// a global phase beyond what its gates imply) is a <see cref="QasmPrintException"/>.
/// </summary>
public static class QasmPrinter
{
    /// <param name="dropGlobalPhase">For OpenQASM 2 only: leave out a global phase it cannot express instead of failing.</param>
    public static string Print(Circuit circuit, QasmDialect dialect, bool dropGlobalPhase = false)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var spelling = new GateSpelling(dialect);
        var text = new StringBuilder(64 + circuit.Instructions.Count * 24);
        text.Append(dialect == QasmDialect.OpenQasm2 ? "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n" : "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n");
        if (circuit.InputParameters.Count > 0 && dialect == QasmDialect.OpenQasm2)
            throw new QasmPrintException($"OpenQASM 2 has no input parameters ({string.Join(", ", circuit.InputParameters)}); bind them or print as OpenQASM 3");
        foreach (var input in circuit.InputParameters) text.Append("input float[64] ").Append(input).Append(";\n");
        foreach (var definition in spelling.DefinitionsFor(circuit)) text.Append(definition).Append('\n');
        Opaque(circuit, text);
        var qubitNames = Names(circuit.QuantumRegisters.Select(r => (r.Name, r.Size)));
        var clbitNames = Names(circuit.ClassicalRegisters.Select(r => (r.Name, r.Size)));
        foreach (var r in circuit.QuantumRegisters)
            text.Append(dialect == QasmDialect.OpenQasm2 ? $"qreg {r.Name}[{r.Size}];\n" : $"qubit[{r.Size}] {r.Name};\n");
        foreach (var r in circuit.ClassicalRegisters)
            text.Append(dialect == QasmDialect.OpenQasm2 ? $"creg {r.Name}[{r.Size}];\n" : $"bit[{r.Size}] {r.Name};\n");
        ParameterExpression? implied = null;
        foreach (var instruction in circuit.Instructions)
        {
            if (instruction.Condition is { } condition) text.Append(Condition(circuit, condition, dialect));
            switch (instruction)
            {
                case Instruction.Gate gate:
                    text.Append(spelling.Spell(gate));
                    if (gate.Parameters.Count > 0)
                        text.Append('(').AppendJoin(", ", gate.Parameters.Select(p => ExpressionPrinter.Print(p, dialect))).Append(')');
                    text.Append(' ').AppendJoin(", ", gate.Targets.Select(q => qubitNames[q]));
                    if (instruction.Condition is null && PhaseConventions.Implied(dialect, gate.Name, [.. gate.Parameters], gate.ControlCount) is { } phase)
                        implied = ExpressionAlgebra.Add(implied, phase);
                    break;
                case Instruction.Measure m:
                    text.Append(dialect == QasmDialect.OpenQasm2 ? $"measure {qubitNames[m.Qubit]} -> {clbitNames[m.Clbit]}" : $"{clbitNames[m.Clbit]} = measure {qubitNames[m.Qubit]}");
                    break;
                case Instruction.Reset r:
                    text.Append("reset ").Append(qubitNames[r.Qubit]);
                    break;
                case Instruction.Barrier b:
                    text.Append("barrier ").AppendJoin(", ", b.Targets.Select(q => qubitNames[q]));
                    break;
                case Instruction.Delay d:
                    text.Append(Delay(d, dialect)).AppendJoin(", ", d.Targets.Select(q => qubitNames[q]));
                    break;
            }
            text.Append(";\n");
        }
        GlobalPhase(circuit.GlobalPhase, implied, dialect, dropGlobalPhase, text);
        return text.ToString();
    }

    private static string[] Names(IEnumerable<(string Name, int Size)> registers) =>
        [.. registers.SelectMany(r => Enumerable.Range(0, r.Size).Select(i => $"{r.Name}[{i}]"))];

    private static void Opaque(Circuit circuit, StringBuilder text)
    {
        foreach (var name in circuit.OpaqueGates)
        {
            var use = circuit.Instructions.OfType<Instruction.Gate>().FirstOrDefault(g => g.Name == name);
            var parameters = Enumerable.Range(0, use?.Parameters.Count ?? 0).Select(i => $"p{i}");
            var qubits = Enumerable.Range(0, use is null ? 1 : use.Targets.Count - use.ControlCount).Select(i => $"a{i}");
            text.Append("opaque ").Append(name);
            if (use?.Parameters.Count > 0) text.Append('(').AppendJoin(", ", parameters).Append(')');
            text.Append(' ').AppendJoin(", ", qubits).Append(";\n");
        }
    }

    private static string Condition(Circuit circuit, ClassicalCondition condition, QasmDialect dialect)
    {
        var bits = condition.Clbits;
        var register = circuit.ClassicalRegisters.FirstOrDefault(r =>
            r.Size == bits.Count && Enumerable.Range(0, r.Size).All(i => bits[i] == r.Offset + i));
        if (register is not null)
            return dialect == QasmDialect.OpenQasm2 ? $"if({register.Name}=={condition.Value}) " : $"if ({register.Name} == {condition.Value}) ";
        var single = bits.Count == 1 ? circuit.ClassicalRegisters.FirstOrDefault(r => bits[0] >= r.Offset && bits[0] < r.Offset + r.Size) : null;
        if (single is not null && dialect == QasmDialect.OpenQasm3)
            return $"if ({single.Name}[{bits[0] - single.Offset}] == {condition.Value}) ";
        throw new QasmPrintException(dialect == QasmDialect.OpenQasm2
            ? $"OpenQASM 2 conditions compare a whole classical register; bits {bits} are not one"
            : $"the condition on bits {bits} is neither a whole classical register nor a single bit");
    }

    private static string Delay(Instruction.Delay delay, QasmDialect dialect)
    {
        if (dialect == QasmDialect.OpenQasm2) throw new QasmPrintException("OpenQASM 2 has no delay instruction; print as OpenQASM 3");
        if (delay.Duration is not ParameterExpression.Constant { Value: var value } || !double.IsFinite(value))
            throw new QasmPrintException($"a delay needs a constant duration to be printed; got {delay.Duration}");
        return $"delay[{ExpressionPrinter.Number(value)}{delay.Unit}] ";
    }

    /// <summary>
    /// The circuit's phase minus what the printed gates imply is written as a trailing `gphase` (two when one cannot
    /// make the parser's running sum land on exactly the same double).
    /// </summary>
    private static void GlobalPhase(ParameterExpression total, ParameterExpression? implied, QasmDialect dialect, bool drop, StringBuilder text)
    {
        // CircuitBuilder starts the phase at 0 and adds the parser's sum once.
        var written = total is ParameterExpression.Binary { Operator: BinaryOperator.Add, Left: ParameterExpression.Constant { Value: 0 } } sum ? sum.Right : total;
        ParameterExpression? residual;
        if (written is ParameterExpression.Constant c && (implied is null || implied is ParameterExpression.Constant))
        {
            var s = (implied as ParameterExpression.Constant)?.Value;
            if ((s ?? 0.0) == c.Value) return;
            if (s is { } impliedSum && dialect == QasmDialect.OpenQasm3)
            {
                // The parser adds each gphase to its running sum; two terms reach any double exactly.
                var first = c.Value - impliedSum;
                var reached = impliedSum + first;
                text.Append("gphase(").Append(ExpressionPrinter.Number(first)).Append(");\n");
                if (reached != c.Value) text.Append("gphase(").Append(ExpressionPrinter.Number(c.Value - reached)).Append(");\n");
                return;
            }
            residual = new ParameterExpression.Constant(c.Value - (s ?? 0.0));
        }
        else
        {
            if (implied is not null && implied.Equals(written)) return;
            residual = implied is null ? written : ExpressionAlgebra.Combine(BinaryOperator.Subtract, written, implied);
        }
        if (dialect == QasmDialect.OpenQasm3)
        {
            text.Append("gphase(").Append(ExpressionPrinter.Print(residual, dialect)).Append(");\n");
            return;
        }
        if (!drop)
            throw new QasmPrintException(
                $"the circuit has a global phase ({ExpressionPrinter.Print(residual, dialect)}) that OpenQASM 2 cannot express " +
                "(OpenQASM 3's rz differs from OpenQASM 2's by a phase); print as OpenQASM 3, or drop the phase (qonduit qasm format --drop-global-phase)");
    }
}
