using System.Collections.Frozen;
using Qonduit.Circuits.Ir;
using Qonduit.Devices.Snapshots;
using Qonduit.Simulation.Execution;

namespace Qonduit.Simulation.Noise;

/// <summary>
/// The noise of one bound <see cref="DeviceSnapshot"/>, read as data (no branch on vendor or topology): what channels
/// follow each gate and delay, and how each qubit's readout flips recorded bits. An ideal snapshot (every error zero,
/// no T1/T2) yields no channel and no readout error, so the noiseless result is the degenerate case of one pipeline.
/// <list type="bullet">
/// <item>A physical 1q gate: depolarisation with that qubit's error for that gate, then relaxation over its length.
/// Virtual gates (rz and the other diagonal frame changes) and id get nothing. A 1q gate the calibration does not
/// list costs as much as the costliest gate the qubit does list.</item>
/// <item>A 2q gate: 2q depolarisation with the directed coupler's error (the reverse direction if only that one is
/// listed), then relaxation of both qubits over the coupler's gate length.</item>
/// <item>The depolarising parameter is reduced so that, with the relaxation, the total matches the reported error
/// (<see cref="DeviceErrorFormulas"/>); with relaxation off the whole error is depolarisation.</item>
/// <item>A delay: relaxation over its duration. Readout: asymmetric from prob_meas1_prep0 / prob_meas0_prep1 when
/// both are given, else the symmetric readout error clamped to [0, 0.5].</item>
/// <item>A qubit measured mid-circuit (used again afterwards) relaxes over the readout length before it is measured,
/// so a qubit that decayed during readout is left in |0⟩; the classical 1→0 flip shrinks so that decay and flip
/// together still give the reported P(0|1). A final measurement needs no such split: for the recorded bits decay
/// during readout is indistinguishable from the flip, which the reported figure already contains.</item>
/// </list>
/// </summary>
public sealed class NoiseModel
{
    private static readonly FrozenSet<string> VirtualGates =
        FrozenSet.ToFrozenSet(["rz", "p", "phase", "u1", "z", "s", "sdg", "t", "tdg", "id", "u0"], StringComparer.Ordinal);

    private readonly FrozenDictionary<int, QubitCalibration> _qubits;
    private readonly FrozenDictionary<(int Control, int Target), Coupler> _couplers;
    private readonly Dictionary<(string Gate, int Q0, int Q1), NoiseChannel[]> _cache = [];
    private readonly Lock _cacheLock = new();

    private NoiseModel(DeviceSnapshot snapshot, bool thermalRelaxation)
    {
        Snapshot = snapshot;
        ThermalRelaxation = thermalRelaxation;
        _qubits = snapshot.Qubits.ToFrozenDictionary(q => q.Index);
        _couplers = snapshot.Couplers
            .GroupBy(c => (c.Control, c.Target))
            .ToFrozenDictionary(g => g.Key, g => g.First());
    }

    public DeviceSnapshot Snapshot { get; }

    public bool ThermalRelaxation { get; }

