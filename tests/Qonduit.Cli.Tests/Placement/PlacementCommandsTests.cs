using Qonduit.Cli.Placement;
using Qonduit.Contracts.Placement;

namespace Qonduit.Cli.Tests.Placement;

public sealed class PlacementCommandsTests
{
    [Fact]
    public void Explain_prints_the_candidates_best_first_with_the_values_read_then_what_it_did_not_select()
    {
        var explained = new PlacementExplanation(0,
            [new PlacementCandidate("ibm_fez", "qpu", true, new Dictionary<string, string> { ["kind"] = "'qpu'", ["num_qubits"] = "156" })],
            ["ibm_brisbane"]);

        var lines = PlacementCommands.Lines(explained).ToList();

        Assert.Equal("alternative 0: 1 candidate(s), best first", lines[0]);
        Assert.Matches(@"^\s+1\. ibm_fez\s+qpu\s+up\s+kind='qpu' num_qubits=156$", lines[1]);
        Assert.Equal("not selected: ibm_brisbane", lines[2]);
        Assert.Equal(["no resource matches"], PlacementCommands.Lines(new PlacementExplanation(null, [], ["ibm_fez"])));
    }
}
