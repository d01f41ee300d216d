using System.Numerics;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;
using Qonduit.Circuits.Qasm;
using Qonduit.Simulation.Execution;
using Qonduit.Tests.Shared;

namespace Qonduit.Simulation.Tests.Execution;

/// <summary>
/// Every QASMBench small circuit of at most 10 qubits: the engine's final state against a reference computed here
/// independently, by applying each gate's full 2^n × 2^n embedding row by row (no kernels, no fusion).
/// </summary>
public sealed class QasmBenchTests
{
    public static TheoryData<string> SmallCircuits()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(RepoPaths.QasmBench("small"), "*.qasm").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    /// <summary>QASMBench files that measure an undeclared register `q` (their gates use `reg`): not valid OpenQASM.</summary>
    private static readonly HashSet<string> Invalid = ["hhl_n10.qasm", "vqe_uccsd_n4.qasm", "vqe_uccsd_n6.qasm", "vqe_uccsd_n8.qasm"];

    [Theory]
    [MemberData(nameof(SmallCircuits))]
    public void The_final_state_matches_an_independent_dense_reference(string file)
    {
        var path = Path.Combine(RepoPaths.QasmBench("small"), file);
        if (Invalid.Contains(file))
        {
            Assert.Throws<QasmException>(() => QasmParser.ParseFile(path));
            return;
        }
        var circuit = QasmParser.ParseFile(path);
        if (circuit.NumQubits > 10) return;
        var plan = ExecutionPlan.FromCircuit(circuit);
        if (!plan.HasTerminalMeasurementsOnly)
        {
            // Mid-circuit measurement or reset: the outcome is a distribution of states; check it samples.
            var counts = ShotExecutor.Run(plan, 64, new Qonduit.Simulation.Sampling.Xoshiro256(1)).Counts;
            Assert.Equal(64, counts.Values.Sum());
            return;
        }
        using var state = ShotExecutor.FinalState(plan);
        var reference = Reference(circuit);
        var difference = TestStates.MaxDifference(state, reference);
        Assert.True(difference < 1e-10, $"{file}: {difference:E3} after {circuit.Instructions.Count} instructions");
    }

    private static Complex[] Reference(Circuit circuit)
    {
        var n = circuit.NumQubits;
        var psi = new Complex[1 << n];
        psi[0] = 1;
        foreach (var gate in circuit.Instructions.OfType<Instruction.Gate>())
        {
            var matrix = GateLibrary.Matrix(gate);
            var targets = gate.Targets.ToArray();
            var next = new Complex[psi.Length];
            for (var row = 0; row < psi.Length; row++)
            {
                // Columns that can be non-zero differ from the row only in the target bits.
                var k = targets.Length;
                var local = 0;
                for (var j = 0; j < k; j++) local |= (row >> targets[j] & 1) << j;
                var sum = Complex.Zero;
                for (var c = 0; c < 1 << k; c++)
                {
                    var column = row;
                    for (var j = 0; j < k; j++) column = (column & ~(1 << targets[j])) | ((c >> j & 1) << targets[j]);
                    sum += matrix[(local << k) + c] * psi[column];
                }
                next[row] = sum;
            }
            psi = next;
        }
        return psi;
    }
}
