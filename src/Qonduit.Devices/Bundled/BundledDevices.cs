using System.Reflection;
using System.Text.Json;
using Qonduit.Devices.Import;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Devices.Bundled;

/// <summary>
/// The IBM backends whose calibration files ship inside this assembly (data/ibm-backends, Apache-2.0, see its
/// LICENSE.txt), by backend name: ibm_fez, ibm_torino, ibm_brisbane, ibm_nairobi, ibmq_manila. Each is imported on
/// first use with <see cref="IbmBackendImporter"/> and cached; snapshots are immutable, so callers share them.
/// </summary>
public static class BundledDevices
{
    private const string Prefix = "ibm-backends/";

    private static readonly Lazy<IReadOnlyDictionary<string, Lazy<DeviceSnapshot>>> Catalogue = new(Discover);

    public static IReadOnlyList<string> Names => [.. Catalogue.Value.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Finds a bundled device by backend name, ignoring case.</summary>
    public static bool TryGet(string name, out DeviceSnapshot snapshot)
    {
        if (Catalogue.Value.TryGetValue(name, out var device))
        {
            snapshot = device.Value;
            return true;
        }
        snapshot = null!;
        return false;
    }

    private static Dictionary<string, Lazy<DeviceSnapshot>> Discover()
    {
        var devices = new Dictionary<string, Lazy<DeviceSnapshot>>(StringComparer.OrdinalIgnoreCase);
        foreach (var resource in typeof(BundledDevices).Assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix + "conf_", StringComparison.Ordinal)) continue;
            var props = Prefix + "props_" + resource[(Prefix.Length + "conf_".Length)..];
            var conf = Read(resource);
            using var document = JsonDocument.Parse(conf);
            var name = document.RootElement.GetProperty("backend_name").GetString()!;
            devices[name] = new Lazy<DeviceSnapshot>(() => IbmBackendImporter.Import(conf, Read(props)));
        }
        return devices;
    }

    private static string Read(string resource)
    {
        using var stream = typeof(BundledDevices).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"resource '{resource}' is missing from {typeof(BundledDevices).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
