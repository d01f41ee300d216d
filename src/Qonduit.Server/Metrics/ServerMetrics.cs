using System.Collections.Concurrent;
using System.Diagnostics;

namespace Qonduit.Server.Metrics;

/// <summary>Counters and the admission latency histogram the control plane keeps in memory for /metrics.</summary>
public sealed class ServerMetrics
{
    /// <summary>Upper bounds (seconds) of the admission histogram's buckets; +Inf is implicit.</summary>
    public static readonly double[] AdmissionBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private readonly long[] _admissionCounts = new long[AdmissionBuckets.Length + 1];
    private long _admissionSumTicks;
    private long _claims;
    private long _submitted;
    private long _rejected;
    private long _reportsRejected;
    private readonly ConcurrentDictionary<(string Device, string Outcome), long> _leases = new();

    public long Claims => Interlocked.Read(ref _claims);

    public long Submitted => Interlocked.Read(ref _submitted);

    public long AdmissionsRejected => Interlocked.Read(ref _rejected);

    public long ReportsRejected => Interlocked.Read(ref _reportsRejected);

    public void Claimed() => Interlocked.Increment(ref _claims);

    public void ReportRejected() => Interlocked.Increment(ref _reportsRejected);

    /// <summary>One lease outcome on a device: granted, unavailable, released or expired.</summary>
    public void LeaseOutcome(string device, string outcome) => _leases.AddOrUpdate((device, outcome), 1, (_, n) => n + 1);

    public IReadOnlyList<(string Device, string Outcome, long Count)> LeaseOutcomes() =>
        [.. _leases.Select(e => (e.Key.Device, e.Key.Outcome, e.Value)).OrderBy(e => e.Device, StringComparer.Ordinal).ThenBy(e => e.Outcome, StringComparer.Ordinal)];

    public void Admitted(long startTimestamp, bool accepted)
    {
        var elapsed = Stopwatch.GetElapsedTime(startTimestamp);
        var seconds = elapsed.TotalSeconds;
        var bucket = Array.FindIndex(AdmissionBuckets, b => seconds <= b);
        Interlocked.Increment(ref _admissionCounts[bucket < 0 ? AdmissionBuckets.Length : bucket]);
        Interlocked.Add(ref _admissionSumTicks, elapsed.Ticks);
        Interlocked.Increment(ref accepted ? ref _submitted : ref _rejected);
    }

    /// <summary>Per-bucket (not cumulative) counts, the last one for +Inf, and the sum in seconds.</summary>
    public (long[] Counts, double SumSeconds) AdmissionHistogram()
    {
        var counts = new long[_admissionCounts.Length];
        for (var i = 0; i < counts.Length; i++) counts[i] = Interlocked.Read(ref _admissionCounts[i]);
        return (counts, TimeSpan.FromTicks(Interlocked.Read(ref _admissionSumTicks)).TotalSeconds);
    }
}
