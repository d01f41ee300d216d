using Qonduit.Devices.Generators;
using Qonduit.Devices.Snapshots;
using Qonduit.Devices.Tests.Import;

namespace Qonduit.Devices.Tests.Snapshots;

public sealed class SnapshotHashTests
{
    [Fact]
    public void The_hash_is_sha256_hex_and_ignores_version_and_creation_time()
    {
        var snapshot = IbmBackendImporterTests.ImportShared("nairobi");

        var hash = SnapshotHash.Compute(snapshot);

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(hash, SnapshotHash.Compute(snapshot with { Version = 9, CreatedAt = DateTimeOffset.UtcNow }));
    }

    [Fact]
    public void The_hash_does_not_depend_on_the_order_couplers_or_native_gates_are_listed_in()
    {
        var snapshot = IbmBackendImporterTests.ImportShared("manila");

        var reordered = snapshot with { Couplers = [.. snapshot.Couplers.Reverse()], NativeGates = [.. snapshot.NativeGates.Reverse()] };

        Assert.Equal(SnapshotHash.Compute(snapshot), SnapshotHash.Compute(reordered));
    }

    [Fact]
    public void Any_calibration_change_changes_the_hash()
    {
        var snapshot = IbmBackendImporterTests.ImportShared("manila");
        var hash = SnapshotHash.Compute(snapshot);

        Assert.NotEqual(hash, SnapshotHash.Compute(snapshot with { Qubits = snapshot.Qubits.SetItem(2, snapshot.Qubits[2] with { T1Us = 1 }) }));
        Assert.NotEqual(hash, SnapshotHash.Compute(snapshot with { Couplers = snapshot.Couplers.SetItem(0, snapshot.Couplers[0] with { Status = CouplerStatus.Unavailable }) }));
        Assert.NotEqual(hash, SnapshotHash.Compute(snapshot with { Device = "other" }));
    }

    [Theory]
    [InlineData(true, "75eff03933292e62d78e9caffada3031e1edcec7a3ee39ec158718d28b0ffd08")]
    [InlineData(false, "4a4ccd035d649b1d952d1686a7f0005a9ef7727f5c50526df8dab31ea0a30359")]
    public void The_hash_of_a_known_generated_device_is_pinned(bool ideal, string expected)
    {
        // Pins the canonical JSON and the seeded draw: a change here changes every stored snapshot's identity.
        var snapshot = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Line, 3, Seed: 1, Ideal: ideal));

        Assert.Equal(SnapshotHash.Compute(snapshot), SnapshotHash.Compute(SnapshotJson.Deserialize(SnapshotJson.Serialize(snapshot))));
        Assert.Equal(expected, SnapshotHash.Compute(snapshot));
    }
}
