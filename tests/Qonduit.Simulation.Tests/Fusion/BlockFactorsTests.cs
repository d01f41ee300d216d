using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;
using Qonduit.Simulation.Execution;
using Qonduit.Simulation.Fusion;
using Qonduit.Simulation.State;

namespace Qonduit.Simulation.Tests.Fusion;

public sealed class BlockFactorsTests
{
    /// <summary>
    /// One-qubit gates and phase-free permutations (the gates a factored block is made of) with diagonal and dense
    /// two-qubit gates between them, on low qubits (inside a vector, inside a cache chunk) and high ones; 17 qubits
    /// take the chunked path in both precisions.
    /// </summary>
    [Theory]
    [InlineData(3, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 4)]
    public void Fused_blocks_applied_as_factors_give_the_unfused_state(int k, int seed)
    {
        var plan = ExecutionPlan.FromCircuit(Circuit(17, 160, seed));
        using var unfused = ShotExecutor.FinalState(plan, new ExecutionOptions { FusionQubits = 0 });
        using var fused = ShotExecutor.FinalState(plan, new ExecutionOptions { FusionQubits = k });
        Assert.True(TestStates.MaxDifference(unfused, fused) < 1e-12);
        using var single = ShotExecutor.FinalState(plan, new ExecutionOptions { FusionQubits = k, Precision = Precision.Single });
        Assert.True(TestStates.MaxDifference(unfused, single) < 1e-5);
    }

    [Fact]
    public void The_reference_circuit_block_is_two_updates_and_the_permutations_cost_none()
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 3);
        b.Gate("cx", 0, 1).Gate("cx", 1, 2);
        b.Gate("ry", [(ParameterExpression)0.3], 0).Gate("rz", [(ParameterExpression)0.4], 0);
        b.Gate("ry", [(ParameterExpression)0.5], 1).Gate("rz", [(ParameterExpression)0.6], 1);
        var gates = ExecutionPlan.FromCircuit(b.Build()).Ops.OfType<ExecutionOp.Unitary>().ToArray();
        var block = Assert.Single(GateFusion.Fuse(gates, 3));
        Assert.NotNull(block.Factors);
        Assert.Equal(2, block.Factors.Updates.Count);
        Assert.True(block.Factors.IsCheaperThanDense(3));
    }

    [Fact]
    public void A_block_with_a_dense_two_qubit_gate_has_no_factors()
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 2);
        b.Gate("h", 0).Gate("rzz", [(ParameterExpression)0.3], 0, 1);
        var gates = ExecutionPlan.FromCircuit(b.Build()).Ops.OfType<ExecutionOp.Unitary>().ToArray();
        Assert.Null(Assert.Single(GateFusion.Fuse(gates, 3)).Factors);
    }

    private static Circuit Circuit(int n, int gates, int seed)
    {
        var random = new Random(seed);
        string[] one = ["h", "x", "ry", "rz", "u", "sx", "t"];
        string[] permutations = ["cx", "cx", "swap", "ccx", "cswap"];
        string[] other = ["cz", "cp", "rzz"];
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", n);
        for (var g = 0; g < gates; g++)
        {
            var roll = random.Next(20);
            var name = roll < 11 ? one[random.Next(one.Length)] : roll < 19 ? permutations[random.Next(permutations.Length)] : other[random.Next(other.Length)];
            var definition = Qonduit.Circuits.Gates.GateLibrary.Get(name);
            // Neighbouring qubits, as in the reference circuits, so that blocks form; anywhere from qubit 0 to n − 1.
            var start = random.Next(n - definition.NumQubits + 1);
            var qubits = Enumerable.Range(start, definition.NumQubits).OrderBy(_ => random.Next()).ToArray();
            var parameters = Enumerable.Range(0, definition.NumParameters).Select(_ => (ParameterExpression)(random.NextDouble() * 6 - 3)).ToArray();
            b.Gate(name, parameters, qubits);
        }
        return b.Build();
    }
}
