using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Qonduit.Server.Auth;
using Qonduit.Server.Problems;

namespace Qonduit.Server.RateLimits;

/// <summary>
/// Per-key request limits for user keys: a token bucket per key id that refills
/// <see cref="ServerOptions.UserRequestsPerSecond"/> tokens each second and holds <see cref="BurstFactor"/> times
/// that. Agents and admins are not limited (the agent protocol paces itself; an admin must be able to repair a
/// flooded server), and neither is an unauthenticated request, which fails authentication anyway. So the limiter
/// runs after authentication, and a refusal is a 429 `limits.rate` with Retry-After in seconds.
/// </summary>
public static class RateLimiting
{
    public const int BurstFactor = 5;

    public static IServiceCollection AddUserRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ServerOptions>>((limiter, server) =>
        {
            var perSecond = server.Value.UserRequestsPerSecond;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context.User, perSecond));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) => Reject(rejected.HttpContext, rejected.Lease);
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(ClaimsPrincipal user, int perSecond)
    {
        if (perSecond <= 0 || user.Identity?.IsAuthenticated != true || !user.IsInRole(ApiKeyRoles.User))
            return RateLimitPartition.GetNoLimiter("");
        return RateLimitPartition.GetTokenBucketLimiter(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = BurstFactor * perSecond,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static ValueTask Reject(HttpContext context, RateLimitLease lease)
    {
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var perSecond = context.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value.UserRequestsPerSecond;
        return new ValueTask(ProblemResponses.WriteAsync(context, new ControlPlaneException(StatusCodes.Status429TooManyRequests, ErrorCodes.Limits.Rate, Origins.Protocol,
            $"this key made more than {perSecond} requests per second (bursts up to {BurstFactor * perSecond}); retry after {seconds} s",
            new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds })));
    }
}
