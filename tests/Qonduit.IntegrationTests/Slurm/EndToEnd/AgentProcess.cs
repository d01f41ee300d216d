using System.Diagnostics;
using System.Text;

namespace Qonduit.IntegrationTests.Slurm.EndToEnd;

/// <summary>A real `qonduit agent` process; its log is kept for the failure message of a test.</summary>
public sealed class AgentProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private AgentProcess(Process process, string agentId, string runRoot)
    {
        _process = process;
        AgentId = agentId;
        RunRoot = runRoot;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string AgentId { get; }

    public string RunRoot { get; }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    /// <param name="runnerCommand">Stands in for the runner (agent.json's runnerCommand); the real `qonduit` when null.</param>
    /// <param name="extra">More flags, e.g. the scheduler's site settings.</param>
    public static AgentProcess Start(ControlPlaneHarness server, string agentId, string runRoot, string scheduler, int slots,
        IReadOnlyList<string>? runnerCommand = null, params string[] extra)
    {
        Directory.CreateDirectory(runRoot);
        var config = Path.Combine(runRoot, "..", $"{agentId}.json");
        File.WriteAllText(config, System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["runnerCommand"] = runnerCommand ?? [RealSlurm.Qonduit()],
        }));
        var start = new ProcessStartInfo(RealSlurm.Qonduit()) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["agent", "--config", config, "--server", server.Url, "--api-key", server.AgentKey, "--agent-id", agentId,
                     "--run-root", runRoot, "--scheduler", scheduler, "--slots", slots.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--claim-wait", "5", "--heartbeat-interval", "0.5", .. extra])
            start.ArgumentList.Add(argument);
        return new AgentProcess(Process.Start(start)!, agentId, runRoot);
    }

    /// <summary>kill -9: no drain, no goodbye; its jobs keep running.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM: the agent drains and exits 0.</summary>
    public int Stop()
    {
        if (!_process.HasExited)
        {
            RealSlurm.Run("kill", "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!_process.WaitForExit(TimeSpan.FromSeconds(30))) _process.Kill();
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }
}
