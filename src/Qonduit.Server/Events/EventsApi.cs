using System.Globalization;
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
        app.MapGet("/v1/events", Stream).RequireAuthorization(AuthSetup.Anyone).WithTags("Events").WithName("streamEvents")
            .WithSummary("lifecycle and device events as Server-Sent Events; Last-Event-ID (header or lastEventId query) replays from the store");
        return app;
    }

    // Values are bound as text and parsed here, so a bad one gets the same code whichever way it arrives.
    private static ServerSentEventsResult<string> Stream(
        HttpContext context, EventStreamer streamer, IControlPlaneStore store, string? task, string? device, string? type,
        [FromQuery(Name = "lastEventId")] string? lastEventIdQuery, [FromHeader(Name = "Last-Event-ID")] string? lastEventIdHeader)
    {
        var fromQuery = Sequence(lastEventIdQuery, "the lastEventId query parameter");
        var fromHeader = Sequence(lastEventIdHeader, "the Last-Event-ID header");
        var caller = Caller.From(context.User);
        var filter = EventStreamer.Filter(TaskId(task), device, type, caller.Role == ApiKeyRole.User ? caller.User : null);
        Func<EventRecord, bool>? visible = caller.Role == ApiKeyRole.Agent ? new AgentEventScope(store, caller).Shows : null;
        return TypedResults.ServerSentEvents(streamer.Stream(filter, fromHeader ?? fromQuery, context.Response, context.RequestAborted, visible));
    }

    private static long? Sequence(string? text, string where)
    {
        if (string.IsNullOrEmpty(text)) return null;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : throw ControlPlaneException.BadRequest(ErrorCodes.Events.InvalidLastEventId, $"{where} '{Shorten(text)}' is not an event sequence (a whole number from an event's id)");
    }

    private static Guid? TaskId(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        return Guid.TryParse(text, out var id)
            ? id
            : throw ControlPlaneException.BadRequest(ErrorCodes.Events.InvalidTask, $"the task filter '{Shorten(text)}' is not a task id");
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
