using System.Net.ServerSentEvents;
using Qonduit.Server.Events;

namespace Qonduit.Server.Tests.Infrastructure;

/// <summary>
/// An open `/v1/events` request read item by item. Opening waits until the subscription exists (events published
/// from then on reach it).
/// </summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly Task<HttpResponseMessage> _response;
    private IAsyncEnumerator<SseItem<string>>? _items;

    private SseReader(Task<HttpResponseMessage> response) => _response = response;

    public static async Task<SseReader> OpenAsync(ControlPlaneHost host, HttpClient client, string path, long? lastEventId = null)
    {
        var hub = host.Get<EventHub>();
        var before = hub.SubscriberCount;
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is { } id) request.Headers.Add("Last-Event-ID", id.ToString());
        var reader = new SseReader(client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead));
        await Eventually.TrueAsync(() => hub.SubscriberCount > before || reader._response.IsCompleted, "the subscription");
        return reader;
    }

    /// <summary>The next item, or null when the server ended the stream.</summary>
    public async Task<SseItem<string>?> NextAsync()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        if (_items is null)
        {
            var response = await _response.WaitAsync(guard.Token);
            await Expect.StatusAsync(response, 200);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            _items = SseParser.Create(await response.Content.ReadAsStreamAsync()).EnumerateAsync().GetAsyncEnumerator();
        }
        return await _items.MoveNextAsync().AsTask().WaitAsync(guard.Token) ? _items.Current : null;
    }

    public async Task<List<SseItem<string>>> TakeAsync(int count)
    {
        var items = new List<SseItem<string>>();
        while (items.Count < count) items.Add(await NextAsync() ?? throw new InvalidOperationException("stream ended early"));
        return items;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_items is not null) await _items.DisposeAsync();
            if (_response.IsCompletedSuccessfully) (await _response).Dispose();
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // the response is gone already
        }
    }
}
