using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Qonduit.Contracts.Consumers;
using Qonduit.Placement.FairShare;
using Qonduit.Server.Auth;
using Qonduit.Server.Events;
using Qonduit.Server.Problems;

namespace Qonduit.Server.Consumers;

/// <summary>
/// Admin: the consumer tree (docs/orchestration.md §3), every change a new version like device snapshots; the Fair Tree
/// report of the tree in force (`sshare -l`) per pool kind; and which leaf consumer each user is charged to. A change
/// of the tree or of a user's consumer is recorded as an event (`consumer.tree-changed`, `consumer.assigned`) and
/// recomputes fair share at once.
/// </summary>
public static class ConsumersApi
{
    public static IServiceCollection AddConsumers(this IServiceCollection services) => services
        .AddSingleton<ConsumerPolicy>()
        .AddSingleton<FairShareBoard>()
        .AddSingleton<ConsumerCaps>()
        .AddSingleton<ClaimOrdering>()
        .AddSingleton<ReclaimMonitor>()
        .AddHostedService<FairShareRecompute>()
        .AddHostedService(s => s.GetRequiredService<ReclaimMonitor>());

    public static IEndpointRouteBuilder MapConsumers(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1/consumers").RequireAuthorization(AuthSetup.Admins).WithTags("Consumers");
        admin.MapGet("", Get).WithName("getConsumers")
            .WithSummary("the consumer tree in force (version 0: none set, every user in /default); with long=1 also its Fair Tree report (sshare -l)")
            .ProducesProblem(400);
        admin.MapPut("", Put).WithName("putConsumers").WithSummary("a new version of the consumer tree").ProducesProblem(400);
        admin.MapGet("/history", History).WithName("consumerHistory").WithSummary("every version of the consumer tree, oldest first");
        admin.MapGet("/fairshare", FairShare).WithName("consumerFairShare")
            .WithSummary("the Fair Tree report of the tree in force under decayed usage in one pool kind (sshare -l); recompute=1 recomputes it first")
            .ProducesProblem(400);
        app.MapPut("/v1/users/{name}/consumer", Assign).RequireAuthorization(AuthSetup.Admins).WithTags("Consumers").WithName("assignConsumer")
            .WithSummary("charge a user to a leaf consumer of the tree in force").ProducesProblem(400).ProducesProblem(404);
        return app;
    }

    private static Ok<ConsumerTreeView> Get(ConsumerPolicy policy, FairShareBoard board, int? @long, string? kind)
    {
        var view = View(policy);
        return TypedResults.Ok(@long == 1 ? view with { FairShare = Rows(board.Standing, KindOf(kind)) } : view);
    }

    private static async Task<Ok<ConsumerTreeView>> Put(JsonElement tree, IControlPlaneStore store, ConsumerPolicy policy, FairShareBoard board, EventHub hub,
        HttpContext context, TimeProvider time)
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
        await store.WriteAsync(w =>
        {
            var now = time.GetUtcNow();
            var stored = w.InsertConsumerTree(new ConsumerTreeRecord(0, text, now, caller.User));
            w.Append(new NewEvent(EventTypes.ConsumerTreeChanged, null, null, null,
                JsonSerializer.Serialize(new { version = stored.Version, by = caller.User })), now);
            return 0;
        }, hub.Publish).ConfigureAwait(false);
        policy.Changed();
        board.Recompute();
        return TypedResults.Ok(View(policy));
    }

    private static Ok<List<ConsumerTreeVersionView>> History(IControlPlaneStore store) =>
        TypedResults.Ok(store.ConsumerTreeHistory().Select(t => new ConsumerTreeVersionView(t.Version, t.CreatedAt, t.CreatedBy)).ToList());

    private static Ok<List<FairShareRowView>> FairShare(FairShareBoard board, string? kind, int? recompute) =>
        TypedResults.Ok(Rows(recompute == 1 ? board.Recompute() : board.Standing, KindOf(kind)));

    private static async Task<NoContent> Assign(string name, AssignConsumerRequest request, IControlPlaneStore store, ConsumerPolicy policy, FairShareBoard board,
        EventHub hub, HttpContext context, TimeProvider time)
    {
        var (tree, _) = policy.Current();
        if (request.Consumer is not { } consumer || !ConsumerPolicy.IsLeaf(tree, consumer))
            throw ControlPlaneException.BadRequest(ErrorCodes.Consumer.NotALeaf, $"'{request.Consumer}' is no leaf of the consumer tree in force");
        var by = Caller.From(context.User).User;
        await store.WriteAsync(w =>
        {
            var user = w.GetUser(name) ?? throw ControlPlaneException.NotFound(ErrorCodes.Auth.UserNotFound, $"no user '{name}'");
            w.SaveUser(user with { Consumer = consumer });
            w.Append(new NewEvent(EventTypes.ConsumerAssigned, null, null, null, JsonSerializer.Serialize(new { user = name, consumer, by })), time.GetUtcNow());
            return 0;
        }, hub.Publish).ConfigureAwait(false);
        policy.Changed();
        board.Recompute();
        return TypedResults.NoContent();
    }

    private static string KindOf(string? kind)
    {
        if (kind is null) return "qpu";
        return FairShareBoard.Kinds.Contains(kind) ? kind
            : throw ControlPlaneException.BadRequest(ErrorCodes.Consumer.UnknownKind, $"'{kind}' is no pool kind; kinds: {string.Join(", ", FairShareBoard.Kinds)}");
    }

    private static List<FairShareRowView> Rows(FairShareStanding standing, string kind) =>
        [.. standing.Reports[kind].Select(r => new FairShareRowView(r.Path, r.Account, r.User, r.RawShares, r.NormShares, r.RawUsage, r.EffectiveUsage,
            double.IsFinite(r.LevelFs) ? r.LevelFs : null, r.FairShare))];

    private static ConsumerTreeView View(ConsumerPolicy policy)
    {
        var (_, stored) = policy.Current();
        using var document = JsonDocument.Parse(stored?.TreeJson ?? ConsumerPolicy.EmptyTree);
        return new ConsumerTreeView(stored?.Version ?? 0, stored?.CreatedAt, stored?.CreatedBy, document.RootElement.Clone());
    }
}
