using Qonduit.Devices.Snapshots;

namespace Qonduit.Devices.Generators;

/// <summary>
/// Synthetic devices: a topology family and size, every coupling listed in both directions with native cz, native gates
/// cz rz sx x id, and a calibration drawn from <see cref="GeneratorSpec.Seed"/> (or none, for an ideal device).
/// The same spec always gives the same snapshot, apart from <see cref="DeviceSnapshot.CreatedAt"/>.
/// </summary>
public static class DeviceGenerator
{
    public const int MaxQubits = 65_536;

    /// <summary>All-to-all grows as n²: 512 qubits already make 261 632 directed couplers.</summary>
    public const int MaxFullQubits = 512;

    public static DeviceSnapshot Generate(GeneratorSpec spec, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var family = GeneratorSpec.FamilyName(spec.Family);
        var limit = spec.Family == TopologyFamily.Full ? MaxFullQubits : MaxQubits;
        if (spec.Qubits < 1 || spec.Qubits > limit)
            throw new GeneratorException($"a {family} device needs 1..{limit} qubits, not {spec.Qubits}");
        if (spec.Name is { } name && string.IsNullOrWhiteSpace(name))
            throw new GeneratorException("the device name is empty");

        var edges = spec.Family switch
        {
            TopologyFamily.HeavyHex => HeavyHexLayout.Build(spec.Qubits).Edges,
            TopologyFamily.Grid => Lattices.Grid(spec.Qubits),
            TopologyFamily.Ring => Lattices.Ring(spec.Qubits),
            TopologyFamily.Line => Lattices.Line(spec.Qubits),
            TopologyFamily.Star => Lattices.Star(spec.Qubits),
            TopologyFamily.Full => Lattices.Full(spec.Qubits),
            _ => throw new GeneratorException($"unknown topology family {spec.Family}"),
        };
        var couplers = edges
            .SelectMany(e => new[] { e, (e.Item2, e.Item1) })
            .OrderBy(e => e.Item1).ThenBy(e => e.Item2)
            .Select(e => new Coupler
            {
                Control = e.Item1,
                Target = e.Item2,
                Gate = SyntheticCalibration.TwoQubitGate,
                Error = SyntheticCalibration.CouplingError(e.Item1, e.Item2, spec.Seed, spec.Ideal),
                GateLengthNs = SyntheticCalibration.TwoQubitGateNs,
            });
        return new DeviceSnapshot
        {
            Device = spec.Name ?? $"{family}-{spec.Qubits}{(spec.Ideal ? IdealTwin.NameSuffix : "")}",
            CreatedAt = (clock ?? TimeProvider.System).GetUtcNow(),
            Source = spec.Ideal ? $"generated {family} n={spec.Qubits} ideal" : $"generated {family} n={spec.Qubits} seed={spec.Seed}",
            NativeGates = SyntheticCalibration.NativeGates,
            Qubits = [.. Enumerable.Range(0, spec.Qubits).Select(q => SyntheticCalibration.Qubit(q, spec.Seed, spec.Ideal))],
            Couplers = [.. couplers],
        };
    }
}
