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

    /// <summary>Substitutes values for input parameters; parameters not named stay symbolic.</summary>
    public Circuit Bind(IReadOnlyDictionary<string, double> bindings)
    {
        var instructions = Instructions.Select(i => i is Instruction.Gate g
            ? g with { Parameters = g.Parameters.Select(p => p.Bind(bindings)).ToArray() }
            : i is Instruction.Delay d ? d with { Duration = d.Duration.Bind(bindings) } : i).ToArray();
        return this with
        {
            Instructions = instructions,
            GlobalPhase = GlobalPhase.Bind(bindings),
            InputParameters = InputParameters.Where(p => !bindings.ContainsKey(p)).ToArray(),
        };
    }
}
