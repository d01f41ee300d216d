namespace Qonduit.Cli.Tests.Consumers;

/// <summary>`qonduit consumers fairshare`: the administrator's what-if, run as a user runs it (a real process, files on disk).</summary>
public sealed class ConsumerCommandsTests
{
    private const string Tree = """
        {"name": "root", "children": [
          {"name": "chem", "shares": 60, "children": [{"name": "alice"}, {"name": "bob"}]},
          {"name": "opt", "shares": 40, "children": [{"name": "carol"}]}]}
        """;

    [Fact]
    public void Fairshare_prints_sshare_columns_for_the_tree_and_usage_in_the_order_work_is_taken()
    {
        var tree = QonduitProcess.TempFile("tree.json", Tree);
        var usage = QonduitProcess.TempFile("usage.json", """{"/chem/alice": 300, "/chem/bob": 100, "/opt/carol": 600}""");

        var run = QonduitProcess.Run("consumers", "fairshare", "--tree", tree, "--usage", usage, "--csv");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
        [
            "Account,User,RawShares,NormShares,RawUsage,EffectvUsage,LevelFS,FairShare",
            "/chem,,60,0.600000,400,0.400000,1.500000,",
            "/chem,bob,1,0.500000,100,0.250000,2.000000,1.000000",
            "/chem,alice,1,0.500000,300,0.750000,0.666667,0.666667",
            "/opt,,40,0.400000,600,0.600000,0.666667,",
            "/opt,carol,1,1.000000,600,1.000000,1.000000,0.333333",
        ], run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var table = QonduitProcess.Run("consumers", "fairshare", "--tree", tree).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Account User  RawShares NormShares RawUsage EffectvUsage LevelFS FairShare", table[0], StringComparison.Ordinal);
        Assert.Contains(table, line => line.StartsWith("/chem   alice", StringComparison.Ordinal) && line.Contains("inf", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"name": "root", "children": [{"name": "Chem"}]}""", "{}", "consumer.invalid-tree")]
    [InlineData("""{"name": "root", "children": [{"name": "a"}, {"name": "a"}]}""", "{}", "consumer.invalid-tree")]
    [InlineData("""{"name": "root", "children": [{"name": "a", "shares": -1}]}""", "{}", "consumer.invalid-tree")]
    [InlineData(Tree, """{"/chem": 5}""", "consumer.invalid-usage")]
    [InlineData(Tree, """{"/chem/alice": -5}""", "consumer.invalid-usage")]
    public void A_bad_tree_or_usage_is_refused_with_its_code_and_exit_1(string tree, string usage, string code)
    {
        var run = QonduitProcess.Run("consumers", "fairshare", "--tree", QonduitProcess.TempFile("tree.json", tree), "--usage", QonduitProcess.TempFile("usage.json", usage));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error [{code}]", run.Stderr, StringComparison.Ordinal);
    }
}
