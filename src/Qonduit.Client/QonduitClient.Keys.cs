using Qonduit.Contracts.Identity;

namespace Qonduit.Client;

/// <summary>API keys: an admin creates them, anyone lists and revokes its own; refusals carry `auth.*` codes (`auth.last-admin-key`, `auth.key-not-found`, ...).</summary>
public sealed partial class QonduitClient
{
    /// <summary>Admin: a new key; the answer holds its secret, which the server never shows again.</summary>
    public Task<CreatedKeyView> CreateKeyAsync(CreateKeyRequest key, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "v1/keys", key, Json.CreateKeyRequest, Json.CreatedKeyView, cancellationToken);

    /// <summary>The caller's own user's keys, or an admin's view of every key (of <paramref name="user"/> only when given); revoked keys included, secrets never.</summary>
    public Task<List<KeyView>> ListKeysAsync(string? user = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, user is null ? "v1/keys" : $"v1/keys?user={Uri.EscapeDataString(user)}", Json.ListKeyView, cancellationToken);

    /// <summary>Revokes an active key by id or name; requests with it are refused from the next one on. Returns the revoked key.</summary>
    public Task<KeyView> RevokeKeyAsync(string idOrName, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"v1/keys/{Uri.EscapeDataString(idOrName)}", Json.KeyView, cancellationToken);
}
