using Qonduit.Contracts.Resources;

namespace Qonduit.Client;

/// <summary>Resources of every kind (QPU devices, agents' pools) with their load indices; an unknown name is `resource.not-found` with suggestions.</summary>
public sealed partial class QonduitClient
{
    /// <summary>Every QPU device, then every pool agents declare, each with its kind, lanes or slots, state and load indices.</summary>
    public Task<List<ResourceView>> ListResourcesAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v1/resources", Json.ListResourceView, cancellationToken);

    /// <summary>One resource by name (a device before a pool of the same name).</summary>
    public Task<ResourceView> GetResourceAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v1/resources/{Uri.EscapeDataString(name)}", Json.ResourceView, cancellationToken);
}
