using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;

namespace Qonduit.Transpiler.Synthesis;

/// <summary>
/// Where synthesis writes: instructions in circuit order plus the global phase they imply. Every gate written carries
/// <see cref="Condition"/>, so a classically controlled gate decomposes into gates under the same condition.
/// </summary>
internal sealed class GateSink(List<Instruction> instructions)
{
    public GateSink() : this([]) { }

    public List<Instruction> Instructions { get; } = instructions;

    public double GlobalPhase { get; set; }

    public ClassicalCondition? Condition { get; set; }

    public void Gate(string name, int qubit) => Add(new Instruction.Gate(name, new[] { qubit }, EquatableArray<ParameterExpression>.Empty));

    public void Gate(string name, int a, int b) => Add(new Instruction.Gate(name, new[] { a, b }, EquatableArray<ParameterExpression>.Empty));

    public void Gate(string name, double angle, int qubit) =>
        Add(new Instruction.Gate(name, new[] { qubit }, new ParameterExpression[] { new ParameterExpression.Constant(angle) }));

    public void Gate(string name, double[] angles, int[] qubits) =>
        Add(new Instruction.Gate(name, qubits, angles.Select(a => (ParameterExpression)new ParameterExpression.Constant(a)).ToArray()));

    public void Add(Instruction instruction) =>
        Instructions.Add(Condition is null || instruction.Condition is not null ? instruction : instruction with { Condition = Condition });
}
