namespace Qonduit.Scheduling.InProcess;

/// <summary>Settings of the in-process adapter.</summary>
public sealed record InProcessSchedulerOptions
{
    /// <summary>Runner threads: at most this many jobs run at once; later submits queue for a free thread.</summary>
    public int MaxConcurrent { get; init; } = Environment.ProcessorCount;
}
