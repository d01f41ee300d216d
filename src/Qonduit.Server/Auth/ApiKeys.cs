using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Qonduit.Server.Problems;

namespace Qonduit.Server.Auth;

/// <summary>
/// Issues and revokes API keys. A key is `qk_` + 32 random bytes (base64url); the store keeps only its SHA-256,
/// which is enough because the secret has 256 bits of entropy (no salt or slow hash needed against guessing).
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "qk_";

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Creates a key and returns its record and the secret, which is shown once and never stored.</summary>
    public static async Task<(ApiKeyRecord Record, string Secret)> CreateAsync(
        IControlPlaneStore store, string name, ApiKeyRole role, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100 || name.Any(char.IsControl))
            throw ControlPlaneException.BadRequest(ErrorCodes.Auth.InvalidKeyName, "a key name is 1 to 100 printable characters", Origins.Admin);
        var secret = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var record = new ApiKeyRecord("key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), name, role, Hash(secret), now);
        await store.WriteAsync(w =>
        {
            if (w.FindActiveKey(name) is not null)
                throw ControlPlaneException.Conflict(ErrorCodes.Auth.KeyExists, $"an active key named '{name}' exists; revoke it first");
            w.InsertKey(record);
            return 0;
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return (record, secret);
    }

    /// <summary>Revokes the active key with this name or id; requests with it are refused from then on.</summary>
    public static Task<ApiKeyRecord> RevokeAsync(IControlPlaneStore store, string nameOrId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        store.WriteAsync(w =>
        {
            var key = w.FindActiveKey(nameOrId)
                ?? throw ControlPlaneException.NotFound(ErrorCodes.Auth.KeyNotFound, $"no active key named or with id '{nameOrId}'");
            var revoked = key with { RevokedAt = now };
            w.SaveKey(revoked);
            return revoked;
        }, cancellationToken: cancellationToken).AsTask();

    public static ApiKeyRole ParseRole(string text) => ApiKeyRoles.TryParse(text, out var role)
        ? role
        : throw ControlPlaneException.BadRequest(ErrorCodes.Auth.UnknownRole, $"unknown role '{text}' (user, agent or admin)", Origins.Admin);
}
