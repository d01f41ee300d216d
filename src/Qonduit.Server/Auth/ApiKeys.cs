using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Qonduit.Server.Problems;

namespace Qonduit.Server.Auth;

/// <summary>
/// Issues and revokes API keys. A key is `qk_` + 32 random bytes (base64url); the store keeps only its SHA-256,
/// which is enough because the secret has 256 bits of entropy (no salt or slow hash needed against guessing).
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "qk_";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Creates a key that is its own user (the user of the key's name); see the overload with a user.</summary>
    public static Task<(ApiKeyRecord Record, string Secret)> CreateAsync(
        IControlPlaneStore store, string name, ApiKeyRole role, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        CreateAsync(store, name, role, now, user: null, change: null, cancellationToken);

    /// <summary>
    /// Creates a key of <paramref name="user"/> (the key's own name when null, so a key made without one is its own
    /// user), creating the user on its first key, and records `key.created`; returns the record and the secret, which is
    /// shown once and never stored.
    /// </summary>
    public static async Task<(ApiKeyRecord Record, string Secret)> CreateAsync(
        IControlPlaneStore store, string name, ApiKeyRole role, DateTimeOffset now, string? user, KeyChange? change = null, CancellationToken cancellationToken = default)
    {
        if (!IsPrintableName(name))
            throw new RefusedException(ErrorCodes.Auth.InvalidKeyName, "a key name is 1 to 100 printable characters", Origins.Admin);
        user ??= name;
        if (!IsPrintableName(user))
            throw new RefusedException(ErrorCodes.Auth.InvalidUserName, "a user name is 1 to 100 printable characters", Origins.Admin);
        var secret = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var record = new ApiKeyRecord("key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), name, user, role, Hash(secret), now);
        await store.WriteAsync(w =>
        {
            if (w.FindActiveKey(name) is not null)
                throw new RefusedException(ErrorCodes.Auth.KeyExists, $"an active key named '{name}' exists; revoke it first");
            if (w.GetUser(user) is null) w.SaveUser(new UserRecord(user, null, now));
            w.InsertKey(record);
            w.Append(Event(EventTypes.KeyCreated, record, change), now);
            return 0;
        }, change?.Committed, cancellationToken).ConfigureAwait(false);
        return (record, secret);
    }

    private static bool IsPrintableName(string name) => !string.IsNullOrWhiteSpace(name) && name.Length <= 100 && !name.Any(char.IsControl);

    /// <summary>Revokes the active key with this name or id, whoever's it is; see the overload with an owner.</summary>
    public static Task<ApiKeyRecord> RevokeAsync(IControlPlaneStore store, string nameOrId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        RevokeAsync(store, nameOrId, now, ofUser: null, change: null, cancellationToken);

    /// <summary>
    /// Revokes the active key with this name or id; requests with it are refused from then on (every request looks its
    /// key up in the store), and records `key.revoked`. With <paramref name="ofUser"/> only that user's key is found:
    /// another user's is as unknown as a key that does not exist. The last active admin key is never revoked, so the
    /// server always has an administrator.
    /// </summary>
    public static Task<ApiKeyRecord> RevokeAsync(
        IControlPlaneStore store, string nameOrId, DateTimeOffset now, string? ofUser, KeyChange? change = null, CancellationToken cancellationToken = default) =>
        store.WriteAsync(w =>
        {
            var key = w.FindActiveKey(nameOrId) is { } found && (ofUser is null || found.User == ofUser)
                ? found
                : throw new RefusedException(ErrorCodes.Auth.KeyNotFound, $"no active key named or with id '{nameOrId}'{(ofUser is null ? "" : $" of user '{ofUser}'")}");
            if (key.Role == ApiKeyRole.Admin && w.CountActiveKeys(ApiKeyRole.Admin) <= 1)
                throw new RefusedException(ErrorCodes.Auth.LastAdminKey,
                    $"'{key.Name}' is the only active admin key; create another admin key before revoking it", Origins.Admin);
            var revoked = key with { RevokedAt = now };
            w.SaveKey(revoked);
            w.Append(Event(EventTypes.KeyRevoked, revoked, change), now);
            return revoked;
        }, change?.Committed, cancellationToken).AsTask();

    private static NewEvent Event(string type, ApiKeyRecord key, KeyChange? change) =>
        new(type, null, null, null, JsonSerializer.Serialize(new { keyId = key.Id, name = key.Name, user = key.User, role = key.Role.Name(), by = change?.By }, Json));

    public static ApiKeyRole ParseRole(string text) => ApiKeyRoles.TryParse(text, out var role)
        ? role
        : throw ControlPlaneException.BadRequest(ErrorCodes.Auth.UnknownRole, $"unknown role '{text}' (user, agent or admin)", Origins.Admin);
}

/// <summary>
/// Who changes a key and where its event goes once committed: <see cref="By"/> is the calling key's name (null for
/// the server's own keys and offline `--db` changes); <see cref="Committed"/> publishes to live streams (the server's
/// event hub; offline, readers find the event when they replay from the store).
/// </summary>
public sealed record KeyChange(string? By, Action<IReadOnlyList<EventRecord>>? Committed = null);
