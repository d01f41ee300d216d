using System.Net.Http.Json;
using System.Text;
using Qonduit.Contracts.Consumers;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Consumers;

/// <summary>The consumer tree through the server: versions, users charged to leaves, and the Fair Tree report under decayed usage.</summary>
public sealed class ConsumersApiTests
{
    private const string Tree = """
        {"name": "root", "children": [
          {"name": "chem", "shares": 60, "children": [{"name": "alice"}, {"name": "bob"}]},
          {"name": "opt", "shares": 40, "children": [{"name": "carol"}]}]}
        """;

    private static Task<HttpResponseMessage> PutTreeAsync(HttpClient client, string tree) =>
        client.PutAsync("/v1/consumers", new StringContent(tree, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Before_any_tree_every_user_is_in_default_and_each_change_is_a_new_version_kept_in_history()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        Assert.Equal(0, (await host.Admin.GetFromJsonAsync<ConsumerTreeView>("/v1/consumers"))!.Version);
        Assert.Equal(["/default"], (await host.Admin.GetFromJsonAsync<List<FairShareRowView>>("/v1/consumers/fairshare"))!.Select(r => r.Path));

        await Expect.StatusAsync(await PutTreeAsync(host.Admin, Tree), 200);
        await Expect.StatusAsync(await PutTreeAsync(host.Admin, Tree.Replace("\"shares\": 40", "\"shares\": 50", StringComparison.Ordinal)), 200);

        var current = (await host.Admin.GetFromJsonAsync<ConsumerTreeView>("/v1/consumers"))!;
        Assert.Equal(2, current.Version);
        Assert.Equal(50, current.Tree.GetProperty("children")[1].GetProperty("shares").GetInt32());
        Assert.Equal([1L, 2L], (await host.Admin.GetFromJsonAsync<List<ConsumerTreeVersionView>>("/v1/consumers/history"))!.Select(v => v.Version));
    }

    [Theory]
    [InlineData("""{"name": "root", "children": [{"name": "a"}, {"name": "a"}]}""")]
    [InlineData("""{"name": "root", "children": [{"name": "a", "shares": -2}]}""")]
    [InlineData("""[1, 2]""")]
    public async Task A_bad_tree_is_refused_and_changes_nothing(string tree)
    {
        await using var host = await ControlPlaneHost.StartAsync();

        await Expect.ProblemAsync(await PutTreeAsync(host.Admin, tree), 400, "consumer.invalid-tree");

        Assert.Equal(0, (await host.Admin.GetFromJsonAsync<ConsumerTreeView>("/v1/consumers"))!.Version);
        await Expect.StatusAsync(await PutTreeAsync(host.Alice, Tree), 403);
    }

    [Fact]
    public async Task A_user_is_charged_to_a_leaf_and_the_report_reads_each_leafs_decayed_usage()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.StatusAsync(await PutTreeAsync(host.Admin, Tree), 200);
        await Expect.StatusAsync(await host.Admin.PutAsJsonAsync("/v1/users/alice/consumer", new AssignConsumerRequest("/chem/alice")), 204);
        await Expect.StatusAsync(await host.Admin.PutAsJsonAsync("/v1/users/bob/consumer", new AssignConsumerRequest("/opt/carol")), 204);
        await Expect.ProblemAsync(await host.Admin.PutAsJsonAsync("/v1/users/alice/consumer", new AssignConsumerRequest("/chem")), 400, "consumer.not-a-leaf");
        await Expect.ProblemAsync(await host.Admin.PutAsJsonAsync("/v1/users/nobody/consumer", new AssignConsumerRequest("/chem/bob")), 404, "auth.user-not-found");

        var now = host.Clock.GetUtcNow();
        // A task is charged to its user's consumer at submission.
        Assert.Equal("/opt/carol", host.Store.GetTask((await host.SubmitAsync(host.Bob)).Id)!.Consumer);
        // alice: 100 s that ended one half-life (7 days) ago count 50; carol: 600 s just now.
        await host.Store.WriteAsync(w =>
        {
            w.InsertTask(Finished("alice", "/chem/alice", now - TimeSpan.FromDays(7) - TimeSpan.FromSeconds(100), now - TimeSpan.FromDays(7)));
            w.InsertTask(Finished("bob", "/opt/carol", now - TimeSpan.FromSeconds(600), now));
            return 0;
        });

        var rows = (await host.Admin.GetFromJsonAsync<List<FairShareRowView>>("/v1/consumers/fairshare?recompute=1"))!.ToDictionary(r => r.Path);
        Assert.Equal(50, rows["/chem/alice"].RawUsage, 1e-6);
        Assert.Equal(600, rows["/opt/carol"].RawUsage, 1e-6);
        // /default (no usage: infinite LevelFS) comes first, then chem's unused bob, alice, and carol last.
        Assert.Null(rows["/chem/bob"].LevelFs);
        Assert.Equal([1.0, 0.75, 0.5, 0.25], new[] { "/default", "/chem/bob", "/chem/alice", "/opt/carol" }.Select(p => rows[p].FairShare!.Value));

        // The live tree with its report (sshare -l), and the report of another pool kind, where nobody has used anything.
        var tree = (await host.Admin.GetFromJsonAsync<ConsumerTreeView>("/v1/consumers?long=1"))!;
        Assert.Equal(rows.Values.Select(r => (r.Path, r.FairShare)), tree.FairShare!.Select(r => (r.Path, r.FairShare)));
        Assert.All((await host.Admin.GetFromJsonAsync<List<FairShareRowView>>("/v1/consumers/fairshare?kind=sim"))!, r => Assert.Equal(0, r.RawUsage));
        await Expect.ProblemAsync(await host.Admin.GetAsync("/v1/consumers/fairshare?kind=tape"), 400, "consumer.unknown-kind");
    }

    private static TaskRecord Finished(string tenant, string consumer, DateTimeOffset claimed, DateTimeOffset finished) => new()
    {
        Id = Guid.NewGuid(), Tenant = tenant, Consumer = consumer, Device = "line5", Dialect = "openqasm2", Circuit = Samples.Bell, Shots = 10, AdmittedSnapshotVersion = 1,
        CreatedAt = claimed, UpdatedAt = finished, ClaimedAt = claimed, FinishedAt = finished, State = Contracts.Tasks.TaskState.Completed, Owner = "a1",
    };
}
