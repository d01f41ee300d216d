using Qonduit.Devices.Bundled;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Devices;

/// <summary>
/// Resolves what a user writes after `--device`: a snapshot file if one exists at that path, otherwise the name of a
/// bundled device (<see cref="BundledDevices"/>).
/// </summary>
public static class DeviceSource
{
    public static DeviceSnapshot Load(string pathOrName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrName);
        if (File.Exists(pathOrName)) return SnapshotJson.Load(pathOrName);
        if (BundledDevices.TryGet(pathOrName, out var bundled)) return bundled;
        throw new SnapshotException(ErrorCodes.Snapshot.NotFound,
            $"'{pathOrName}' is neither a snapshot file nor a bundled device{Suggestions.DidYouMean(Suggestions.For(pathOrName, BundledDevices.Names))}; " +
            $"bundled: {string.Join(", ", BundledDevices.Names)}");
    }
}
