using System.CommandLine;
using System.Runtime.InteropServices;
using Qonduit.Runner;

namespace Qonduit.Cli.Runner;

/// <summary>`qonduit runner &lt;dir&gt;`: the hermetic runner a scheduler job executes (exit 0 result.json, 1 error.json, 2 neither).</summary>
public static class RunnerCommands
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir") { Description = "run directory holding payload.json (written by an agent)" };
        var command = new Command("runner", "simulate one run directory: payload.json in, result.json or error.json and runner.log out; no network");
        command.Arguments.Add(directory);
        command.SetAction(parse =>
        {
            // A scheduler stops a job with SIGTERM (SIGKILL only if that is ignored): the simulation stops at its next check
            // and the runner exits Cancelled at once, leaving no artifact, instead of finishing work nobody wants.
            using var cancellation = new CancellationTokenSource();
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                cancellation.Cancel();
            });
            return HermeticRunner.Run(parse.GetValue(directory)!, cancellationToken: cancellation.Token, cpu: CpuScope.Process);
        });
        return command;
    }

    /// <summary>How this very executable is started again as a runner (an apphost, or `dotnet qonduit.dll`).</summary>
    public static IReadOnlyList<string> CurrentCommand()
    {
        var process = Environment.ProcessPath ?? "qonduit";
        var entry = typeof(RunnerCommands).Assembly.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" && entry.Length > 0 ? [process, entry] : [process];
    }
}
