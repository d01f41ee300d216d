using Qonduit.Agent.Commands;
using Qonduit.Agent.Elim;

namespace Qonduit.Agent;

/// <summary>How one agent behaves (its scheduler's site settings live with the scheduler adapter).</summary>
public sealed record AgentOptions
{
    /// <summary>The name the control plane knows this agent by (tasks are owned by it).</summary>
    public required string AgentId { get; init; }

    /// <summary>Tasks held at once; the agent claims only while one is free.</summary>
    public int Slots { get; init; } = 1;

    /// <summary>Where run directories live: &lt;runRoot&gt;/&lt;taskId&gt;/payload.json, and archive/ for finished ones.</summary>
    public required string RunRoot { get; init; }

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one CLAIM long-polls the server before it answers "no work".</summary>
    public TimeSpan ClaimWait { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How often the scheduler is asked which jobs are still active.</summary>
    public TimeSpan ObserveInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Pause after the control plane could not be reached, before the next claim; also the least time between the starts
    /// of two claims that found no work, so an agent whose claims are not long polls does not spin.
    /// </summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The load-index reporters the agent starts and supervises (agent.json `reporters`).</summary>
    public IReadOnlyList<ReporterSpec> Reporters { get; init; } = [];

    /// <summary>When reporters are restarted or given up; LSF's defaults.</summary>
    public RestartPolicy ReporterRestarts { get; init; } = new();

    /// <summary>The pools and devices the agent serves: each heartbeat carries the reporters' values for each of them.</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>
    /// The commands its operator declares (agent.json `commands`): a claimed command task's name is resolved here to its
    /// argv, so the user never chooses the executable. Their names ride on every heartbeat.
    /// </summary>
    public IReadOnlyDictionary<string, DeclaredCommand> Commands { get; init; } = new Dictionary<string, DeclaredCommand>();
}
