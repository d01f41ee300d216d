using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Qonduit.Contracts.Identity;
using Qonduit.Server.Events;
using Qonduit.Server.Problems;

namespace Qonduit.Server.Auth;

/// <summary>
/// API keys over HTTP. Only an admin creates keys, for any user and role: a key that could mint keys would outlive its
/// own revocation (whoever stole it keeps the keys it made), so users do not create their own. A user lists and revokes
/// its own keys (revoking the one it calls with included: the next request with it is refused); an admin any key but
/// the last active admin key. Secrets are shown once, in the answer to create. Each change is a `key.created` or
/// `key.revoked` event naming the calling key, on admins' event streams.
/// </summary>
public static class KeysApi
{
    public static IEndpointRouteBuilder MapKeys(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/v1/keys").WithTags("Administration");
        keys.MapPost("", Create).RequireAuthorization(AuthSetup.Admins).WithName("createKey")
            .WithSummary("admin: a key of a user (created with its first key); the answer holds the secret, shown this once")
            .ProducesProblem(400).ProducesProblem(409);
        keys.MapGet("", List).RequireAuthorization(AuthSetup.Submitters).WithName("listKeys")
            .WithSummary("an admin's: every key, or one user's with ?user=; a user's: its own; never secrets").ProducesProblem(403);
        keys.MapDelete("/{key}", Revoke).RequireAuthorization(AuthSetup.Submitters).WithName("revokeKey")
            .WithSummary("revoke an active key by id or name: an admin's any (but the last admin key), a user's its own")
            .ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    private static async Task<Created<CreatedKeyView>> Create(
        CreateKeyRequest? request, HttpContext context, IControlPlaneStore store, EventHub hub, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request?.Role is not { } roleName)
            throw ControlPlaneException.BadRequest(ErrorCodes.Auth.UnknownRole, "give the key a role: user, agent or admin", Origins.Admin);
        var role = ApiKeys.ParseRole(roleName);
        var user = request.User ?? request.Name
            ?? throw ControlPlaneException.BadRequest(ErrorCodes.Auth.KeyUnnamed, "name the key or its user (or both)", Origins.Admin);
        // Names are unique among active keys, so an unnamed key gets a suffix no other key of its user is likely to have.
        var name = request.Name ?? $"{user}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        var change = new KeyChange(Caller.From(context.User).Name, hub.Publish);
        var (record, secret) = await ApiKeys.CreateAsync(store, name, role, time.GetUtcNow(), user, change, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/v1/keys?user={Uri.EscapeDataString(record.User)}",
            new CreatedKeyView(record.Id, record.Name, record.User, record.Role.Name(), secret, record.CreatedAt));
    }

    private static Ok<List<KeyView>> List(string? user, HttpContext context, IControlPlaneStore store)
    {
        var caller = Caller.From(context.User);
        if (!caller.IsAdmin && user is not null && user != caller.User)
            throw new ControlPlaneException(StatusCodes.Status403Forbidden, ErrorCodes.Auth.Forbidden, Origins.Protocol,
                $"a user key lists only its own user's keys ('{caller.User}'), not '{user}'s");
        var only = caller.TenantScope ?? user;
        var agents = store.ListAgents().Where(a => a.KeyId is not null).ToLookup(a => a.KeyId!, a => a.AgentId, StringComparer.Ordinal);
        return TypedResults.Ok(store.ListKeys()
            .Where(k => only is null || k.User == only)
            .OrderBy(k => k.CreatedAt).ThenBy(k => k.Name, StringComparer.Ordinal)
            .Select(k => View(k, [.. agents[k.Id]]))
            .ToList());
    }

    private static async Task<Ok<KeyView>> Revoke(
        string key, HttpContext context, IControlPlaneStore store, EventHub hub, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User);
        var revoked = await ApiKeys.RevokeAsync(store, key, time.GetUtcNow(), caller.TenantScope, new KeyChange(caller.Name, hub.Publish), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(View(revoked, []));
    }

    public static KeyView View(ApiKeyRecord key, IReadOnlyList<string> agentIds) =>
        new(key.Id, key.Name, key.Role.Name(), key.User, key.CreatedAt, key.RevokedAt, agentIds);
}
