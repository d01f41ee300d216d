using System.Security.Claims;

namespace Qonduit.Server.Auth;

/// <summary>
/// The authenticated key behind a request: <see cref="Name"/> is the key's (what audit fields record as `by`),
/// <see cref="User"/> its user, the tenant, so every key of one user sees the same tasks and leases.
/// </summary>
public sealed record Caller(string KeyId, string Name, ApiKeyRole Role, string User)
{
    public const string UserClaim = "qonduit:user";

    public bool IsAdmin => Role == ApiKeyRole.Admin;

    /// <summary>The tenant a listing is restricted to: none for an admin.</summary>
    public string? TenantScope => IsAdmin ? null : User;

    public bool CanSee(string tenant) => IsAdmin || tenant == User;

    public static Caller From(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
        user.FindFirstValue(ClaimTypes.Name) ?? "",
        ApiKeys.ParseRole(user.FindFirstValue(ClaimTypes.Role) ?? ""),
        user.FindFirstValue(UserClaim) ?? "");
}
