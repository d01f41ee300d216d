using Qonduit.Server.Auth;
using Qonduit.Server.Problems;

namespace Qonduit.Server.Tasks;

/// <summary>
/// The task routes are constrained to GUIDs so their handlers bind a typed id; without these endpoints a malformed id
/// (`/v1/tasks/abc`) would fall through to the router's generic `http.not-found`. A client cannot tell a malformed id
/// from an unknown one any better than the server can, so both answer `task.not-found`.
/// </summary>
public static class MalformedTaskIds
{
    // Literal segments, not a regex parameter: the method matcher runs before route constraints, so `{operation:regex}`
    // would turn GET of any unknown path below a task into a 405.
    private static readonly string[] Operations = ["cancel", "running", "completed", "failed", "requeue", "force-fail"];

    public static IEndpointRouteBuilder MapMalformedTaskIds(this IEndpointRouteBuilder app)
    {
        // Route precedence puts `{id:guid}` ahead of `{id}`, so a GUID never reaches these.
        var malformed = app.MapGroup("/v1/tasks/{id}").RequireAuthorization(AuthSetup.Anyone).ExcludeFromDescription();
        malformed.MapGet("", NotFound);
        malformed.MapGet("/result", NotFound);
        foreach (var operation in Operations) malformed.MapPost("/" + operation, NotFound);
        return app;
    }

    private static IResult NotFound(string id) => throw ControlPlaneException.NotFound(ErrorCodes.Task.NotFound, $"no task '{id}' (task ids are GUIDs)");
}
