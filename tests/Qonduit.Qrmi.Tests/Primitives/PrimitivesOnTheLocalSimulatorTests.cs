using Qonduit.Qrmi.Config;
using Qonduit.Qrmi.Local;
using Qonduit.Client.Primitives;
using Qonduit.Qrmi.Primitives;

namespace Qonduit.Qrmi.Tests.Primitives;

public sealed class PrimitivesOnTheLocalSimulatorTests : IDisposable
{
    private const string XOnQubitZero = """
        OPENQASM 3.0;
        include "stdgates.inc";
        qubit[2] q;
        x q[0];
        """;

    private readonly TempDirectory _dir = new();
    private readonly LocalSimulatorResource _sim;

    public PrimitivesOnTheLocalSimulatorTests() =>
        _sim = new LocalSimulatorResource(new ResourceDefinition("ideal", ResourceTypes.LocalSimulator, new Dictionary<string, string>
        {
            [LocalDevice.TopologyKey] = "line", [LocalDevice.QubitsKey] = "2", [LocalDevice.IdealKey] = "true",
            [LocalSimulatorResource.LeaseDirKey] = _dir.Path, [LocalSimulatorResource.LanesKey] = "4",
        }));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Estimator_reads_pauli_strings_right_to_left_like_qiskit()
    {
        var results = await new Estimator(_sim.AsSamplingTarget(), seed: 1).RunAsync([
            new EstimatorPub(XOnQubitZero, PauliObservable.Of("ZZ")),
            new EstimatorPub(XOnQubitZero, PauliObservable.Of("ZI")),
            new EstimatorPub(XOnQubitZero, PauliObservable.Of("IZ")),
        ], shots: 100);
        Assert.Equal([-1.0, 1.0, -1.0], results.Select(r => r.Value));
    }

    [Fact]
    public async Task Estimator_measures_x_and_y_in_their_own_bases()
    {
        const string plus = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[1] q;\nh q[0];\n";
        const string plusI = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[1] q;\nh q[0];\ns q[0];\n";
        var results = await new Estimator(_sim.AsSamplingTarget(), seed: 1).RunAsync([
            new EstimatorPub(plus, PauliObservable.Parse("2*X + 0.5*I")),
            new EstimatorPub(plusI, PauliObservable.Of("Y")),
        ], shots: 200);
        Assert.Equal(2.5, results[0].Value, 9);
        Assert.Equal(1.0, results[1].Value, 9);
        Assert.Equal(0.0, results[1].StandardError, 9);
    }

    [Fact]
    public async Task Sampler_binds_parameters_by_name()
    {
        const string rx = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float theta;\nqubit[1] q;\nbit[1] c;\nrx(theta) q[0];\nc[0] = measure q[0];\n";
        var results = await new Sampler(_sim.AsSamplingTarget(), seed: 3).RunAsync([
            new SamplerPub(rx, new Dictionary<string, double> { ["theta"] = Math.PI }),
            new SamplerPub(rx, new Dictionary<string, double> { ["theta"] = 0 }),
        ], shots: 50);
        Assert.Equal(50, results[0].Counts["1"]);
        Assert.Equal(50, results[1].Counts["0"]);
    }
}
