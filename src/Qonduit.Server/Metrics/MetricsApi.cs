using System.Globalization;
using System.Text;
using Qonduit.Server.Agents;
using Qonduit.Server.Auth;
using Qonduit.Server.Devices;
using Qonduit.Server.Events;
using Qonduit.Server.Leases;
using Qonduit.Server.Tasks;

namespace Qonduit.Server.Metrics;

/// <summary>`GET /metrics` in the Prometheus text exposition format (0.0.4), written by hand: no exporter package here.</summary>
public static class MetricsApi
{
    public static IServiceCollection AddServerMetrics(this IServiceCollection services) => services.AddSingleton<ServerMetrics>();

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", (IControlPlaneStore store, ServerMetrics metrics, AgentLiveness liveness, EventHub hub, DeviceRegistry devices, LeaseBook leases) =>
                TypedResults.Text(Render(store, metrics, liveness, hub, devices, leases), "text/plain; version=0.0.4; charset=utf-8"))
            .RequireAuthorization(AuthSetup.Anyone).WithTags("Operations").WithName("getMetrics")
            .WithSummary("metrics in Prometheus text format").Produces<string>(200, "text/plain");
        app.MapGet("/healthz", () => TypedResults.Text("ok\n")).AllowAnonymous().WithTags("Operations").WithName("getHealth")
            .WithSummary("liveness (no key needed)").Produces<string>(200, "text/plain");
        return app;
    }

    public static string Render(IControlPlaneStore store, ServerMetrics metrics, AgentLiveness liveness, EventHub hub, DeviceRegistry devices, LeaseBook leases)
    {
        var text = new StringBuilder();
        var statistics = store.Statistics();
        Header(text, "qonduit_tasks", "gauge", "Tasks by lifecycle state.");
        foreach (var state in Enum.GetValues<TaskState>())
            Sample(text, "qonduit_tasks", statistics.TasksByState.GetValueOrDefault(state), ("state", state.Name()));
        Header(text, "qonduit_queue_depth", "gauge", "Queued tasks per device.");
        foreach (var (device, depth) in statistics.QueueDepthByDevice.OrderBy(d => d.Key, StringComparer.Ordinal))
            Sample(text, "qonduit_queue_depth", depth, ("device", device));
        RenderLeases(text, metrics, devices, leases);
        Counter(text, "qonduit_claims_total", "Tasks claimed by agents.", metrics.Claims);
        Counter(text, "qonduit_tasks_submitted_total", "Submissions admitted.", metrics.Submitted);
        Counter(text, "qonduit_admissions_rejected_total", "Submissions refused by admission.", metrics.AdmissionsRejected);
        Counter(text, "qonduit_reports_rejected_total", "Agent reports refused and recorded as evidence.", metrics.ReportsRejected);
        Counter(text, "qonduit_device_cache_hits_total", "Device reads answered from the cache.", devices.CacheHits);
        Counter(text, "qonduit_sse_evictions_total", "SSE subscribers disconnected for falling behind.", hub.Evictions);
        Header(text, "qonduit_sse_subscribers", "gauge", "Connected SSE subscribers.");
        Sample(text, "qonduit_sse_subscribers", hub.SubscriberCount);
        var stale = liveness.StaleAgents();
        Header(text, "qonduit_agents_stale", "gauge", "Agents whose last heartbeat is older than the stale window.");
        Sample(text, "qonduit_agents_stale", stale.Count);
        Header(text, "qonduit_tasks_stale", "gauge", "Running tasks whose owner is stale.");
        Sample(text, "qonduit_tasks_stale", stale.Sum(a => (long)store.ListTasks(new TaskQuery(State: TaskState.Running, Owner: a, Limit: 10_000)).Count));
        var (counts, sum) = metrics.AdmissionHistogram();
        Header(text, "qonduit_admission_seconds", "histogram", "Time to admit or refuse a submission.");
        long cumulative = 0;
        for (var i = 0; i < ServerMetrics.AdmissionBuckets.Length; i++)
        {
            cumulative += counts[i];
            Sample(text, "qonduit_admission_seconds_bucket", cumulative, ("le", ServerMetrics.AdmissionBuckets[i].ToString(CultureInfo.InvariantCulture)));
        }
        cumulative += counts[^1];
        Sample(text, "qonduit_admission_seconds_bucket", cumulative, ("le", "+Inf"));
        text.Append("qonduit_admission_seconds_sum ").Append(sum.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        Sample(text, "qonduit_admission_seconds_count", cumulative);
        return text.ToString();
    }

    private static void RenderLeases(StringBuilder text, ServerMetrics metrics, DeviceRegistry devices, LeaseBook leases)
    {
        var registered = devices.List();
        var inUse = leases.LanesInUse(registered);
        Header(text, "qonduit_device_lanes", "gauge", "Execution lanes per device.");
        foreach (var device in registered) Sample(text, "qonduit_device_lanes", device.Lanes, ("device", device.Device));
        Header(text, "qonduit_device_lanes_in_use", "gauge", "Lanes held by active leases per device.");
        foreach (var device in registered) Sample(text, "qonduit_device_lanes_in_use", inUse.GetValueOrDefault(device.Device), ("device", device.Device));
        Header(text, "qonduit_leases_total", "counter", "Lease outcomes per device: granted, unavailable, released, expired.");
        foreach (var (device, outcome, count) in metrics.LeaseOutcomes())
            Sample(text, "qonduit_leases_total", count, ("device", device), ("outcome", outcome));
    }

    private static void Counter(StringBuilder text, string name, string help, long value)
    {
        Header(text, name, "counter", help);
        Sample(text, name, value);
    }

    private static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append("\n# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, long value, params (string Name, string Value)[] labels)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{');
            for (var i = 0; i < labels.Length; i++)
            {
                if (i > 0) text.Append(',');
                text.Append(labels[i].Name).Append("=\"").Append(Escape(labels[i].Value)).Append('"');
            }
            text.Append('}');
        }
        text.Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
}
