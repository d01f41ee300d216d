using System.Collections.Immutable;
using System.Text.Json;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Devices.Import;

/// <summary>Accumulates one qubit's calibration from its properties entry and its single-qubit gate entries.</summary>
internal sealed class IbmQubitReader
{
    private readonly int _index;
    private readonly SortedDictionary<string, double> _gateErrors = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, double> _gateLengths = new(StringComparer.Ordinal);
    private bool _operational = true;
    private double? _t1, _t2, _readoutError, _p0Given1, _p1Given0, _readoutLength;

    private IbmQubitReader(int index) => _index = index;

    public static IbmQubitReader Read(JsonElement entries, int index, double? dtNs)
    {
        var where = $"properties qubit {index}";
        if (entries.ValueKind != JsonValueKind.Array) throw new DeviceImportException($"{where}: expected a list of calibration entries");
        var reader = new IbmQubitReader(index);
        foreach (var entry in entries.EnumerateArray())
        {
            if (!IbmJson.TryReadEntry(entry, where, out var name, out var unit, out var value)) continue;
            switch (name)
            {
                case "T1": reader._t1 = IbmUnits.ToMicroseconds(value, unit, $"{where} T1"); break;
                case "T2": reader._t2 = IbmUnits.ToMicroseconds(value, unit, $"{where} T2"); break;
                case "readout_error": reader._readoutError = value; break;
                case "prob_meas0_prep1": reader._p0Given1 = value; break;
                case "prob_meas1_prep0": reader._p1Given0 = value; break;
                case "readout_length": reader._readoutLength = IbmUnits.ToNanoseconds(value, unit, dtNs, $"{where} readout_length"); break;
                case "operational": reader._operational = value != 0; break;
            }
        }
        return reader;
    }

    public void AddGate(string gate, double? error, double? lengthNs)
    {
        if (error is { } e) _gateErrors[gate] = e;
        if (lengthNs is { } l) _gateLengths[gate] = l;
    }

    public QubitCalibration Build() => new()
    {
        Index = _index,
        Status = _operational ? QubitStatus.Online : QubitStatus.Offline,
        T1Us = _t1,
        T2Us = _t2,
        ReadoutError = _readoutError,
        ProbMeas0Prep1 = _p0Given1,
        ProbMeas1Prep0 = _p1Given0,
        ReadoutLengthNs = _readoutLength,
        GateErrors = _gateErrors.ToImmutableSortedDictionary(StringComparer.Ordinal),
        GateLengthsNs = _gateLengths.ToImmutableSortedDictionary(StringComparer.Ordinal),
    };
}
