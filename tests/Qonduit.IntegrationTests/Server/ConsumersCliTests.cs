namespace Qonduit.IntegrationTests.Server;

/// <summary>An administrator sets the consumer tree, charges users to leaves and reads the Fair Tree report, with the CLI against `qonduit serve`.</summary>
public sealed class ConsumersCliTests
{
    [Fact]
    public async Task An_admin_sets_the_tree_assigns_a_user_and_reads_the_fairshare_report_and_history()
    {
        var home = Directory.CreateTempSubdirectory("qonduit-consumers-").FullName;
        await using var server = await ServeProcess.StartAsync(Path.Combine(home, "q.db"), "--embedded-agent", "0");
        var cli = new ServeCli(server.Url.ToString(), (await File.ReadAllTextAsync(Path.Combine(home, "admin.key"))).Trim());
        await server.CreateKeyAsync("alice", Qonduit.Storage.ApiKeyRole.User);
        var tree = Path.Combine(home, "tree.json");
        await File.WriteAllTextAsync(tree, """
            {"name": "root", "children": [
              {"name": "chem", "shares": 60, "children": [{"name": "alice"}, {"name": "bob"}]},
              {"name": "opt", "shares": 40, "children": [{"name": "carol"}]}]}
            """);

        Assert.Equal("consumer tree v1", cli.Ok("consumers", "set", tree).Trim());
        Assert.Equal("alice → /chem/alice", cli.Ok("consumers", "assign", "alice", "/chem/alice").Trim());
        var refused = cli.Run("consumers", "assign", "alice", "/chem");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("consumer.not-a-leaf", refused.Stderr, StringComparison.Ordinal);

        var report = cli.Ok("consumers", "fairshare", "--csv").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Account,User,RawShares,NormShares,RawUsage,EffectvUsage,LevelFS,FairShare", report[0]);
        Assert.Contains("/chem,alice,1,0.500000,0,0.000000,inf,", report.Select(l => l[..l.LastIndexOf(',')] + ","));
        Assert.Contains("\"version\":1", cli.Ok("consumers", "show"), StringComparison.Ordinal);
        Assert.StartsWith("v1 ", cli.Ok("consumers", "history"), StringComparison.Ordinal);
    }
}
