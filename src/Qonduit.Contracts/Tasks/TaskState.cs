using System.Text.Json.Serialization;

namespace Qonduit.Contracts.Tasks;

[JsonConverter(typeof(JsonStringEnumConverter<TaskState>))]
public enum TaskState
{
    [JsonStringEnumMemberName("queued")] Queued,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

/// <summary>Sub-state of <see cref="TaskState.Running"/>: claimed by an agent, then submitted to its scheduler.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaskPhase>))]
public enum TaskPhase
{
    [JsonStringEnumMemberName("claimed")] Claimed,
    [JsonStringEnumMemberName("submitted")] Submitted,
}

public static class TaskStates
{
    public static bool IsTerminal(this TaskState state) => state is TaskState.Completed or TaskState.Failed or TaskState.Cancelled;

    /// <summary>The state's name on the wire (the `state` query parameter and the JSON value).</summary>
    public static string Name(this TaskState state) => state switch
    {
        TaskState.Queued => "queued",
        TaskState.Running => "running",
        TaskState.Completed => "completed",
        TaskState.Failed => "failed",
        _ => "cancelled",
    };

    public static bool TryParse(string text, out TaskState state)
    {
        foreach (var candidate in Enum.GetValues<TaskState>())
        {
            if (candidate.Name() == text)
            {
                state = candidate;
                return true;
            }
        }
        state = default;
        return false;
    }
}
