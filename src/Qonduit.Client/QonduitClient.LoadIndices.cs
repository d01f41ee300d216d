using Qonduit.Contracts.Resources;

namespace Qonduit.Client;

/// <summary>Load indices (docs/orchestration.md §1): the declared catalogue, values pushed for a resource, and their history.</summary>
public sealed partial class QonduitClient
{
    /// <summary>Declares a load index or replaces its declaration (admin); a built-in name is `loadindex.built-in`.</summary>
    public Task<LoadIndexDeclarationView> DeclareLoadIndexAsync(string name, DeclareLoadIndexRequest declaration, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"v1/loadindices/{Uri.EscapeDataString(name)}", declaration, Json.DeclareLoadIndexRequest, Json.LoadIndexDeclarationView, cancellationToken);

    /// <summary>The built-in and declared indices, with the catalogue's version.</summary>
    public Task<LoadIndexCatalogView> ListLoadIndicesAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/loadindices", Json.LoadIndexCatalogView, cancellationToken);

    /// <summary>Pushes ELIM lines for a resource (agent or admin key); <paramref name="seq"/> must be greater than the last accepted one (`loadindex.stale-sequence`).</summary>
    public Task<PushLoadIndicesResponse> PushLoadIndicesAsync(string resource, long seq, IReadOnlyList<string> lines, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"v1/resources/{Uri.EscapeDataString(resource)}/indices", new PushLoadIndicesRequest(seq, lines),
            Json.PushLoadIndicesRequest, Json.PushLoadIndicesResponse, cancellationToken);

    /// <summary>The last samples (at most 360, oldest first) the server kept of one reported index of a resource.</summary>
    public Task<LoadIndexHistoryView> GetLoadIndexHistoryAsync(string resource, string index, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v1/resources/{Uri.EscapeDataString(resource)}/indices/{Uri.EscapeDataString(index)}/history",
            Json.LoadIndexHistoryView, cancellationToken);
}
