using System.Text.Json.Serialization;

namespace Qonduit.Server.Auth;

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

    public static ApiKeyRole Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        User => ApiKeyRole.User,
        Agent => ApiKeyRole.Agent,
        Admin => ApiKeyRole.Admin,
        _ => throw new RefusedException(ErrorCodes.Auth.UnknownRole, $"unknown role '{text}' (user, agent or admin)", Origins.Admin),
    };
}
