using Qonduit.Devices.Snapshots;
using Qonduit.Devices.Tests.Import;

namespace Qonduit.Devices.Tests.Snapshots;

public sealed class IdealTwinTests
{
    [Fact]
    public void The_ideal_twin_keeps_topology_native_gates_and_lengths_and_zeroes_every_error()
    {
        var fez = IbmBackendImporterTests.ImportShared("fez");

        var twin = IdealTwin.Of(fez);

        Assert.Equal("ibm_fez-ideal", twin.Device);
        Assert.Equal(fez.NativeGates, twin.NativeGates);
        Assert.Equal(fez.Couplers.Select(c => (c.Control, c.Target, c.Gate, c.Status, c.GateLengthNs)), twin.Couplers.Select(c => (c.Control, c.Target, c.Gate, c.Status, c.GateLengthNs)));
        Assert.All(twin.Couplers, c => Assert.Equal(0, c.Error));
        Assert.All(twin.Qubits, q =>
        {
            Assert.Null(q.T1Us);
            Assert.Null(q.T2Us);
            Assert.Equal(0, q.ReadoutError);
            Assert.Equal(0, q.ProbMeas0Prep1);
            Assert.Equal(0, q.ProbMeas1Prep0);
            Assert.Equal(fez.Qubits[q.Index].GateErrors.Keys, q.GateErrors.Keys);
            Assert.All(q.GateErrors.Values, e => Assert.Equal(0, e));
            Assert.Equal(fez.Qubits[q.Index].GateLengthsNs, q.GateLengthsNs);
            Assert.Equal(fez.Qubits[q.Index].Status, q.Status);
        });
        Assert.Empty(SnapshotValidator.Problems(twin));
    }

    [Fact]
    public void The_twin_of_a_twin_is_the_same_device()
    {
        var twin = IdealTwin.Of(IbmBackendImporterTests.ImportShared("manila"));

        Assert.Equal(twin.Device, IdealTwin.Of(twin).Device);
        Assert.Equal(SnapshotJson.Serialize(twin).Length, SnapshotJson.Serialize(SnapshotJson.Deserialize(SnapshotJson.Serialize(twin))).Length);
    }
}
