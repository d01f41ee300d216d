namespace Qonduit.Agent.Hosting;

/// <summary>What an embedded agent needs from the host that runs it.</summary>
public sealed record EmbeddedAgentOptions
{
    public required int Slots { get; init; }

    /// <summary>The server's data directory: run directories go to its `runs/`.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The runner's command line before `runner &lt;dir&gt;` (used in <see cref="EmbeddedAgentMode.Process"/>).</summary>
    public required IReadOnlyList<string> RunnerCommand { get; init; }

    public string AgentId { get; init; } = "embedded";

    /// <summary>Claim only these devices (all when null).</summary>
    public IReadOnlyList<string>? Devices { get; init; }

    public EmbeddedAgentMode Mode { get; init; } = EmbeddedAgentMode.InProcess;

    /// <summary>
    /// The agent-role key, issued by the control plane this agent runs beside once it has started. The agent side
    /// cannot issue keys (it never references the server), so the host that composes both says how.
    /// </summary>
    public required Func<IServiceProvider, CancellationToken, Task<string>> ApiKey { get; init; }
}
