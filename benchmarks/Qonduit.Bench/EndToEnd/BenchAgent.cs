using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

using Qonduit.Cli.Runner;

namespace Qonduit.Bench.EndToEnd;

/// <summary>
/// A real `qonduit agent` process (this same executable) with one slot and long-poll claims, so each task meets an
/// agent already waiting; its log is kept to explain a failed run.
/// </summary>
public sealed class BenchAgent : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private BenchAgent(Process process, string runRoot)
    {
        _process = process;
        RunRoot = runRoot;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string RunRoot { get; }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>
    /// The run directory of a task once the agent has let it go: it archives it just after its report was accepted,
    /// so waiting for it also means the slot is free and the agent long-polls again before the next task.
    /// </summary>
    public async Task<string> ArchivedRunAsync(Guid taskId, CancellationToken cancellationToken)
    {
        var archived = Path.Combine(RunRoot, "archive", taskId.ToString());
        for (var waited = 0; !Directory.Exists(archived); waited += 10)
        {
            if (waited > 30_000) throw new EndToEndBenchmarkException("bench.e2e-not-archived", $"task {taskId}: the agent did not archive {archived}");
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
        return archived;
    }

    public static BenchAgent Start(BenchControlPlane server, string folder, string scheduler)
    {
        // The CLI beside this bench (`dotnet qonduit.dll`: the bench itself runs under the `dotnet` host).
        var self = RunnerCommands.CurrentCommand();
        var runRoot = Directory.CreateDirectory(Path.Combine(folder, scheduler)).FullName;
        var config = Path.Combine(folder, $"agent-{scheduler}.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new Dictionary<string, IReadOnlyList<string>> { ["runnerCommand"] = self }));
        var start = new ProcessStartInfo(self[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[.. self.Skip(1), "agent", "--config", config, "--server", server.Url, "--api-key", server.AgentKey,
                     "--agent-id", $"bench-{scheduler}", "--run-root", runRoot, "--scheduler", scheduler, "--slots", "1",
                     "--claim-wait", "20", "--heartbeat-interval", "1"])
            start.ArgumentList.Add(argument);
        return new BenchAgent(Process.Start(start) ?? throw new EndToEndBenchmarkException("bench.e2e-agent-not-started", $"could not start {string.Join(' ', self)} agent"), runRoot);
    }

    /// <summary>SIGTERM, so the agent drains and exits on its own; killed after a grace period.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            term.WaitForExit();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(30))) _process.Kill();
        }
        _process.WaitForExit();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }
}
