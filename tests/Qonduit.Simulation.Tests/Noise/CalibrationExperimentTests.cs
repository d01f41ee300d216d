using Qonduit.Circuits.Ir;
using Qonduit.Devices.Import;
using Qonduit.Devices.Snapshots;
using Qonduit.Simulation.DensityMatrix;
using Qonduit.Simulation.Noise;
using Qonduit.Tests.Shared;
using Xunit.Abstractions;

namespace Qonduit.Simulation.Tests.Noise;

/// <summary>
/// The calibration experiment of the HPC-vQPU paper: an amplified two-qubit identity (CZ·CZ repeated) on ibm_fez's
/// coupler (0, 1). With the ideal twin only |00⟩ appears; with the real calibration the distance from ideal is
/// clearly non-zero, and the leaked mass sits where the exact density-matrix prediction from the same snapshot puts it.
/// </summary>
public sealed class CalibrationExperimentTests(ITestOutputHelper output)
{
    private const int Shots = 8192;
    private const int Pairs = 20;
    private const ulong Seed = 2025;

    private static readonly Lazy<DeviceSnapshot> Fez = new(() => IbmBackendImporter.Import(
        File.ReadAllText(RepoPaths.IbmBackend("conf", "fez")), File.ReadAllText(RepoPaths.IbmBackend("props", "fez"))));

    [Fact]
    public void The_ideal_twin_reads_only_00()
    {
        var result = Simulator.Run(AmplifiedIdentity(), IdealTwin.Of(Fez.Value), new SimulationOptions { Shots = Shots, Seed = Seed });
        Assert.Equal(new Dictionary<string, int> { ["00"] = Shots }, result.Counts);
    }

    [Fact]
    public void The_real_calibration_leaks_where_its_errors_predict()
    {
        var circuit = AmplifiedIdentity();
        var options = new SimulationOptions { Shots = Shots, Seed = Seed };
        var sampled = Simulator.Run(circuit, Fez.Value, options).Counts!;
        var predicted = DensityMatrixSimulator.Run(NoisyExecution.Prepare(circuit, Fez.Value, options)).Probabilities;
        var ideal = new Dictionary<string, double> { ["00"] = 1 };

        var tvFromIdeal = NoisyCircuits.TotalVariation(sampled, ideal);
        var tvFromPrediction = NoisyCircuits.TotalVariation(sampled, predicted);
        var bound = NoisyCircuits.SamplingBound(4, Shots);
        output.WriteLine($"ibm_fez (0,1), {Pairs} CZ·CZ pairs, {Shots} shots, seed {Seed}: counts {string.Join(", ", sampled.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}"))}");
        output.WriteLine($"TV from ideal = {tvFromIdeal:F4} (predicted {1 - predicted["00"]:F4}); TV from the density-matrix prediction = {tvFromPrediction:F4} (bound {bound:F4})");

        Assert.True(tvFromIdeal > 5 * Math.Sqrt(1.0 / Shots), $"TV from ideal {tvFromIdeal} should be clearly non-zero");
        Assert.InRange(tvFromPrediction, 0, bound);
        foreach (var leaked in new[] { "01", "10", "11" })
            Assert.InRange(sampled.GetValueOrDefault(leaked) / (double)Shots, predicted[leaked] - bound, predicted[leaked] + bound);
    }

    /// <summary>CZ·CZ = I repeated on qubits 0 and 1, measured.</summary>
    private static Circuit AmplifiedIdentity()
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 2);
        b.AddClassicalRegister("c", 2);
        for (var i = 0; i < 2 * Pairs; i++) b.Gate("cz", 0, 1);
        return b.Measure(0, 0).Measure(1, 1).Build();
    }
}
