using System.Text.Json.Serialization;

namespace Qonduit.Contracts.Tasks;

/// <summary>
/// How far a running task's work has got, as its runner last said: <see cref="Done"/> of <see cref="Total"/>
/// <see cref="Unit"/>s in <see cref="Phase"/> at <see cref="At"/> (the runner's clock, UTC), and the server's estimate of
/// the seconds left from the pace it has seen in the phase. Advisory: it travels runner → agent (a line of the run
/// directory's progress.jsonl, or the in-process runner's callback) → server (heartbeat) → task view and `task.progress`
/// events, and is kept in memory only (docs/architecture.md "Progress").
/// </summary>
public sealed record TaskProgress(ProgressPhase Phase, long Done, long Total, string Unit, double? EtaSeconds = null, DateTimeOffset? At = null)
{
    /// <summary>Why this progress cannot be shown as it is; null when it can.</summary>
    public string? Problem() =>
        !Enum.IsDefined(Phase) ? "an unknown phase"
        : Done < 0 || Total < 0 ? "a negative count"
        : Done > Total ? "done exceeds total"
        : string.IsNullOrWhiteSpace(Unit) || Unit.Length > 32 ? "a unit of 1 to 32 characters is required"
        : EtaSeconds is { } eta && (!double.IsFinite(eta) || eta < 0) ? "etaSeconds is negative or not finite"
        : null;
}

/// <summary>The runner's phases, in the order a task goes through them (transpile only for a logical task).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProgressPhase>))]
public enum ProgressPhase
{
    [JsonStringEnumMemberName("transpile")] Transpile,
    [JsonStringEnumMemberName("simulate")] Simulate,
    [JsonStringEnumMemberName("sample")] Sample,
}
