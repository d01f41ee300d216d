using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Qonduit.Server.Auth;

/// <summary>API-key authentication, one policy per audience, and a fallback that makes every endpoint need a key.</summary>
public static class AuthSetup
{
    /// <summary>Users and admins: submit, read and cancel tasks.</summary>
    public const string Submitters = "submitters";
    public const string Agents = "agents";
    public const string Admins = "admins";

    /// <summary>Any valid key.</summary>
    public const string Anyone = "anyone";

    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Submitters, p => p.RequireRole(ApiKeyRoles.User, ApiKeyRoles.Admin))
            .AddPolicy(Agents, p => p.RequireRole(ApiKeyRoles.Agent))
            .AddPolicy(Admins, p => p.RequireRole(ApiKeyRoles.Admin))
            .AddPolicy(Anyone, p => p.RequireAuthenticatedUser())
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddSingleton<AdminKeyBootstrap>().AddHostedService(sp => sp.GetRequiredService<AdminKeyBootstrap>());
        return services;
    }
}
