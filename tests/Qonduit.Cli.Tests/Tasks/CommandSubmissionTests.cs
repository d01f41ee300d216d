using System.Text.Json;
using Qonduit.Cli.Tasks;
using Qonduit.Contracts.RunDirectories;

namespace Qonduit.Cli.Tests.Tasks;

public sealed class CommandSubmissionTests
{
    [Fact]
    public void Every_word_after_the_name_is_one_arg_and_only_circuit_options_given_are_passed_on_for_the_server_to_refuse()
    {
        var request = CommandSubmission.Request("diag", ["--n", "4", "a b; rm -rf /"], "{}", "select[kind=='cpu']", 3, device: null);

        Assert.Equal(("diag", 3, "{}"), (request.Command!.Name, request.Priority, request.Command.Stdin));
        Assert.Equal(["--n", "4", "a b; rm -rf /"], request.Command.Args);
        Assert.Equal((null, null, (int?)null), (request.Circuit, request.Device, request.Shots));
        Assert.Equal("ibm_fez", CommandSubmission.Request("diag", [], null, null, null, "ibm_fez").Device);
    }

    [Fact]
    public void A_completed_command_prints_its_exit_its_outputs_and_the_end_of_its_stdout()
    {
        using var outputs = JsonDocument.Parse("""{"energy":-1.137}""");

        var lines = CommandSubmission.Lines(new CommandResult("diag", 0, outputs.RootElement.Clone(), "iter 1\nconverged\n")).ToList();

        Assert.Equal(["command diag exited 0", """outputs: {"energy":-1.137}""", "stdout ends:", "  iter 1", "  converged"], lines);
        Assert.Equal("outputs: none (it wrote no outputs.json)", CommandSubmission.Lines(new CommandResult("fit", 0, null, "")).ElementAt(1));
    }
}
