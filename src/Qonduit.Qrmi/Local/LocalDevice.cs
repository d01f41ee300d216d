using Qonduit.Devices.Bundled;
using Qonduit.Devices.Generators;
using Qonduit.Devices.Snapshots;
using Qonduit.Qrmi.Config;

namespace Qonduit.Qrmi.Local;

/// <summary>
/// Which device a local simulator imitates, from its settings, first match wins:
/// <c>QRMI_LOCAL_SNAPSHOT</c> (a snapshot JSON file), <c>QRMI_LOCAL_BACKEND</c> (a bundled IBM backend such as ibm_fez),
/// <c>QRMI_LOCAL_TOPOLOGY</c> with <c>QRMI_LOCAL_QUBITS</c>, <c>QRMI_LOCAL_SEED</c>, <c>QRMI_LOCAL_IDEAL</c> (a generated
/// device), else the bundled backend named like the resource.
/// </summary>
public static class LocalDevice
{
    public const string SnapshotKey = "QRMI_LOCAL_SNAPSHOT";
    public const string BackendKey = "QRMI_LOCAL_BACKEND";
    public const string TopologyKey = "QRMI_LOCAL_TOPOLOGY";
    public const string QubitsKey = "QRMI_LOCAL_QUBITS";
    public const string SeedKey = "QRMI_LOCAL_SEED";
    public const string IdealKey = "QRMI_LOCAL_IDEAL";

    public static DeviceSnapshot Resolve(ResourceDefinition definition, TimeProvider time)
    {
        if (definition.Get(SnapshotKey) is { } path)
        {
            try
            {
                return SnapshotJson.Load(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new QrmiConfigException($"resource '{definition.Name}': cannot read {SnapshotKey} {path}: {e.Message}", e);
            }
        }
        var backend = definition.Get(BackendKey);
        if (backend is not null || definition.Get(TopologyKey) is null)
        {
            var name = backend ?? definition.Name;
            return BundledDevices.TryGet(name, out var bundled) ? bundled
                : throw new QrmiConfigException(
                    $"resource '{definition.Name}': no device to simulate: '{name}' is not a bundled backend ({string.Join(", ", BundledDevices.Names)}); "
                    + $"set {SnapshotKey}, {BackendKey} or {TopologyKey} with {QubitsKey}");
        }
        var topology = definition.Require(TopologyKey);
        if (!GeneratorSpec.TryParseFamily(topology, out var family))
            throw new QrmiConfigException($"resource '{definition.Name}': {TopologyKey} '{topology}' is not heavy-hex, grid, ring, line, star or full");
        var ideal = definition.Get(IdealKey) is "1" or "true" or "yes";
        var spec = new GeneratorSpec(family, definition.GetInt(QubitsKey, 5), definition.GetInt(SeedKey, 0), ideal, definition.Name);
        return DeviceGenerator.Generate(spec, time);
    }
}
