using System.Buffers;
using System.Collections.Immutable;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Qonduit.Server.Events;

/// <summary>
/// One SSE subscriber's sequence of items: first the stored events after Last-Event-ID (replay), then live ones,
/// deduplicated by sequence, with transient events (<see cref="TransientEvents"/>) passed through live without an `id:`; a `: keep-alive` comment when idle; an `evicted` item and the end of the stream when
/// the subscriber fell behind; the end of the stream when the server stops. The status and headers leave at once,
/// so a client can tell a live stream with nothing to say from a hung one.
/// </summary>
public sealed class EventStreamer(
    IControlPlaneStore store,
    EventHub hub,
    TimeProvider time,
    IOptions<ServerOptions> options,
    IHostApplicationLifetime lifetime)
{
    private const int ReplayPage = 500;
    private static readonly byte[] KeepAlive = ": keep-alive\n\n"u8.ToArray();

    public async IAsyncEnumerable<SseItem<string>> Stream(
        EventFilter filter, long? lastEventId, HttpResponse response, [EnumeratorCancellation] CancellationToken cancellationToken,
        Func<EventRecord, bool>? visible = null)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var token = stopping.Token;
        using var subscription = hub.Subscribe(filter, options.Value.SubscriberQueueCapacity);
        // The result has set the status and headers before it asks for the first item; the subscription exists, so
        // whatever the client does once it has the headers is seen.
        await response.Body.FlushAsync(token).ConfigureAwait(false);
        var last = lastEventId ?? long.MinValue;
        if (lastEventId is not null)
        {
            while (!token.IsCancellationRequested)
            {
                var page = store.ReadEvents(last, filter, ReplayPage);
                foreach (var e in page)
                {
                    last = e.Sequence;
                    if (visible is null || visible(e)) yield return Item(e);
                }
                if (page.Count < ReplayPage) break;
            }
        }
        while (!token.IsCancellationRequested)
        {
            var (next, ended) = await NextAsync(subscription, response, token).ConfigureAwait(false);
            if (ended)
            {
                if (subscription.Evicted)
                    yield return new SseItem<string>($$"""{"reason":"subscriber queue full","lastEventId":{{Math.Max(last, 0)}}}""", "evicted");
                yield break;
            }
            if (next is null) continue;
            if (next.Sequence == TransientEvents.Sequence)
            {
                if (visible is null || visible(next)) yield return Item(next);
                continue;
            }
            if (next.Sequence <= last) continue;
            last = next.Sequence;
            if (visible is null || visible(next)) yield return Item(next);
        }
    }

    /// <summary>The next live event; null after writing a keep-alive comment; ended when the queue closed or the server stops.</summary>
    private async Task<(EventRecord? Event, bool Ended)> NextAsync(EventHub.Subscription subscription, HttpResponse response, CancellationToken token)
    {
        if (subscription.Reader.TryRead(out var ready)) return (ready, false);
        using var idle = new CancellationTokenSource(options.Value.KeepAliveInterval, time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(token, idle.Token);
        try
        {
            if (!await subscription.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false)) return (null, true);
            return subscription.Reader.TryRead(out var e) ? (e, false) : (null, false);
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            // SseItem cannot express a comment, so the keep-alive goes straight to the body between two items,
            // where the formatter has already flushed the previous one.
            await response.Body.WriteAsync(KeepAlive, token).ConfigureAwait(false);
            await response.Body.FlushAsync(token).ConfigureAwait(false);
            return (null, false);
        }
        catch (OperationCanceledException)
        {
            return (null, true);
        }
    }

    public static SseItem<string> Item(EventRecord e)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + e.Data.Length);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("sequence", e.Sequence);
            json.WriteString("type", e.Type);
            if (e.TaskId is { } task) json.WriteString("taskId", task);
            if (e.Device is { } device) json.WriteString("device", device);
            json.WriteString("at", e.At);
            json.WritePropertyName("data");
            json.WriteRawValue(e.Data, skipInputValidation: true);
            json.WriteEndObject();
        }
        var item = new SseItem<string>(Encoding.UTF8.GetString(buffer.WrittenSpan), e.Type);
        return e.Sequence == TransientEvents.Sequence ? item : item with { EventId = e.Sequence.ToString() };
    }

    public static EventFilter Filter(Guid? task, string? device, string? types, string? tenant) => new(
        task, device,
        string.IsNullOrWhiteSpace(types) ? [] : [.. types.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        tenant);
}
