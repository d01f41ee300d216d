namespace Qonduit.Scheduling.Local;

/// <summary>Site settings of the local-process adapter (agent configuration only).</summary>
public sealed record LocalSchedulerOptions
{
    /// <summary>The runner's command line before `runner &lt;dir&gt;`, e.g. ["/opt/qonduit/qonduit"] or ["dotnet", "qonduit.dll"].</summary>
    public required IReadOnlyList<string> RunnerCommand { get; init; }

    /// <summary>At most this many runner processes at once; a submit beyond it waits for one to end.</summary>
    public int MaxConcurrent { get; init; } = Environment.ProcessorCount;

    /// <summary>Each runner in its own memory cgroup with this limit (<see cref="MemoryCgroups"/>); none when null.</summary>
    public MemoryCgroups? MemoryLimit { get; init; }
}
