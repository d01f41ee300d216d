using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;

namespace Qonduit.Simulation;

/// <summary>
/// Compiles the simulator's code before the first real run needs it. A fresh process JIT-compiles several hundred
/// methods on its way through fusion, kernel compilation, the sweeps and sampling (measured: 120–190 ms of a cold
/// RC(20, 10) run's simulation, whose warm run takes 45 ms). A small run on a spare core while the caller parses its
/// circuit pays that ahead of time; whatever is not compiled yet when the real run starts is compiled as before.
/// Thread-safe: it shares nothing with other runs.
/// </summary>
public static class SimulatorWarmup
{
    /// <summary>
    /// Enough qubits for every path a large state takes: sweeps split over cores (from 15 qubits) and gates run one
    /// cache-sized chunk at a time (above 16 qubits in single precision, 15 in double).
    /// </summary>
    private const int Qubits = 17;

    /// <summary>A small ideal simulation with the precision, fusion and engine of <paramref name="options"/>.</summary>
    public static void Run(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Simulator.Run(Circuit(), null, options with { Shots = 16, Seed = 1, Exact = false, Outcomes = null, Bindings = null, Progress = null, Trajectories = null });
    }

    /// <summary>
    /// Three layers of ry·rz on every qubit and a CNOT chain, as in the reference circuits (blocks applied as factors
    /// need the third); a lone rz, cz, x and a four-qubit block add the diagonal, permutation and general dense kernels.
    /// </summary>
    private static Circuit Circuit()
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", Qubits);
        b.AddClassicalRegister("c", Qubits);
        for (var layer = 0; layer < 3; layer++)
        {
            for (var q = 0; q < Qubits; q++)
                b.Gate("ry", [(ParameterExpression)(0.3 + q)], q).Gate("rz", [(ParameterExpression)(0.7 + q)], q);
            for (var q = 0; q + 1 < Qubits; q++) b.Gate("cx", q, q + 1);
        }
        b.Gate("rz", [(ParameterExpression)0.5], Qubits - 1).Gate("cz", 0, Qubits - 1).Gate("x", Qubits - 2);
        b.Gate("ccx", 1, 5, Qubits - 1).Gate("h", 9).Gate("cswap", 2, 9, Qubits - 3);
        for (var q = 0; q < Qubits; q++) b.Measure(q, q);
        return b.Build();
    }
}
