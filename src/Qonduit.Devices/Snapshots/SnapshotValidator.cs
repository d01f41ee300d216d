namespace Qonduit.Devices.Snapshots;

/// <summary>
/// The semantic rules a snapshot must satisfy before anything reads it as data: qubit indices are 0..n-1 in order,
/// couplers join two distinct existing qubits at most once per direction with a native gate, probabilities lie in
/// [0, 1], times and lengths are positive. All problems are reported together (the first <see cref="MaxReported"/>).
/// </summary>
public static class SnapshotValidator
{
    public const int MaxReported = 20;

    public static IReadOnlyList<string> Problems(DeviceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var problems = new List<string>();
        if (snapshot.NativeGates.IsDefault) problems.Add("nativeGates is missing");
        if (snapshot.Qubits.IsDefaultOrEmpty) problems.Add("the device has no qubits");
        if (snapshot.Couplers.IsDefault) problems.Add("couplers is missing");
        if (problems.Count > 0) return problems;
        if (string.IsNullOrWhiteSpace(snapshot.Device)) problems.Add("device name is empty");
        if (snapshot.Version < 1) problems.Add($"version {snapshot.Version} is not positive");
        if (snapshot.MaxShots < 1) problems.Add($"maxShots {snapshot.MaxShots} is not positive");
        if (snapshot.DtNs is { } dt && !(dt > 0 && double.IsFinite(dt))) problems.Add($"dtNs {dt} is not a positive number");

        var native = new HashSet<string>(StringComparer.Ordinal);
        foreach (var gate in snapshot.NativeGates)
        {
            if (string.IsNullOrWhiteSpace(gate)) problems.Add("nativeGates holds an empty name");
            else if (!native.Add(gate)) problems.Add($"native gate '{gate}' is listed twice");
        }
        for (var i = 0; i < snapshot.Qubits.Length; i++) CheckQubit(snapshot.Qubits[i], i, problems);

        var seen = new HashSet<(int, int)>();
        var n = snapshot.Qubits.Length;
        for (var i = 0; i < snapshot.Couplers.Length; i++)
        {
            var c = snapshot.Couplers[i];
            if (c is null) { problems.Add($"couplers[{i}] is null"); continue; }
            var name = $"coupler {c.Control}->{c.Target}";
            if ((uint)c.Control >= (uint)n || (uint)c.Target >= (uint)n) problems.Add($"{name} references a qubit outside 0..{n - 1}");
            else if (c.Control == c.Target) problems.Add($"{name} couples a qubit to itself");
            else if (!seen.Add((c.Control, c.Target))) problems.Add($"{name} is listed twice");
            if (!native.Contains(c.Gate ?? "")) problems.Add($"{name} runs '{c.Gate}', which is not among the native gates");
            if (!Enum.IsDefined(c.Status)) problems.Add($"{name} has unknown status {(int)c.Status}");
            CheckProbability(c.Error, $"{name} error", problems);
            CheckLength(c.GateLengthNs, $"{name} gateLengthNs", problems);
        }
        return problems;
    }

    /// <summary>Throws <see cref="SnapshotException"/> (code <see cref="ErrorCodes.Snapshot.Invalid"/>) listing every problem.</summary>
    public static void EnsureValid(DeviceSnapshot snapshot)
    {
        var problems = Problems(snapshot);
        if (problems.Count == 0) return;
        var shown = string.Join("; ", problems.Take(MaxReported));
        var more = problems.Count > MaxReported ? $"; and {problems.Count - MaxReported} more" : "";
        throw new SnapshotException(ErrorCodes.Snapshot.Invalid, $"snapshot '{snapshot.Device}' is invalid: {shown}{more}");
    }

    private static void CheckQubit(QubitCalibration? q, int position, List<string> problems)
    {
        if (q is null) { problems.Add($"qubits[{position}] is null"); return; }
        var name = $"qubit {q.Index}";
        if (q.Index != position) problems.Add($"qubits[{position}] has index {q.Index}; indices must be 0..n-1 in order");
        if (!Enum.IsDefined(q.Status)) problems.Add($"{name} has unknown status {(int)q.Status}");
        CheckTime(q.T1Us, $"{name} t1Us", problems);
        CheckTime(q.T2Us, $"{name} t2Us", problems);
        CheckProbability(q.ReadoutError, $"{name} readoutError", problems);
        CheckProbability(q.ProbMeas0Prep1, $"{name} probMeas0Prep1", problems);
        CheckProbability(q.ProbMeas1Prep0, $"{name} probMeas1Prep0", problems);
        CheckLength(q.ReadoutLengthNs, $"{name} readoutLengthNs", problems);
        foreach (var (gate, error) in q.GateErrors) CheckProbability(error, $"{name} gateErrors.{gate}", problems);
        foreach (var (gate, length) in q.GateLengthsNs) CheckLength(length, $"{name} gateLengthsNs.{gate}", problems);
    }

    private static void CheckProbability(double? value, string what, List<string> problems)
    {
        if (value is { } p && !(p >= 0 && p <= 1)) problems.Add($"{what} = {p} is not a probability in [0, 1]");
    }

    // T1/T2 may be +infinity (no relaxation) but must be positive.
    private static void CheckTime(double? value, string what, List<string> problems)
    {
        if (value is { } t && !(t > 0)) problems.Add($"{what} = {t} is not positive");
    }

    private static void CheckLength(double? value, string what, List<string> problems)
    {
        if (value is { } t && !(t >= 0 && double.IsFinite(t))) problems.Add($"{what} = {t} is not a finite non-negative duration");
    }
}
