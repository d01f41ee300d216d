using Prometheus;
using Qonduit.Server.Agents;
using Qonduit.Server.Auth;
using Qonduit.Server.Consumers;
using Qonduit.Server.Devices;
using Qonduit.Server.Events;
using Qonduit.Server.Leases;
using Qonduit.Server.Resources;

namespace Qonduit.Server.Metrics;

/// <summary>`GET /metrics`: the server's registry in the Prometheus text exposition format (0.0.4), written by prometheus-net.</summary>
public static class MetricsApi
{
    public static IServiceCollection AddServerMetrics(this IServiceCollection services) =>
        services.AddSingleton<ServerMetrics>().AddSingleton<MetricsExporter>();

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", async (HttpContext context, MetricsExporter exporter) =>
            {
                context.Response.ContentType = PrometheusConstants.TextContentTypeWithVersionAndEncoding;
                await exporter.WriteAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
            })
            .RequireAuthorization(AuthSetup.Anyone).WithTags("Operations").WithName("getMetrics")
            .WithSummary("metrics in Prometheus text format").Produces<string>(200, "text/plain");
        app.MapGet("/healthz", () => TypedResults.Text("ok\n")).AllowAnonymous().WithTags("Operations").WithName("getHealth")
            .WithSummary("liveness (no key needed)").Produces<string>(200, "text/plain");
        return app;
    }
}

/// <summary>
/// Refreshes the scrape-time families and writes the registry. Scrapes take turns: the refresh replaces whole label
/// sets, and two interleaved refreshes could drop each other's series.
/// </summary>
public sealed class MetricsExporter
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly CollectorRegistry _registry;

    public MetricsExporter(ServerMetrics metrics, IControlPlaneStore store, AgentLiveness liveness, EventHub hub, DeviceRegistry devices, LeaseBook leases,
        LoadIndexBoard loadIndices, FairShareBoard fairShare, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _registry = metrics.Registry;
        var factory = Prometheus.Metrics.WithCustomRegistry(_registry);
        var controlPlane = new ControlPlaneGauges(factory);
        var qpu = new QpuTelemetry(factory);
        var reported = new LoadIndexTelemetry(factory);
        var consumers = new ConsumerTelemetry(factory);
        _registry.AddBeforeCollectCallback(() =>
        {
            var statistics = store.Statistics();
            controlPlane.Publish(store, statistics, liveness, hub, devices, leases);
            qpu.Publish(devices, statistics);
            reported.Publish(loadIndices, time.GetUtcNow());
            consumers.Publish(fairShare.Standing, store.RunningCharges());
        });
    }

    public async Task WriteAsync(Stream body, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _registry.CollectAndExportAsTextAsync(body, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }
}
