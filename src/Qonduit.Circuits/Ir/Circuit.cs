using Qonduit.Circuits.Expressions;

namespace Qonduit.Circuits.Ir;

/// <summary>
/// An immutable circuit over flat qubit indices [0, NumQubits) and clbit indices [0, NumClbits).
/// User-defined gates are already expanded into library gates; what remains is what a device or simulator runs.
/// <see cref="GlobalPhase"/> keeps phases that OpenQASM 3 `gphase` or OpenQASM 2's `rz` = `u1` convention imply.
/// </summary>
public sealed record Circuit(
    EquatableArray<QuantumRegister> QuantumRegisters,
    EquatableArray<ClassicalRegister> ClassicalRegisters,
    EquatableArray<Instruction> Instructions,
    ParameterExpression GlobalPhase,
    EquatableArray<string> InputParameters,
    EquatableArray<string> OpaqueGates)
{
    public int NumQubits => QuantumRegisters.Sum(r => r.Size);

    public int NumClbits => ClassicalRegisters.Sum(r => r.Size);

    public bool IsParameterized => InputParameters.Count > 0;

    /// <summary>
    /// Substitutes values for input parameters; parameters not named stay symbolic. A parameter that comes out NaN or
    /// infinite (a non-finite value, or e.g. theta/0 folded) is a <see cref="NonFiniteParameterException"/>.
    /// </summary>
    public Circuit Bind(IReadOnlyDictionary<string, double> bindings)
    {
        var instructions = new Instruction[Instructions.Count];
        for (var i = 0; i < instructions.Length; i++)
        {
            instructions[i] = Instructions[i] switch
            {
                Instruction.Gate g => g with { Parameters = g.Parameters.Select((p, j) => Finite(p.Bind(bindings), i, g, $"parameter {j + 1} of '{g.Name}'")).ToArray() },
                Instruction.Delay d => d with { Duration = Finite(d.Duration.Bind(bindings), i, d, "the duration of 'delay'") },
                var other => other,
            };
        }
        return this with
        {
            Instructions = instructions,
            GlobalPhase = Finite(GlobalPhase.Bind(bindings), null, null, "the global phase"),
            InputParameters = InputParameters.Where(p => !bindings.ContainsKey(p)).ToArray(),
        };
    }

    private static ParameterExpression Finite(ParameterExpression bound, int? index, Instruction? instruction, string what) =>
        NonFinite.Find(bound) is { } value
            ? throw new NonFiniteParameterException(
                $"{what}{(index is { } i ? $" (instruction {i}{(instruction?.Source.Location is { } at ? $", line {at.Line}" : "")})" : "")} is {value} once bound; bound values must be finite numbers")
            : bound;
}

/// <summary>A bound parameter value is NaN or infinite; the circuit cannot run with it.</summary>
public sealed class NonFiniteParameterException(string message) : QonduitException(ErrorCodes.Qasm.NonFiniteParameter, message);
