namespace Qonduit.Contracts.Tasks;

/// <summary>Why a task failed: a stable code, who failed (admission, scheduler, runner, agent, admin), and the details.</summary>
public sealed record TaskError(string Code, string Origin, string Message, string? Detail = null);
