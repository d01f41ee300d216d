using System.Diagnostics;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Runner.Tests.RunDirectories;

namespace Qonduit.Runner.Tests;

/// <summary>
/// The runner's side of command tasks: argv + args without a shell, the run directory as working directory, stdin,
/// outputs.json, bounded logs, the timeout, and each failure's code. The operator's argv here is /bin/sh with a script,
/// as an operator may declare; the user's args reach it as positional parameters, never as script text.
/// </summary>
public sealed class CommandRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qonduit-command-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static RunPayload Command(IReadOnlyList<string> argv, IReadOnlyList<string>? args = null, string? stdin = null, int timeoutSeconds = 30) =>
        PayloadFileTests.Sample() with
        {
            Circuit = "",
            Shots = 0,
            Command = new CommandRun { Name = "step", Argv = argv, Args = args ?? [], Stdin = stdin, TimeoutSeconds = timeoutSeconds },
        };

    private static string[] Sh(string script) => ["/bin/sh", "-c", script, "step"];

    private int Run(RunPayload payload, CancellationToken cancellationToken = default)
    {
        PayloadFile.Write(_dir, payload);
        return HermeticRunner.Run(_dir, TextWriter.Null, cancellationToken);
    }

    private RunResult Result() => Assert.IsType<Artifact<RunResult>.Present>(ArtifactFiles.ReadResult(_dir)).Value;

    private RunError Error() => Assert.IsType<Artifact<RunError>.Present>(ArtifactFiles.ReadError(_dir)).Value;

    [Fact]
    public void A_command_that_exits_0_completes_with_the_object_it_wrote_to_outputs_json_and_the_tail_of_its_stdout()
    {
        var payload = Command(Sh("""cat > seen-stdin.txt; printf '{"sum": %s, "cwd": "%s"}' "$(($1 + $2))" "$(pwd)" > outputs.json; echo done"""), ["2", "3"], "hello\n");

        Assert.Equal(HermeticRunner.Succeeded, Run(payload));

        var result = Result();
        var command = Assert.IsType<CommandResult>(result.Command);
        Assert.Equal(("step", 0, "done\n", false), (command.Name, command.ExitCode, command.StdoutTail, command.StdoutTruncated));
        Assert.Equal(5, command.Outputs!.Value.GetProperty("sum").GetInt32());
        Assert.Equal(Path.GetFullPath(_dir), command.Outputs.Value.GetProperty("cwd").GetString());
        Assert.Equal("hello\n", File.ReadAllText(Path.Combine(_dir, "seen-stdin.txt")));
        Assert.Equal("done\n", File.ReadAllText(Path.Combine(_dir, RunFiles.Stdout)));
        Assert.Equal((0, 0), (result.Shots, result.Counts.Count));
    }

    [Fact]
    public void Args_are_argv_entries_so_shell_syntax_in_them_is_plain_text_and_a_bare_executable_is_found_on_path()
    {
        string[] args = ["$(touch pwned)", "a b; touch pwned2", "`id`", "*"];

        Assert.Equal(HermeticRunner.Succeeded, Run(Command(["printf", "%s\n"], args)));

        Assert.Equal(string.Join("", args.Select(a => a + "\n")), Result().Command!.StdoutTail);
        Assert.False(File.Exists(Path.Combine(_dir, "pwned")));
        Assert.False(File.Exists(Path.Combine(_dir, "pwned2")));
        Assert.Null(Result().Command!.Outputs);
    }

    [Fact]
    public void A_non_zero_exit_fails_as_command_failed_with_the_exit_code_and_the_end_of_stderr()
    {
        Assert.Equal(HermeticRunner.FailedWithError, Run(Command(Sh("echo 'matrix is singular' >&2; exit 3"))));

        var error = Error();
        Assert.Equal(ErrorCodes.Command.Failed, error.Code);
        Assert.Contains("exited with code 3", error.Message);
        Assert.Contains("matrix is singular", error.Message);
        Assert.Contains("matrix is singular", File.ReadAllText(Path.Combine(_dir, RunFiles.Stderr)));
    }

    [Fact]
    public void A_command_past_its_timeout_is_killed_with_its_children_and_fails_as_command_timeout()
    {
        var clock = Stopwatch.StartNew();

        Assert.Equal(HermeticRunner.FailedWithError, Run(Command(Sh("sleep 60 & echo $! > child.pid; wait"), timeoutSeconds: 1)));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal(ErrorCodes.Command.Timeout, Error().Code);
        var child = int.Parse(File.ReadAllText(Path.Combine(_dir, "child.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(Directory.Exists($"/proc/{child}") && !File.ReadAllText($"/proc/{child}/stat").Contains(") Z ", StringComparison.Ordinal),
            $"the command's child {child} still runs");
    }

    [Fact]
    public void A_missing_executable_or_a_name_the_agent_does_not_declare_fails_as_command_not_found()
    {
        Assert.Equal(HermeticRunner.FailedWithError, Run(Command(["/nonexistent/qonduit-no-such-tool"])));
        Assert.Equal(ErrorCodes.Command.NotFound, Error().Code);

        File.Delete(Path.Combine(_dir, RunFiles.Error));
        Assert.Equal(HermeticRunner.FailedWithError, Run(Command([])));
        Assert.Equal(ErrorCodes.Command.NotFound, Error().Code);
        Assert.Contains("declares no command 'step'", Error().Message);
    }

    [Theory]
    [InlineData("echo '[1, 2]' > outputs.json", "not an object")]
    [InlineData("echo '{broken' > outputs.json", "not JSON")]
    [InlineData("head -c 1048577 /dev/zero | tr '\\0' ' ' > outputs.json", "at most")]
    public void Outputs_json_that_is_not_one_bounded_object_fails_as_command_invalid_outputs(string script, string why)
    {
        Assert.Equal(HermeticRunner.FailedWithError, Run(Command(Sh(script))));

        Assert.Equal(ErrorCodes.Command.InvalidOutputs, Error().Code);
        Assert.Contains(why, Error().Message);
    }

    [Fact]
    public void Stdout_past_its_bound_is_cut_in_the_log_with_a_note_while_the_result_keeps_its_real_tail()
    {
        var bound = CommandRunner.MaxCapturedBytes;

        Assert.Equal(HermeticRunner.Succeeded, Run(Command(Sh($"head -c {bound + 1000} /dev/zero | tr '\\0' x; echo END"))));

        var log = new FileInfo(Path.Combine(_dir, RunFiles.Stdout));
        Assert.InRange(log.Length, bound, bound + 200);
        Assert.Contains("[qonduit: truncated after", File.ReadAllText(log.FullName)[(int)bound..]);
        var command = Result().Command!;
        Assert.True(command.StdoutTruncated);
        Assert.EndsWith("xxxEND\n", command.StdoutTail);
        Assert.Equal(CommandRunner.TailBytes, command.StdoutTail.Length);
    }

    [Fact]
    public void A_cancelled_command_is_killed_and_leaves_no_artifact()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.Equal(HermeticRunner.Cancelled, Run(Command(Sh("sleep 60")), cancel.Token));

        Assert.IsType<Artifact<RunResult>.Missing>(ArtifactFiles.ReadResult(_dir));
        Assert.IsType<Artifact<RunError>.Missing>(ArtifactFiles.ReadError(_dir));
    }

    [Fact]
    public void A_rerun_does_not_take_an_earlier_attempts_outputs_json_for_its_own()
    {
        File.WriteAllText(Path.Combine(_dir, RunFiles.Outputs), """{"stale": true}""");

        Assert.Equal(HermeticRunner.Succeeded, Run(Command(Sh("true"))));

        Assert.Null(Result().Command!.Outputs);
    }
}
