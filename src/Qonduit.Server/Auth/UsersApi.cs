using Microsoft.AspNetCore.Http.HttpResults;
using Qonduit.Contracts.Identity;
using Qonduit.Server.Problems;

namespace Qonduit.Server.Auth;

/// <summary>Admin: users, their keys (never secrets) and the agent ids bound to each agent key.</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1/users").RequireAuthorization(AuthSetup.Admins).WithTags("Administration");
        admin.MapGet("", List).WithName("listUsers").WithSummary("every user with its keys, by name");
        admin.MapGet("/{name}", Get).WithName("getUser").ProducesProblem(404);
        return app;
    }

    private static Ok<List<UserView>> List(IControlPlaneStore store) => TypedResults.Ok(Views(store, store.ListUsers()));

    private static Ok<UserView> Get(string name, IControlPlaneStore store) =>
        store.ListUsers().FirstOrDefault(u => u.Name == name) is { } user
            ? TypedResults.Ok(Views(store, [user])[0])
            : throw ControlPlaneException.NotFound(ErrorCodes.Auth.UserNotFound, $"no user '{name}'");

    private static List<UserView> Views(IControlPlaneStore store, IReadOnlyList<UserRecord> users)
    {
        var keys = store.ListKeys().ToLookup(k => k.User, StringComparer.Ordinal);
        var agents = store.ListAgents().Where(a => a.KeyId is not null).ToLookup(a => a.KeyId!, a => a.AgentId, StringComparer.Ordinal);
        return [.. users.Select(u => new UserView(u.Name, u.EffectiveConsumer, u.CreatedAt,
            [.. keys[u.Name].OrderBy(k => k.CreatedAt).ThenBy(k => k.Name, StringComparer.Ordinal).Select(k => KeysApi.View(k, [.. agents[k.Id]]))]))];
    }
}
