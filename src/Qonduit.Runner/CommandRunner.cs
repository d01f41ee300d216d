using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Runner;

/// <summary>
/// A command task's run (docs/architecture.md "Command tasks"): the payload's argv (the operator's, resolved by the
/// agent) followed by the user's args, started directly (no shell: each arg is one argv entry, so nothing in it is
/// syntax), in the run directory, its stdin the task's (empty when none), its stdout and stderr in bounded files. Exit 0
/// completes with outputs.json's object and stdout's tail; otherwise error.json says why with a command.* code.
/// </summary>
public static class CommandRunner
{
    /// <summary>What stdout.log and stderr.log keep of each stream; the rest is dropped with a note.</summary>
    public const long MaxCapturedBytes = 16L * 1024 * 1024;

    /// <summary>The end of stdout the result carries, and of stderr a failure's message.</summary>
    public const int TailBytes = 4096;

    /// <summary>The largest outputs.json read: outputs are results to pass on, not bulk data (that stays in the run directory).</summary>
    public const long MaxOutputsBytes = 1024 * 1024;

    /// <summary>After the command exits, how long its streams may stay open (a child it left behind holding them) before they are let go.</summary>
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    internal static RunResult Run(string runDirectory, RunPayload payload, RunnerLog log, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var command = payload.Command!;
        if (command.Argv.Count == 0)
            throw new RunnerException(ErrorCodes.Command.NotFound, $"this agent declares no command '{command.Name}' (agent.json `commands`)");
        var directory = Path.GetFullPath(runDirectory);
        var outputs = Path.Combine(directory, RunFiles.Outputs);
        // A re-run of the directory must not read an earlier attempt's outputs as its own.
        File.Delete(outputs);
        var start = new ProcessStartInfo(command.Argv[0])
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Argv.Skip(1).Concat(command.Args)) start.ArgumentList.Add(argument);
        log.Write(string.Create(CultureInfo.InvariantCulture,
            $"command {command.Name}: {command.Argv[0]} with {command.Argv.Count - 1 + command.Args.Count} argument(s), stdin {Encoding.UTF8.GetByteCount(command.Stdin ?? "")} bytes, timeout {command.TimeoutSeconds} s"));
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new RunnerException(ErrorCodes.Command.NotFound, $"'{command.Argv[0]}' did not start");
        }
        catch (Win32Exception e)
        {
            throw new RunnerException(ErrorCodes.Command.NotFound, $"command '{command.Name}': '{command.Argv[0]}' could not be started: {e.Message}", e);
        }
        using (process)
        {
            var stdout = new BoundedCapture(Path.Combine(directory, RunFiles.Stdout), MaxCapturedBytes, TailBytes);
            var stderr = new BoundedCapture(Path.Combine(directory, RunFiles.Stderr), MaxCapturedBytes, TailBytes);
            var pumps = Task.WhenAll(
                stdout.PumpAsync(process.StandardOutput.BaseStream), stderr.PumpAsync(process.StandardError.BaseStream), FeedAsync(process, command.Stdin));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(command.TimeoutSeconds));
            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                process.WaitForExitAsync(either.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // The whole tree: a command that started workers must not leave them running past its slot.
                Kill(process);
                Drain(pumps);
                cancellationToken.ThrowIfCancellationRequested();
                log.Write($"command {command.Name}: killed after its timeout of {command.TimeoutSeconds} s");
                throw new RunnerException(ErrorCodes.Command.Timeout,
                    $"command '{command.Name}' ran past its timeout of {command.TimeoutSeconds} s and was killed{StderrTail(stderr)}");
            }
            Drain(pumps);
            var exitCode = process.ExitCode;
            log.Write(string.Create(CultureInfo.InvariantCulture,
                $"command {command.Name}: exit code {exitCode}, stdout {stdout.Total} bytes, stderr {stderr.Total} bytes ({total.Elapsed.TotalMilliseconds:0.0} ms)"));
            if (exitCode != 0)
                throw new RunnerException(ErrorCodes.Command.Failed, string.Create(CultureInfo.InvariantCulture,
                    $"command '{command.Name}' exited with code {exitCode}{StderrTail(stderr)}"));
            var snapshot = payload.Snapshot;
            return new RunResult
            {
                TaskId = payload.TaskId,
                Attempt = payload.Attempt,
                Device = snapshot.Device,
                BoundSnapshotVersion = snapshot.Version,
                SnapshotHash = SnapshotHash.Compute(snapshot),
                Shots = 0,
                Seed = payload.Seed,
                Counts = new Dictionary<string, int>(),
                Circuit = new CircuitShape(0, 0, 0, 0, 0, false),
                Timings = new RunTimings(0, 0, 0, 0, total.Elapsed.TotalMilliseconds),
                Host = Environment.MachineName,
                Command = new CommandResult(command.Name, exitCode, ReadOutputs(outputs), stdout.Tail(), stdout.Truncated),
            };
        }
    }

    /// <summary>outputs.json's object, or null when the command wrote none; anything else is <see cref="ErrorCodes.Command.InvalidOutputs"/>.</summary>
    private static JsonElement? ReadOutputs(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) return null;
        if (info.Length > MaxOutputsBytes)
            throw new RunnerException(ErrorCodes.Command.InvalidOutputs, $"{RunFiles.Outputs} is {info.Length} bytes; at most {MaxOutputsBytes} are read");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new RunnerException(ErrorCodes.Command.InvalidOutputs, $"{RunFiles.Outputs} holds a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object");
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new RunnerException(ErrorCodes.Command.InvalidOutputs, $"{RunFiles.Outputs} is not JSON: {e.Message}", e);
        }
    }

    /// <summary>Writes the task's stdin and closes it; a command that exits without reading it all is no error.</summary>
    private static async Task FeedAsync(Process process, string? stdin)
    {
        try
        {
            await using var input = process.StandardInput.BaseStream;
            if (!string.IsNullOrEmpty(stdin)) await input.WriteAsync(Encoding.UTF8.GetBytes(stdin)).ConfigureAwait(false);
        }
        catch (IOException)
        {
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }

    /// <summary>Waits for the streams to end, but not for a descendant that keeps them open after the command exited.</summary>
    private static void Drain(Task pumps)
    {
        try
        {
            pumps.Wait(DrainGrace);
        }
        catch (AggregateException)
        {
            // A stream that broke mid-copy has already written what it read.
        }
    }

    private static string StderrTail(BoundedCapture stderr) =>
        stderr.Total == 0 ? "" : $"; stderr ends: {stderr.Tail().TrimEnd()}";
}
