using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Qonduit.Contracts.Consumers;
using Qonduit.Placement.FairShare;
using Qonduit.Server.Auth;
using Qonduit.Server.Problems;

namespace Qonduit.Server.Consumers;

/// <summary>
/// Admin: the consumer tree (docs/orchestration.md §3), every change a new version like device snapshots; the Fair Tree
/// report of the tree in force (`sshare -l`); and which leaf consumer each user is charged to.
/// </summary>
public static class ConsumersApi
{
    public static IServiceCollection AddConsumers(this IServiceCollection services) => services.AddSingleton<ConsumerPolicy>();

    public static IEndpointRouteBuilder MapConsumers(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1/consumers").RequireAuthorization(AuthSetup.Admins).WithTags("Consumers");
        admin.MapGet("", Get).WithName("getConsumers").WithSummary("the consumer tree in force (version 0: none set, every user in /default)");
        admin.MapPut("", Put).WithName("putConsumers").WithSummary("a new version of the consumer tree").ProducesProblem(400);
        admin.MapGet("/history", History).WithName("consumerHistory").WithSummary("every version of the consumer tree, oldest first");
        admin.MapGet("/fairshare", FairShare).WithName("consumerFairShare").WithSummary("the Fair Tree report of the tree in force under decayed usage (sshare -l)");
        app.MapPut("/v1/users/{name}/consumer", Assign).RequireAuthorization(AuthSetup.Admins).WithTags("Consumers").WithName("assignConsumer")
            .WithSummary("charge a user to a leaf consumer of the tree in force").ProducesProblem(400).ProducesProblem(404);
        return app;
    }

    private static Ok<ConsumerTreeView> Get(ConsumerPolicy policy) => TypedResults.Ok(View(policy));

    private static async Task<Ok<ConsumerTreeView>> Put(JsonElement tree, IControlPlaneStore store, ConsumerPolicy policy, HttpContext context, TimeProvider time)
    {
        var caller = Caller.From(context.User);
        var text = tree.GetRawText();
        try
        {
            ConsumerTreeJson.ReadTree(text);
        }
        catch (ConsumerTreeException e)
        {
            throw ControlPlaneException.BadRequest(e.Code, e.Message);
        }
        await store.WriteAsync(w => w.InsertConsumerTree(new ConsumerTreeRecord(0, text, time.GetUtcNow(), caller.User))).ConfigureAwait(false);
        return TypedResults.Ok(View(policy));
    }

    private static Ok<List<ConsumerTreeVersionView>> History(IControlPlaneStore store) =>
        TypedResults.Ok(store.ConsumerTreeHistory().Select(t => new ConsumerTreeVersionView(t.Version, t.CreatedAt, t.CreatedBy)).ToList());

    private static Ok<List<FairShareRowView>> FairShare(ConsumerPolicy policy) =>
        TypedResults.Ok(policy.Report().Select(r => new FairShareRowView(r.Path, r.Account, r.User, r.RawShares, r.NormShares, r.RawUsage, r.EffectiveUsage,
            double.IsFinite(r.LevelFs) ? r.LevelFs : null, r.FairShare)).ToList());

    private static async Task<NoContent> Assign(string name, AssignConsumerRequest request, IControlPlaneStore store, ConsumerPolicy policy)
    {
        var (tree, _) = policy.Current();
        if (request.Consumer is not { } consumer || !ConsumerPolicy.IsLeaf(tree, consumer))
            throw ControlPlaneException.BadRequest(ErrorCodes.Consumer.NotALeaf, $"'{request.Consumer}' is no leaf of the consumer tree in force");
        await store.WriteAsync(w =>
        {
            var user = w.GetUser(name) ?? throw ControlPlaneException.NotFound(ErrorCodes.Auth.UserNotFound, $"no user '{name}'");
            w.SaveUser(user with { Consumer = consumer });
            return 0;
        }).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static ConsumerTreeView View(ConsumerPolicy policy)
    {
        var (_, stored) = policy.Current();
        using var document = JsonDocument.Parse(stored?.TreeJson ?? ConsumerPolicy.EmptyTree);
        return new ConsumerTreeView(stored?.Version ?? 0, stored?.CreatedAt, stored?.CreatedBy, document.RootElement.Clone());
    }
}
