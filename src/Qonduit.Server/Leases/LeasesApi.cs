using Microsoft.AspNetCore.Http.HttpResults;
using Qonduit.Server.Auth;
using Qonduit.Server.Devices;
using Qonduit.Server.Problems;

namespace Qonduit.Server.Leases;

/// <summary>Leases over HTTP (docs/leases.md): users and admins acquire, renew and release; anyone lists a device's leases.</summary>
public static class LeasesApi
{
    public static IServiceCollection AddLeases(this IServiceCollection services) =>
        services.AddSingleton<LaneSignal>().AddSingleton<LeaseBook>().AddHostedService<LeaseExpiryMonitor>();

    public static IEndpointRouteBuilder MapLeases(this IEndpointRouteBuilder app)
    {
        var holders = app.MapGroup("/v1").RequireAuthorization(AuthSetup.Submitters).WithTags("Leases");
        holders.MapPost("/devices/{id}/leases", Acquire).WithName("acquireLease")
            .WithSummary("lease a lane (or every lane) of the device; waits up to waitMs, then 409 lease.unavailable")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);
        holders.MapPost("/leases/{token}/renew", Renew).WithName("renewLease").WithSummary("extend an active lease to now + ttl").ProducesProblem(400).ProducesProblem(404);
        holders.MapDelete("/leases/{token}", Release).WithName("releaseLease").WithSummary("release; succeeds again for a released, expired or unknown token").ProducesProblem(404);
        holders.MapGet("/leases/{tokenOrId}", Get).WithName("getLease").WithSummary("the lease by its token or id, with its state").ProducesProblem(404);
        app.MapGet("/v1/devices/{id}/leases", OnDevice).RequireAuthorization(AuthSetup.Anyone).WithTags("Leases").WithName("listDeviceLeases")
            .WithSummary("lanes, lanes in use, queue depth and active leases of the device (no tokens)").ProducesProblem(404);
        return app;
    }

    private static async Task<Created<LeaseGrantView>> Acquire(
        string id, AcquireLeaseRequest? request, HttpContext context, LeaseBook leases, DeviceRegistry registry, IHostApplicationLifetime lifetime)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            var grant = await leases.AcquireAsync(id, request ?? new AcquireLeaseRequest(), Caller.From(context.User), stop.Token).ConfigureAwait(false);
            return TypedResults.Created($"/v1/leases/{grant.LeaseId}", grant);
        }
        catch (RefusedException e) when (e.Code == ErrorCodes.Device.NotFound)
        {
            // Refused inside the lease book's transaction; the names it may be a slip of are read once it is over.
            throw registry.Unknown(id);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            throw ControlPlaneException.Conflict(ErrorCodes.Lease.Unavailable, "the server is stopping; acquire again once it is back",
                new Dictionary<string, object?> { ["device"] = id });
        }
    }

    private static async Task<Ok<LeaseGrantView>> Renew(string token, RenewLeaseRequest? request, HttpContext context, LeaseBook leases) =>
        TypedResults.Ok(await leases.RenewAsync(token, request?.TtlSeconds, Caller.From(context.User), context.RequestAborted).ConfigureAwait(false));

    private static async Task<NoContent> Release(string token, HttpContext context, LeaseBook leases)
    {
        await leases.ReleaseAsync(token, Caller.From(context.User), context.RequestAborted).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static Ok<LeaseView> Get(string tokenOrId, HttpContext context, LeaseBook leases) =>
        TypedResults.Ok(leases.Get(tokenOrId, Caller.From(context.User)));

    private static Ok<DeviceLeasesView> OnDevice(string id, DeviceRegistry registry, LeaseBook leases) =>
        TypedResults.Ok(leases.OnDevice(registry.Current(id) ?? throw registry.Unknown(id)));
}
