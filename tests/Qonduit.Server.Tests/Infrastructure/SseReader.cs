using System.Net.ServerSentEvents;

namespace Qonduit.Server.Tests.Infrastructure;

/// <summary>An open `/v1/events` response read item by item.</summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly IAsyncEnumerator<SseItem<string>> _items;

    private SseReader(HttpResponseMessage response, Stream stream)
    {
        _response = response;
        _items = SseParser.Create(stream).EnumerateAsync().GetAsyncEnumerator();
    }

    public static async Task<SseReader> OpenAsync(HttpClient client, string path, long? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is { } id) request.Headers.Add("Last-Event-ID", id.ToString());
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await Expect.StatusAsync(response, 200);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseReader(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next item, or null when the server ended the stream.</summary>
    public async Task<SseItem<string>?> NextAsync()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
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
        _response.Dispose();
        try
        {
            await _items.DisposeAsync();
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // the response is gone already
        }
    }
}
