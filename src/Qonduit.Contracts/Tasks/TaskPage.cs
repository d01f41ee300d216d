namespace Qonduit.Contracts.Tasks;

/// <summary>A page of tasks, newest first; pass <see cref="NextCursor"/> as `cursor` for the next page.</summary>
public sealed record TaskPage(IReadOnlyList<TaskView> Items, string? NextCursor);
