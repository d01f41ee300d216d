using System.Security.Claims;

namespace Qonduit.Server.Auth;

/// <summary>The authenticated key behind a request: its name is the tenant.</summary>
public sealed record Caller(string KeyId, string Name, ApiKeyRole Role)
{
    public bool IsAdmin => Role == ApiKeyRole.Admin;

    /// <summary>The tenant a listing is restricted to: none for an admin.</summary>
    public string? TenantScope => IsAdmin ? null : Name;

    public bool CanSee(string tenant) => IsAdmin || tenant == Name;

    public static Caller From(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
        user.FindFirstValue(ClaimTypes.Name) ?? "",
        ApiKeys.ParseRole(user.FindFirstValue(ClaimTypes.Role) ?? ""));
}
