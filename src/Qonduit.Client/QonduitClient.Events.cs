using System.Net;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Qonduit.Contracts.Events;

namespace Qonduit.Client;

public sealed partial class QonduitClient
{
    /// <summary>
    /// Reads `/v1/events` as Server-Sent Events. With <paramref name="lastEventId"/> the server first replays what
    /// came after it. When the connection drops (or the server evicts a slow reader) and
    /// <paramref name="reconnect"/> is set, it reconnects with the last id seen, so no event is lost or repeated. Live-only
    /// events (`task.progress`: sequence 0, no id) come through as they arrive and are never replayed.
    /// </summary>
    public async IAsyncEnumerable<EventView> EventsAsync(
        EventSubscription? subscription = null, long? lastEventId = null, bool reconnect = true,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var last = lastEventId;
        while (!cancellationToken.IsCancellationRequested)
        {
            using var request = Request(HttpMethod.Get, EventsPath(subscription));
            request.Headers.Accept.ParseAdd("text/event-stream");
            if (last is { } id) request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var answer = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(answer, cancellationToken).ConfigureAwait(false);
            var stream = await answer.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var items = SseParser.Create(stream).EnumerateAsync(cancellationToken).ConfigureAwait(false);
                var enumerator = items.GetAsyncEnumerator();
                try
                {
                    while (await MoveNextAsync(enumerator).ConfigureAwait(false))
                    {
                        var item = enumerator.Current;
                        if (item.EventType == "evicted") continue;
                        var e = JsonSerializer.Deserialize(item.Data, Json.EventView);
                        if (e is null) continue;
                        // An event without an id is live only (progress): it is never replayed, so it does not move the resume point.
                        if (item.EventId is not null) last = e.Sequence;
                        yield return e;
                    }
                }
                finally
                {
                    await enumerator.DisposeAsync();
                }
            }
            if (!reconnect) yield break;
        }
    }

    /// <summary>A dropped connection ends the stream like a clean close; the caller reconnects.</summary>
    private static async Task<bool> MoveNextAsync(ConfiguredCancelableAsyncEnumerable<SseItem<string>>.Enumerator enumerator)
    {
        try
        {
            return await enumerator.MoveNextAsync();
        }
        catch (Exception e) when (e is IOException or HttpRequestException or HttpIOException)
        {
            return false;
        }
    }

    private static string EventsPath(EventSubscription? subscription)
    {
        var parts = new List<string>();
        if (subscription?.TaskId is { } task) parts.Add("task=" + task);
        if (subscription?.Device is { } device) parts.Add("device=" + WebUtility.UrlEncode(device));
        if (subscription?.Types is { Count: > 0 } types) parts.Add("type=" + WebUtility.UrlEncode(string.Join(',', types)));
        return "v1/events" + (parts.Count > 0 ? "?" + string.Join('&', parts) : "");
    }
}
