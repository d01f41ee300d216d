using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Diagnostics;
using Qonduit.Circuits;

namespace Qonduit.Cli.Bench;

/// <summary>
/// `qonduit bench NAME ...`: builds and runs benchmarks/Qonduit.Bench of the checkout the working directory is in,
/// passing every argument after `bench` through (`--help` included), so the benchmarks ship with the sources, not the CLI.
/// </summary>
public static class BenchLauncher
{
    private const string Project = "benchmarks/Qonduit.Bench/Qonduit.Bench.csproj";

    public static Command Create(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var bench = new Command("bench", "measure Qonduit on this machine, from a source checkout: `qonduit bench NAME [options]` runs " +
            "benchmarks/Qonduit.Bench (parse, sim, transpile, e2e, server, fuzz); figures are appended to bench/results/")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        bench.SetAction((parse, cancellationToken) => RunAsync(ArgumentsAfter(parse, bench), cancellationToken));
        // `qonduit bench sim --help` is the benchmark's help, not this launcher's.
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new PassHelpThrough(bench, help.Action!);
        return bench;
    }

    private static async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var root = SourceCheckout.Root() ?? throw new QonduitException(ErrorCodes.Bench.NoCheckout,
            $"`qonduit bench` runs the benchmarks of a source checkout, and there is no Qonduit.slnx above {Environment.CurrentDirectory}; " +
            "run it inside a clone of the repository");
        var project = Path.Combine(root, Project);
        if (!File.Exists(project))
            throw new QonduitException(ErrorCodes.Bench.NoProject, $"the checkout at {root} has no {Project}");
        await BuildAsync(project, cancellationToken).ConfigureAwait(false);
        // Under the `dotnet` host, so the benchmarks start `qonduit agent`/`serve`/`runner` as `dotnet qonduit.dll` beside them.
        var assembly = Path.Combine(Path.GetDirectoryName(project)!, "bin", "Release", "net10.0", "Qonduit.Bench.dll");
        return await RunChildAsync("dotnet", [assembly, .. arguments], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Builds the bench (a no-op when up to date); its output is shown only when it fails, on stderr.</summary>
    private static async Task BuildAsync(string project, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet", ["build", project, "-c", "Release", "-nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var build = Process.Start(start) ?? throw new QonduitException(ErrorCodes.Bench.NotStarted, "could not start dotnet build");
        var output = build.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = build.StandardError.ReadToEndAsync(cancellationToken);
        await build.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (build.ExitCode == 0) return;
        await Console.Error.WriteAsync(await output.ConfigureAwait(false) + await errors.ConfigureAwait(false)).ConfigureAwait(false);
        throw new QonduitException(ErrorCodes.Bench.BuildFailed, $"dotnet build {project} failed (exit {build.ExitCode}); its output is above");
    }

    /// <summary>
    /// The child shares the terminal (and its Ctrl+C) and ends on its own: the launcher waits for it even when cancelled,
    /// so a benchmark can append its figures and clean up its servers.
    /// </summary>
    private static async Task<int> RunChildAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var child = Process.Start(start) ?? throw new QonduitException(ErrorCodes.Bench.NotStarted, $"could not start {program}");
        try
        {
            await child.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await child.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        return child.ExitCode;
    }

    /// <summary>The raw tokens after `bench`, in order, whatever the launcher's parser made of them.</summary>
    private static List<string> ArgumentsAfter(ParseResult parse, Command bench)
    {
        var tokens = parse.Tokens;
        var at = tokens.ToList().FindIndex(t => t.Type == TokenType.Command && t.Value == bench.Name);
        return [.. tokens.Skip(at + 1).Select(t => t.Value)];
    }

    private sealed class PassHelpThrough(Command bench, CommandLineAction otherwise) : AsynchronousCommandLineAction
    {
        public override Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken = default) =>
            parseResult.CommandResult.Command == bench
                ? RunAsync(ArgumentsAfter(parseResult, bench), cancellationToken)
                : otherwise switch
                {
                    SynchronousCommandLineAction synchronous => Task.FromResult(synchronous.Invoke(parseResult)),
                    AsynchronousCommandLineAction asynchronous => asynchronous.InvokeAsync(parseResult, cancellationToken),
                    _ => throw new InvalidOperationException("unknown help action"),
                };
    }
}
