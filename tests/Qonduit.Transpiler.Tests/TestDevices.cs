using Qonduit.Devices.Bundled;
using Qonduit.Devices.Generators;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Transpiler.Tests;

/// <summary>The devices the verification runs on: two IBM backends (cz and one-way ecr), a 5×5 grid and a ring.</summary>
internal static class TestDevices
{
    public static DeviceSnapshot Fez { get; } = Bundled("ibm_fez");

    public static DeviceSnapshot Brisbane { get; } = Bundled("ibm_brisbane");

    public static DeviceSnapshot Grid { get; } = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Grid, 25, Seed: 7));

    public static DeviceSnapshot Ring { get; } = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Ring, 12, Seed: 7));

    public static DeviceSnapshot ByName(string name) => name switch
    {
        "ibm_fez" => Fez,
        "ibm_brisbane" => Brisbane,
        "grid-25" => Grid,
        "ring-12" => Ring,
        _ => throw new ArgumentException(name),
    };

    public static readonly string[] Names = ["ibm_fez", "ibm_brisbane", "grid-25", "ring-12"];

    private static DeviceSnapshot Bundled(string name) =>
        BundledDevices.TryGet(name, out var snapshot) ? snapshot : throw new InvalidOperationException($"{name} is not bundled");
}
