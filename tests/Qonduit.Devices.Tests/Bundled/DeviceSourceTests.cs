using Qonduit.Devices.Generators;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Devices.Tests.Bundled;

public sealed class DeviceSourceTests
{
    [Fact]
    public void A_bundled_name_resolves_without_any_file()
    {
        Assert.Equal(156, DeviceSource.Load("ibm_fez").NumQubits);
    }

    [Fact]
    public void A_path_resolves_to_the_snapshot_file()
    {
        var snapshot = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Ring, 6, Name: "ring-lab"));
        var path = Path.Combine(Path.GetTempPath(), $"qonduit-{Guid.NewGuid():N}.json");
        try
        {
            SnapshotJson.Save(snapshot, path);
            Assert.Equal("ring-lab", DeviceSource.Load(path).Device);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Neither_a_file_nor_a_bundled_name_is_a_typed_error_listing_the_bundled_devices()
    {
        var e = Assert.Throws<SnapshotException>(() => DeviceSource.Load("ibm_atlantis"));

        Assert.Equal(ErrorCodes.Snapshot.NotFound, e.Code);
        Assert.Contains("ibm_fez", e.Message);
    }
}
