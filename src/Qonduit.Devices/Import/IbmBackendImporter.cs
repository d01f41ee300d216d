using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Qonduit.Devices.Snapshots;
using static Qonduit.Devices.Import.IbmJson;

namespace Qonduit.Devices.Import;

/// <summary>
/// Builds a snapshot from an IBM backend's configuration (`conf_*.json`: name, qubit count, basis gates, coupling map,
/// dt, max shots) and properties (`props_*.json`: per-qubit and per-gate calibration).
/// <list type="bullet">
/// <item>Couplers are directed exactly as the coupling map (and the properties' two-qubit entries) list them: a
/// one-way ECR device gets one-way couplers.</item>
/// <item>Only two-qubit gates among the basis gates become couplers; fractional gates the properties also calibrate
/// (rzz on Heron) are not native and are left out.</item>
/// <item>A qubit whose `operational` entry is 0 is offline. A coupler whose gate_error is ≥
/// <see cref="BrokenCouplerError"/> (IBM reports exactly 1.0 for a coupler it has switched off), or whose
/// `operational` entry is 0, is unavailable.</item>
/// <item>Times are converted from the unit each entry states: T1/T2 to µs, lengths to ns.</item>
/// </list>
/// </summary>
public static class IbmBackendImporter
{
    public const double BrokenCouplerError = 0.5;

    public static DeviceSnapshot Import(string confJson, string propsJson)
    {
        using var confDocument = Parse(confJson, "configuration");
        using var propsDocument = Parse(propsJson, "properties");
        var conf = confDocument.RootElement;
        var props = propsDocument.RootElement;

        var name = RequireString(conf, "backend_name", "configuration");
        if (OptionalString(props, "backend_name") is { } propsName && propsName != name)
            throw new DeviceImportException($"the configuration describes '{name}' but the properties describe '{propsName}'");
        var n = RequireInt(conf, "n_qubits", "configuration", 1, 100_000);
        var basis = Require(conf, "basis_gates", JsonValueKind.Array, "configuration").EnumerateArray()
            .Select(g => g.ValueKind == JsonValueKind.String ? g.GetString()! : throw new DeviceImportException("configuration: 'basis_gates' holds a non-string"))
            .Distinct(StringComparer.Ordinal).ToImmutableArray();
        var dtNs = OptionalNumber(conf, "dt", "configuration");
        if (dtNs is { } dt && !(dt > 0)) throw new DeviceImportException($"configuration: dt = {dt} is not positive");
        var maxShots = Optional(conf, "max_shots") is null ? 100_000 : RequireInt(conf, "max_shots", "configuration", 1, int.MaxValue);

        var qubitEntries = Require(props, "qubits", JsonValueKind.Array, "properties");
        if (qubitEntries.GetArrayLength() != n)
            throw new DeviceImportException($"properties list {qubitEntries.GetArrayLength()} qubits but the configuration says n_qubits = {n}");
        var qubits = qubitEntries.EnumerateArray().Select((entry, i) => IbmQubitReader.Read(entry, i, dtNs)).ToArray();

        var native = basis.ToHashSet(StringComparer.Ordinal);
        var couplers = new Dictionary<(int, int), CouplerDraft>();
        var order = new List<(int, int)>();
        if (Optional(conf, "coupling_map") is { } map)
        {
            if (map.ValueKind != JsonValueKind.Array) throw new DeviceImportException("configuration: 'coupling_map' is not a list");
            foreach (var pair in map.EnumerateArray())
            {
                var q = Qubits(pair, n, "configuration coupling_map");
                if (q.Length != 2 || q[0] == q[1]) throw new DeviceImportException($"configuration coupling_map: {pair.GetRawText()} is not a pair of distinct qubits");
                if (couplers.TryAdd((q[0], q[1]), new CouplerDraft())) order.Add((q[0], q[1]));
            }
        }

        if (Optional(props, "gates") is { } gates)
        {
            if (gates.ValueKind != JsonValueKind.Array) throw new DeviceImportException("properties: 'gates' is not a list");
            foreach (var gate in gates.EnumerateArray())
            {
                var gateName = RequireString(gate, "gate", "properties gate");
                var where = $"properties gate '{OptionalString(gate, "name") ?? gateName}'";
                var on = Qubits(Require(gate, "qubits", JsonValueKind.Array, where), n, where);
                var (error, length, operational) = ReadGateParameters(gate, where, dtNs);
                if (on.Length == 1)
                    qubits[on[0]].AddGate(gateName, error, length);
                else if (on.Length == 2 && native.Contains(gateName) && on[0] != on[1])
                {
                    if (!couplers.TryGetValue((on[0], on[1]), out var draft))
                    {
                        couplers[(on[0], on[1])] = draft = new CouplerDraft();
                        order.Add((on[0], on[1]));
                    }
                    draft.Offer(gateName, error, length, operational);
                }
            }
        }

        var twoQubitNative = couplers.Values.Select(d => d.Gate).OfType<string>().Distinct().ToArray();
        var snapshot = new DeviceSnapshot
        {
            Device = name,
            CreatedAt = ParseDate(OptionalString(props, "last_update_date")),
            Source = $"ibm-properties {OptionalString(props, "last_update_date") ?? "(undated)"}",
            NativeGates = basis,
            Qubits = [.. qubits.Select(q => q.Build())],
            Couplers = [.. order.Select(pair => couplers[pair].Build(pair.Item1, pair.Item2, twoQubitNative, name))],
            MaxShots = maxShots,
            DtNs = dtNs,
        };
        var problems = SnapshotValidator.Problems(snapshot);
        if (problems.Count > 0)
            throw new DeviceImportException($"'{name}' does not make a valid snapshot: {string.Join("; ", problems.Take(SnapshotValidator.MaxReported))}");
        return snapshot;
    }

