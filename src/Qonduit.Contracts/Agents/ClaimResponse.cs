using System.Text.Json;
using System.Text.Json.Serialization;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Contracts.Agents;

/// <summary>
/// The claimed task with everything needed to run it, and the full snapshot version bound to it. <see cref="More"/>: the
/// further tasks the same claim took when it asked for more than one (`max`), in claim order, each with its snapshot and
/// no `more` of its own; absent when it took one.
/// </summary>
public sealed record ClaimResponse(ClaimedTaskView Task, JsonElement Snapshot, IReadOnlyList<ClaimResponse>? More = null)
{
    /// <summary>This task and the further ones, in claim order.</summary>
    [JsonIgnore]
    public IEnumerable<ClaimResponse> All => More is null ? [this] : More.Prepend(this);
}

/// <summary>
/// A claimed task as the agent receives it. <see cref="Transpile"/>: the circuit is logical and the runner maps it onto
/// the bound snapshot; <see cref="Trajectories"/>: the error-pattern budget of a noisy run (null: one pattern per shot).
/// <see cref="Command"/>: a command task's step (its circuit is empty and its snapshot a placeholder); absent for a circuit,
/// and only ever sent to an agent whose heartbeat declares the command, so an older agent never receives one.
/// </summary>
public sealed record ClaimedTaskView(
    Guid Id,
    string Tenant,
    string Device,
    string Dialect,
    string Circuit,
    int Shots,
    long? Seed,
    int Priority,
    IReadOnlyList<string> Tags,
    int Attempt,
    int BoundSnapshotVersion,
    bool Transpile,
    int? Trajectories,
    TaskCommand? Command = null);
