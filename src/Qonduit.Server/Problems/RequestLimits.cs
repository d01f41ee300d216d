using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Qonduit.Server.Problems;

/// <summary>
/// The request-line and header limits, enforced by the application so their refusals are problem details (414
/// `http.uri-too-long`, 431 `http.headers-too-large`): Kestrel answers its own limits with an empty body, so its
/// limits are set <see cref="WebServerHeadroom"/> times higher and only stop what is far beyond ours.
/// </summary>
public static class RequestLimits
{
    /// <summary>How much further than the application's limits the web server reads before it refuses on its own.</summary>
    public const int WebServerHeadroom = 4;

    /// <summary>Raises Kestrel's limits above the application's (they bound the memory a request can hold).</summary>
    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ServerOptions>>((kestrel, server) =>
        {
            var limits = server.Value;
            // The request line is method, target and version: room for the longest method and " HTTP/1.1".
            kestrel.Limits.MaxRequestLineSize = Math.Max(kestrel.Limits.MaxRequestLineSize, WebServerHeadroom * (limits.MaxRequestTargetBytes + 32));
            kestrel.Limits.MaxRequestHeadersTotalSize = Math.Max(kestrel.Limits.MaxRequestHeadersTotalSize, WebServerHeadroom * limits.MaxRequestHeaderBytes);
            kestrel.Limits.MaxRequestHeaderCount = Math.Max(kestrel.Limits.MaxRequestHeaderCount, WebServerHeadroom * limits.MaxRequestHeaderCount);
        });
        return services;
    }

    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var limits = context.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value;
            // The raw target is what the client sent; a host without one (the test server) gives the parsed parts.
            var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
                ? raw
                : context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            if (target.Length > limits.MaxRequestTargetBytes)
            {
                return ProblemResponses.WriteAsync(context, new ControlPlaneException(StatusCodes.Status414UriTooLong, ErrorCodes.Http.UriTooLong, Origins.Protocol,
                    $"the request target is {target.Length} bytes; the limit is {limits.MaxRequestTargetBytes} (send large inputs in a body)"));
            }
            var (count, bytes) = Measure(context.Request.Headers);
            if (count > limits.MaxRequestHeaderCount || bytes > limits.MaxRequestHeaderBytes)
            {
                return ProblemResponses.WriteAsync(context, new ControlPlaneException(StatusCodes.Status431RequestHeaderFieldsTooLarge, ErrorCodes.Http.HeadersTooLarge, Origins.Protocol,
                    $"the request has {count} header field(s) of {bytes} bytes; the limits are {limits.MaxRequestHeaderCount} fields and {limits.MaxRequestHeaderBytes} bytes"));
            }
            return next(context);
        });
        return app;
    }

    // As Kestrel counts them: one field per value, and the bytes of names and values.
    private static (int Count, long Bytes) Measure(IHeaderDictionary headers)
    {
        var count = 0;
        var bytes = 0L;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                count++;
                bytes += name.Length + (value?.Length ?? 0);
            }
        }
        return (count, bytes);
    }
}
