using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Qonduit.Server.Auth;
using Qonduit.Server.Problems;

namespace Qonduit.Server.Events;

public static class EventsApi
{
    public static IServiceCollection AddEvents(this IServiceCollection services) =>
        services.AddSingleton<EventHub>().AddSingleton<EventStreamer>();

    /// <summary>`GET /v1/events?task=&amp;device=&amp;type=a,b.*` as Server-Sent Events; `id:` is the store sequence.</summary>
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/events", Stream).RequireAuthorization(AuthSetup.Anyone).WithTags("Events")
            .WithSummary("lifecycle and device events as Server-Sent Events; Last-Event-ID (header or lastEventId query) replays from the store");
        return app;
    }

    private static ServerSentEventsResult<string> Stream(
        HttpContext context, EventStreamer streamer, Guid? task, string? device, string? type,
        [FromQuery] long? lastEventId, [FromHeader(Name = "Last-Event-ID")] string? lastEventIdHeader)
    {
        long? after = lastEventId;
        if (!string.IsNullOrEmpty(lastEventIdHeader))
        {
            after = long.TryParse(lastEventIdHeader, out var parsed)
                ? parsed
                : throw ControlPlaneException.BadRequest("events.invalid-last-event-id", $"Last-Event-ID '{lastEventIdHeader}' is not an event sequence");
        }
        var caller = Caller.From(context.User);
        var filter = EventStreamer.Filter(task, device, type, caller.Role == ApiKeyRole.User ? caller.Name : null);
        return TypedResults.ServerSentEvents(streamer.Stream(filter, after, context.Response, context.RequestAborted));
    }
}
