using Qonduit.Contracts.Devices;

namespace Qonduit.Server.Devices;

/// <summary>How the API shows a device version: the mappings from the registry's records to the wire records of Qonduit.Contracts.</summary>
public static class DeviceViews
{
    public static DeviceChangeView From(DeviceChange change) => new(
        change.Version.Device, change.Version.Version, change.Version.Hash, change.Version.CreatedAt, change.Version.Source,
        change.Version.NumQubits, change.Created, change.Version.Lanes);
}