    private static (double? Error, double? LengthNs, bool Operational) ReadGateParameters(JsonElement gate, string where, double? dtNs)
    {
        double? error = null, length = null;
        var operational = true;
        if (Optional(gate, "parameters") is not { ValueKind: JsonValueKind.Array } parameters) return (error, length, operational);
        foreach (var entry in parameters.EnumerateArray())
        {
            if (!TryReadEntry(entry, where, out var key, out var unit, out var value)) continue;
            switch (key)
            {
                case "gate_error": error = value; break;
                case "gate_length": length = IbmUnits.ToNanoseconds(value, unit, dtNs, $"{where} gate_length"); break;
                case "operational": operational = value != 0; break;
            }
        }
        return (error, length, operational);
    }

    private static DateTimeOffset ParseDate(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : DateTimeOffset.UnixEpoch;

    /// <summary>One directed coupling while the files are read; when a pair has several native gates the best calibrated wins.</summary>
    private sealed class CouplerDraft
    {
        public string? Gate { get; private set; }

        private double? _error;
        private double? _length;
        private bool _operational = true;

        public void Offer(string gate, double? error, double? length, bool operational)
        {
            if (Gate is not null && (error ?? 0) >= (_error ?? 0)) return;
            (Gate, _error, _length, _operational) = (gate, error, length, operational);
        }

        public Coupler Build(int control, int target, string[] twoQubitNative, string device)
        {
            var gate = Gate ?? (twoQubitNative.Length == 1
                ? twoQubitNative[0]
                : throw new DeviceImportException($"'{device}': coupling {control}->{target} has no calibration and the native two-qubit gate is ambiguous"));
            var broken = !_operational || _error >= BrokenCouplerError;
            return new Coupler
            {
                Control = control,
                Target = target,
                Gate = gate,
                Error = _error ?? 0,
                GateLengthNs = _length,
                Status = broken ? CouplerStatus.Unavailable : CouplerStatus.Available,
            };
        }
    }
}
