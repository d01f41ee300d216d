using Qonduit.Contracts.Artifacts;

namespace Qonduit.Client;

/// <summary>Artifacts: immutable bytes addressed by their SHA-256 (docs/architecture.md "Artifacts"); another tenant's is `artifact.not-found`.</summary>
public sealed partial class QonduitClient
{
    /// <summary>Stores <paramref name="content"/> (streamed, not buffered) with its media type and, optionally, the step that produced it.</summary>
    public async Task<ArtifactView> PutArtifactAsync(Stream content, string mediaType, ArtifactProducerView? producer = null, CancellationToken cancellationToken = default)
    {
        var parts = new List<string>();
        if (producer?.Run is { } run) parts.Add("run=" + Uri.EscapeDataString(run));
        if (producer?.Node is { } node) parts.Add("node=" + Uri.EscapeDataString(node));
        if (producer?.Attempt is { } attempt) parts.Add("attempt=" + attempt);
        using var request = Request(HttpMethod.Post, "v1/artifacts" + (parts.Count > 0 ? "?" + string.Join('&', parts) : ""));
        request.Content = new StreamContent(content);
        // Without validation: the server says what is wrong with a media type, with its code.
        request.Content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        return await ReadAsync(request, Json.ArtifactView, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The artifact's record.</summary>
    public Task<ArtifactView> GetArtifactAsync(string digest, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v1/artifacts/{Uri.EscapeDataString(digest)}/meta", Json.ArtifactView, cancellationToken);

    /// <summary>Copies the artifact's bytes to <paramref name="destination"/> as they arrive; returns its media type.</summary>
    public async Task<string?> DownloadArtifactAsync(string digest, Stream destination, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Get, $"v1/artifacts/{Uri.EscapeDataString(digest)}");
        using var answer = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(answer, cancellationToken).ConfigureAwait(false);
        await answer.Content.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        return answer.Content.Headers.ContentType?.ToString();
    }

    /// <summary>A page of the caller's artifacts in digest order; <paramref name="cursor"/> is the previous page's NextCursor.</summary>
    public Task<ArtifactPage> ListArtifactsAsync(string? run = null, string? cursor = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var parts = new List<string>();
        if (run is not null) parts.Add("run=" + Uri.EscapeDataString(run));
        if (cursor is not null) parts.Add("cursor=" + Uri.EscapeDataString(cursor));
        if (limit is { } size) parts.Add("limit=" + size);
        return SendAsync(HttpMethod.Get, "v1/artifacts" + (parts.Count > 0 ? "?" + string.Join('&', parts) : ""), Json.ArtifactPage, cancellationToken);
    }
}
