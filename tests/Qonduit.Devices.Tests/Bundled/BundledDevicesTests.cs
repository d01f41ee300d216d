using Qonduit.Devices.Bundled;
using Qonduit.Devices.Snapshots;
using Qonduit.Devices.Tests.Import;

namespace Qonduit.Devices.Tests.Bundled;

public sealed class BundledDevicesTests
{
    [Fact]
    public void The_five_ibm_backends_are_bundled_by_backend_name()
    {
        Assert.Equal(["ibm_brisbane", "ibm_fez", "ibm_nairobi", "ibm_torino", "ibmq_manila"], BundledDevices.Names);
    }

    [Theory]
    [InlineData("ibm_fez", "fez")]
    [InlineData("IBM_BRISBANE", "brisbane")]
    [InlineData("ibmq_manila", "manila")]
    public void A_bundled_device_is_the_import_of_the_repository_files(string name, string file)
    {
        Assert.True(BundledDevices.TryGet(name, out var bundled));

        Assert.Equal(SnapshotHash.Compute(IbmBackendImporterTests.ImportShared(file)), SnapshotHash.Compute(bundled));
    }

    [Fact]
    public void An_unknown_name_is_not_bundled()
    {
        Assert.False(BundledDevices.TryGet("ibm_atlantis", out _));
    }
}
