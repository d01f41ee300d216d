using System.Text.Json;

namespace Qonduit.Contracts.Consumers;

/// <summary>
/// `GET /v1/consumers`: the consumer tree in force (version 0: none set yet, every user in `/default`); with `long=1`,
/// <see cref="FairShare"/> is its Fair Tree report in one pool kind, as `GET /v1/consumers/fairshare` gives it.
/// </summary>
public sealed record ConsumerTreeView(long Version, DateTimeOffset? CreatedAt, string? CreatedBy, JsonElement Tree)
{
    public IReadOnlyList<FairShareRowView>? FairShare { get; init; }
}

/// <summary>One version of the tree in `GET /v1/consumers/history`.</summary>
public sealed record ConsumerTreeVersionView(long Version, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>
/// `GET /v1/consumers/fairshare`: the Fair Tree report of the tree in force under the decayed usage, the columns of
/// Slurm's `sshare -l` (docs/orchestration.md §3); <see cref="LevelFs"/> is null where it is infinite (no usage).
/// </summary>
public sealed record FairShareRowView(
    string Path, string Account, string? User, int RawShares, double NormShares, double RawUsage, double EffectiveUsage, double? LevelFs, double? FairShare);

/// <summary>`PUT /v1/users/{name}/consumer`: the leaf consumer the user is charged to.</summary>
public sealed record AssignConsumerRequest(string? Consumer);
