using Qonduit.Contracts.Resources;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Contracts.Agents;

/// <summary>
/// `POST /v1/agent/heartbeat`: every task the agent holds, its process <see cref="Incarnation"/>, and the interval at which it
/// heartbeats (the server assumes the agent's default when absent). Running tasks of the agent it does not list are lost
/// (docs/architecture.md "Task lifecycle"). <see cref="Progress"/>: the runner's latest progress of listed tasks
/// (docs/architecture.md "Progress"), kept in memory and shown in the task view. <see cref="WaitMs"/>: when nothing is
/// to be let go yet, the answer may wait up to this long for a listed task to be cancelled or interrupted, so the agent
/// stops its job at once instead of at its next heartbeat. <see cref="Pools"/>: the pools the agent serves (agent.json `pools`); absent from an
/// older agent, which then declares none. <see cref="Indices"/>: per resource the agent serves (a pool or a device), the
/// latest value of each load index its reporters sent (docs/orchestration.md §1). <see cref="Commands"/>: the names of the
/// commands its operator declared (never their argv): only its pools take command tasks naming one; absent from an older agent.
/// </summary>
public sealed record HeartbeatRequest(
    string? AgentId, IReadOnlyList<Guid>? TaskIds = null, string? Incarnation = null, int? HeartbeatIntervalMs = null,
    IReadOnlyDictionary<Guid, TaskProgress>? Progress = null, int? WaitMs = null,
    IReadOnlyList<PoolDeclaration>? Pools = null,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, ReportedIndexValue>>? Indices = null,
    IReadOnlyList<string>? Commands = null);

/// <summary>
/// <see cref="Cancelled"/>: tasks the agent owns that were cancelled (stop their jobs). <see cref="Unknown"/>: tasks it
/// does not own as running any more (never existed, requeued to another agent, force-failed): abandon them.
/// <see cref="LoadIndicesVersion"/>: the version of the declared load indices (`GET /v1/loadindices`); an agent whose
/// reporters validate against an older one fetches them again. <see cref="Interrupted"/>: tasks the agent still owns as
/// running whose slot fair share takes back (reclaim, docs/orchestration.md §3): interrupt their jobs (SIGTERM, not a
/// kill) and keep them held; the job's end is reported as usual and the server requeues the task. Named in every
/// answer until the task leaves the agent; absent (null) from an older server.
/// </summary>
public sealed record HeartbeatResponse(
    IReadOnlyList<Guid> Cancelled, IReadOnlyList<Guid> Unknown, long? LoadIndicesVersion = null, IReadOnlyList<Guid>? Interrupted = null);