    public static NoiseModel From(DeviceSnapshot snapshot, bool thermalRelaxation = true)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new NoiseModel(snapshot, thermalRelaxation);
    }

    /// <summary>Channels that follow the instruction, in order (depolarisation first, then relaxation).</summary>
    /// <param name="bindings">Values for a delay's symbolic duration.</param>
    public IReadOnlyList<NoiseChannel> After(Instruction instruction, IReadOnlyDictionary<string, double>? bindings = null) => instruction switch
    {
        Instruction.Gate { Qubits.Count: 1 } g when VirtualGates.Contains(g.Name) => [],
        Instruction.Gate { Qubits.Count: 1 } g => Cached(g.Name, g.Qubits[0], -1, () => OneQubit(g.Name, g.Qubits[0])),
        Instruction.Gate { Qubits.Count: 2 } g => Cached("", g.Qubits[0], g.Qubits[1], () => TwoQubit(g.Qubits[0], g.Qubits[1])),
        Instruction.Delay d when ThermalRelaxation => Delay(d, bindings),
        _ => [],
    };

    /// <summary>The readout error of measurements on <paramref name="qubit"/>; null when it reads perfectly.</summary>
    public ReadoutConfusion? Readout(int qubit)
    {
        if (!_qubits.TryGetValue(qubit, out var q)) return null;
        var (p10, p01) = q is { ProbMeas1Prep0: { } a, ProbMeas0Prep1: { } b }
            ? (Math.Clamp(a, 0, 1), Math.Clamp(b, 0, 1))
            : (Math.Clamp(q.ReadoutError ?? 0, 0, 0.5), Math.Clamp(q.ReadoutError ?? 0, 0, 0.5));
        return p10 == 0 && p01 == 0 ? null : new ReadoutConfusion(p10, p01);
    }

    /// <summary>Relaxation over the qubit's readout length, for a mid-circuit measurement; null when there is none.</summary>
    public NoiseChannel.Relaxation? ReadoutRelaxation(int qubit)
    {
        if (!_qubits.TryGetValue(qubit, out var q) || q.ReadoutLengthNs is not > 0) return null;
        var relaxation = Relaxation(qubit, q.ReadoutLengthNs.Value);
        return relaxation.IsIdentity ? null : new NoiseChannel.Relaxation(qubit, relaxation);
    }

    /// <summary>
    /// The classical part of the readout once <paramref name="relaxation"/> (decay probability r) precedes the measurement:
    /// P(0|1) = r·(1 − f₀₁) + (1 − r)·f₁₀ must equal the reported value, so f₁₀ = (e₁₀ − r·(1 − e₀₁))/(1 − r), at least 0.
    /// </summary>
    public ReadoutConfusion? Readout(int qubit, NoiseChannel.Relaxation? relaxation)
    {
        var readout = Readout(qubit);
        if (readout is null || relaxation is null) return readout;
        var r = relaxation.Parameters.DampingProbability;
        var flip = r >= 1 ? 0 : Math.Max(0, (readout.Prob0Given1 - r * (1 - readout.Prob1Given0)) / (1 - r));
        return readout with { Prob0Given1 = flip };
    }

    private NoiseChannel[] Cached(string gate, int q0, int q1, Func<NoiseChannel[]> build)
    {
        lock (_cacheLock)
        {
            if (!_cache.TryGetValue((gate, q0, q1), out var channels)) _cache[(gate, q0, q1)] = channels = build();
            return channels;
        }
    }

    private NoiseChannel[] OneQubit(string gate, int qubit)
    {
        if (!_qubits.TryGetValue(qubit, out var q)) return [];
        var physical = q.GateErrors.Keys.Concat(q.GateLengthsNs.Keys).Where(name => !VirtualGates.Contains(name)).ToArray();
        var error = q.GateErrors.TryGetValue(gate, out var e) ? e
            : physical.Select(name => q.GateErrors.GetValueOrDefault(name)).DefaultIfEmpty(0).Max();
        var length = q.GateLengthsNs.TryGetValue(gate, out var l) ? l
            : physical.Select(name => q.GateLengthsNs.GetValueOrDefault(name)).DefaultIfEmpty(0).Max();
        return Channels([qubit], error, length);
    }

    private NoiseChannel[] TwoQubit(int a, int b)
    {
        if (!_couplers.TryGetValue((a, b), out var coupler) && !_couplers.TryGetValue((b, a), out coupler)) return [];
        return Channels([a, b], coupler.Error, coupler.GateLengthNs ?? 0);
    }

    private NoiseChannel[] Channels(int[] qubits, double error, double lengthNs)
    {
        var relaxations = qubits.Select(q => Relaxation(q, lengthNs)).ToArray();
        var depolarizing = DeviceErrorFormulas.DepolarizingParameter(error, qubits.Length, DeviceErrorFormulas.RelaxationFidelity(relaxations));
        var channels = new List<NoiseChannel>();
        if (depolarizing > 0) channels.Add(new NoiseChannel.Depolarizing(qubits, depolarizing));
        for (var i = 0; i < qubits.Length; i++)
            if (!relaxations[i].IsIdentity) channels.Add(new NoiseChannel.Relaxation(qubits[i], relaxations[i]));
        return [.. channels];
    }

    private ThermalRelaxation Relaxation(int qubit, double durationNs) =>
        ThermalRelaxation && _qubits.TryGetValue(qubit, out var q)
            ? Noise.ThermalRelaxation.Over(durationNs, q.T1Us, q.T2Us)
            : Noise.ThermalRelaxation.Over(0, null, null);

    private NoiseChannel[] Delay(Instruction.Delay delay, IReadOnlyDictionary<string, double>? bindings)
    {
        var durationNs = delay.Unit == "dt"
            ? delay.Duration.Evaluate(bindings) * (Snapshot.DtNs ?? throw new NoiseModelException(
                ErrorCodes.Simulation.DelayWithoutDt, $"delay in dt on {Snapshot.Device}, whose snapshot gives no dt duration"))
            : delay.DurationNs(bindings);
        return [.. delay.Targets
            .Select(q => new NoiseChannel.Relaxation(q, Relaxation(q, durationNs)))
            .Where(r => !r.Parameters.IsIdentity)];
    }
}
