using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;
using Qonduit.Devices.Import;
using Qonduit.Simulation.DensityMatrix;
using Qonduit.Simulation.Noise;
using Qonduit.Tests.Shared;
namespace Qonduit.Simulation.Tests.Noise;
public sealed class ScratchTests
{
    [Fact]
    public void Scratch()
    {
        var fez = IbmBackendImporter.Import(File.ReadAllText(RepoPaths.IbmBackend("conf", "fez")), File.ReadAllText(RepoPaths.IbmBackend("props", "fez")));
        var msg = "";
        foreach (var pairs in new[] { 1, 2, 5, 20 })
        {
            var b = new CircuitBuilder();
            b.AddQuantumRegister("q", 2);
            b.AddClassicalRegister("c", 2);
            for (var i = 0; i < 2 * pairs; i++) b.Gate("cz", 0, 1);
            var c = b.Measure(0, 0).Measure(1, 1).Build();
            foreach (var relax in new[] { true, false })
            {
                var o = new SimulationOptions { Shots = 8192, Seed = 2025, ThermalRelaxation = relax };
                var sw = System.Diagnostics.Stopwatch.StartNew();
                var r = Simulator.Run(c, fez, o);
                var ms = sw.ElapsedMilliseconds;
                var p = DensityMatrixSimulator.Run(NoisyExecution.Prepare(c, fez, o)).Probabilities;
                msg += $"pairs={pairs} relax={relax} TV={1 - r.Counts!.GetValueOrDefault("00") / 8192.0:F4} predicted={1 - p["00"]:F4} sims={r.Simulations} ms={ms}\n";
            }
        }
        // brickwork on a fez line 0..n-1 along couplers
        foreach (var n in new[] { 12 })
        {
            var b = new CircuitBuilder();
            b.AddQuantumRegister("q", n);
            var path = new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
            for (var layer = 0; layer < 10; layer++)
            {
                for (var q = 0; q < n; q++) b.Gate("sx", q).Gate("rz", [ParameterExpression.Of(0.1 * (q + layer))], q);
                for (var q = layer % 2; q + 1 < n; q += 2) b.Gate("cz", q, q + 1);
            }
            var c = b.Build();
            foreach (var (label, o) in new[] { ("noiseless", new SimulationOptions { Shots = 1024, Seed = 1, Noise = false }), ("noisy", new SimulationOptions { Shots = 1024, Seed = 1 }), ("noisy-norelax", new SimulationOptions { Shots = 1024, Seed = 1, ThermalRelaxation = false }) })
            {
                var sw = System.Diagnostics.Stopwatch.StartNew();
                var r = Simulator.Run(c, fez, o);
                msg += $"n={n} {label} ms={sw.ElapsedMilliseconds} sims={r.Simulations} noiseMs={r.Timings.NoiseMs:F1}\n";
            }
        }
        Assert.Fail(msg);
    }
}
