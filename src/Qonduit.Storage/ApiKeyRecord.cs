using System.Text.Json.Serialization;

namespace Qonduit.Storage;

/// <summary>
/// A stored API key: only the SHA-256 of the secret is kept. <see cref="Name"/> names the key (unique among active keys);
/// <see cref="User"/> is the user it belongs to, the tenant of what it submits.
/// </summary>
public sealed record ApiKeyRecord(
    string Id,
    string Name,
    string User,
    ApiKeyRole Role,
    string Hash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt = null)
{
    public bool IsActive => RevokedAt is null;
}

[JsonConverter(typeof(JsonStringEnumConverter<ApiKeyRole>))]
public enum ApiKeyRole
{
    [JsonStringEnumMemberName("user")] User,
    [JsonStringEnumMemberName("agent")] Agent,
    [JsonStringEnumMemberName("admin")] Admin,
}

public static class ApiKeyRoles
{
    public const string User = "user";
    public const string Agent = "agent";
    public const string Admin = "admin";

    public static string Name(this ApiKeyRole role) => role switch
    {
        ApiKeyRole.User => User,
        ApiKeyRole.Agent => Agent,
        _ => Admin,
    };

    /// <summary>A role by its name, ignoring case and surrounding blanks; the server refuses an unknown one with `auth.unknown-role`.</summary>
    public static bool TryParse(string text, out ApiKeyRole role)
    {
        ArgumentNullException.ThrowIfNull(text);
        (var known, role) = text.Trim().ToLowerInvariant() switch
        {
            User => (true, ApiKeyRole.User),
            Agent => (true, ApiKeyRole.Agent),
            Admin => (true, ApiKeyRole.Admin),
            _ => (false, default(ApiKeyRole)),
        };
        return known;
    }
}
