using Microsoft.Extensions.Options;
using Qonduit.Devices.Bundled;
using Qonduit.Devices.Generators;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Server.Devices;

/// <summary>
/// First start: an empty registry gets the bundled IBM backends, ibm_fez's ideal twin and a generated heavy-hex
/// device, so a newcomer can submit at once. Off with `Qonduit:SeedBundledDevices=false`.
/// </summary>
public sealed class BundledDeviceSeeder(IControlPlaneStore store, DeviceRegistry registry, IOptions<ServerOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedBundledDevices) return;
        if (await store.WriteAsync(w => w.AnyDevice(), cancellationToken: cancellationToken).ConfigureAwait(false)) return;
        foreach (var snapshot in Seeds())
            await registry.RegisterAsync(snapshot.Device, snapshot, "seed", cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public static IEnumerable<DeviceSnapshot> Seeds()
    {
        foreach (var name in BundledDevices.Names)
        {
            if (!BundledDevices.TryGet(name, out var snapshot)) continue;
            yield return snapshot;
            if (name == "ibm_fez") yield return IdealTwin.Of(snapshot);
        }
        yield return DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.HeavyHex, 27, Seed: 7));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
