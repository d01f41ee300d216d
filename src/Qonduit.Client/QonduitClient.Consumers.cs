using System.Net.Http.Json;
using System.Text.Json;
using Qonduit.Contracts.Consumers;

namespace Qonduit.Client;

/// <summary>Consumers and fair share (docs/orchestration.md §3), admin only: the versioned tree, users' leaves, the Fair Tree report.</summary>
public sealed partial class QonduitClient
{
    /// <summary>The consumer tree in force (version 0 before any was set).</summary>
    public Task<ConsumerTreeView> GetConsumerTreeAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/consumers", Json.ConsumerTreeView, cancellationToken);

    /// <summary>Sets a new version of the tree, `{name, shares?, pools?, children?}` nested; a bad one is `consumer.invalid-tree`.</summary>
    public Task<ConsumerTreeView> SetConsumerTreeAsync(JsonElement tree, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, "v1/consumers", tree, Json.JsonElement, Json.ConsumerTreeView, cancellationToken);

    public Task<List<ConsumerTreeVersionView>> GetConsumerTreeHistoryAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/consumers/history", Json.ListConsumerTreeVersionView, cancellationToken);

    /// <summary>The Fair Tree report of the tree in force under the decayed usage (`sshare -l` columns), in the walk's order.</summary>
    /// <param name="kind">The pool kind whose usage the report reads: qpu, sim, cpu or gpu.</param>
    /// <param name="recompute">Recompute from usage now rather than read the server's last standing.</param>
    public Task<List<FairShareRowView>> GetFairShareAsync(string kind = "qpu", bool recompute = false, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v1/consumers/fairshare?kind={Uri.EscapeDataString(kind)}{(recompute ? "&recompute=1" : "")}", Json.ListFairShareRowView, cancellationToken);

    /// <summary>Charges <paramref name="user"/> to a leaf of the tree in force (`consumer.not-a-leaf` otherwise).</summary>
    public async Task AssignConsumerAsync(string user, string consumer, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Put, $"v1/users/{Uri.EscapeDataString(user)}/consumer");
        request.Content = JsonContent.Create(new AssignConsumerRequest(consumer), Json.AssignConsumerRequest);
        using var answer = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(answer, cancellationToken).ConfigureAwait(false);
    }
}
