using System.Collections.Immutable;
using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;

namespace Qonduit.Transpiler.Synthesis;

/// <summary>
/// Where synthesis writes: instructions in circuit order plus the global phase they imply. Every gate written carries
/// <see cref="Condition"/>, so a classically controlled gate decomposes into gates under the same condition.
/// </summary>
internal sealed class GateSink(List<Instruction> instructions)
{
    /// <summary>
    /// One shared, immutable target list per qubit: translated circuits hold tens of thousands of single-qubit gates,
    /// and each would otherwise carry its own copy of "[q]".
    /// </summary>
    private static readonly EquatableArray<int>[] SingleQubits = [.. Enumerable.Range(0, 1024).Select(q => new EquatableArray<int>(ImmutableArray.Create(q)))];

    public GateSink() : this([]) { }

    public List<Instruction> Instructions { get; } = instructions;

    public double GlobalPhase { get; set; }

    public ClassicalCondition? Condition { get; set; }

    public static EquatableArray<int> On(int qubit) =>
        (uint)qubit < (uint)SingleQubits.Length ? SingleQubits[qubit] : new EquatableArray<int>(ImmutableArray.Create(qubit));

    public void Gate(string name, int qubit) => Add(new Instruction.Gate(name, On(qubit), EquatableArray<ParameterExpression>.Empty));

    public void Gate(string name, int a, int b) => Add(new Instruction.Gate(name, ImmutableArray.Create(a, b), EquatableArray<ParameterExpression>.Empty));

    public void Gate(string name, double angle, int qubit) =>
        Add(new Instruction.Gate(name, On(qubit), ImmutableArray.Create<ParameterExpression>(new ParameterExpression.Constant(angle))));

    public void Gate(string name, double[] angles, int[] qubits) =>
        Add(new Instruction.Gate(name, qubits, angles.Select(a => (ParameterExpression)new ParameterExpression.Constant(a)).ToArray()));

    public void Add(Instruction instruction) =>
        Instructions.Add(Condition is null || instruction.Condition is not null ? instruction : instruction with { Condition = Condition });
}
