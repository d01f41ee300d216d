using System.Diagnostics;
using Prometheus;

namespace Qonduit.Server.Metrics;

/// <summary>
/// The collectors the control plane updates as things happen (claims, admissions, leases, finished tasks), in a
/// registry of its own: one per server, so two servers in one process (tests) never share a series, and none of
/// prometheus-net's default process or runtime metrics is exported.
/// </summary>
public sealed class ServerMetrics
{
    /// <summary>Upper bounds (seconds) of the admission histogram's buckets; +Inf is implicit.</summary>
    public static readonly double[] AdmissionBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private readonly Counter _claims;
    private readonly Counter _submitted;
    private readonly Counter _rejected;
    private readonly Counter _reportsRejected;
    private readonly Counter _leases;
    private readonly Histogram _admission;
    private readonly Counter _qpuTasks;
    private readonly Counter _qpuShots;
    private readonly Counter _qpuBusy;

    public ServerMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _claims = factory.CreateCounter("qonduit_claims_total", "Tasks claimed by agents.");
        _submitted = factory.CreateCounter("qonduit_tasks_submitted_total", "Submissions admitted.");
        _rejected = factory.CreateCounter("qonduit_admissions_rejected_total", "Submissions refused by admission.");
        _reportsRejected = factory.CreateCounter("qonduit_reports_rejected_total", "Agent reports refused and recorded as evidence.");
        _leases = factory.CreateCounter("qonduit_leases_total", "Lease outcomes per device: granted, unavailable, released, expired.", "device", "outcome");
        _admission = factory.CreateHistogram("qonduit_admission_seconds", "Time to admit or refuse a submission.",
            new HistogramConfiguration { Buckets = AdmissionBuckets });
        _qpuTasks = factory.CreateCounter("qonduit_qpu_tasks_total", "Tasks that ended on a device, by final status.", "device", "status");
        _qpuShots = factory.CreateCounter("qonduit_qpu_shots_total", "Shots of the tasks that completed on a device.", "device");
        _qpuBusy = factory.CreateCounter("qonduit_qpu_busy_seconds_total",
            "Seconds from claim to end of the tasks a device ran, by lane (the agent that held the task).", "device", "lane");
    }

    /// <summary>Where every series of this server lives; <see cref="MetricsApi"/> exports it.</summary>
    public CollectorRegistry Registry { get; }

    public void Claimed(int tasks) => _claims.Inc(tasks);

    public void ReportRejected() => _reportsRejected.Inc();

    /// <summary>One lease outcome on a device: granted, unavailable, released or expired.</summary>
    public void LeaseOutcome(string device, string outcome) => _leases.WithLabels(device, outcome).Inc();

    public void Admitted(long startTimestamp, bool accepted)
    {
        _admission.Observe(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
        (accepted ? _submitted : _rejected).Inc();
    }

    /// <summary>
    /// A task reached a terminal state: counted by status; a completed one adds its shots; one that was claimed adds
    /// the time its agent held it to that agent's lane (a task cancelled in the queue was never on a lane).
    /// </summary>
    public void TaskEnded(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        _qpuTasks.WithLabels(task.Device, task.State.Name()).Inc();
        if (task.State == TaskState.Completed) _qpuShots.WithLabels(task.Device).Inc(task.Shots);
        if (task is { ClaimedAt: { } claimed, FinishedAt: { } finished, Owner: { } lane } && finished > claimed)
            _qpuBusy.WithLabels(task.Device, lane).Inc((finished - claimed).TotalSeconds);
    }
}
