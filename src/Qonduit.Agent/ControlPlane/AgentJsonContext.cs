using System.Text.Json;
using System.Text.Json.Serialization;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Agent.ControlPlane;

// Wire shapes of the agent protocol (docs/architecture.md "REST API"); members the server adds later are ignored.
internal sealed record ClaimBody(string AgentId, int Capacity, IReadOnlyList<string>? Devices, int WaitMs, string Incarnation);

internal sealed record ClaimBodyAnswer(ClaimedTaskBody Task, JsonElement Snapshot);

// Transpile is absent from servers that admitted native circuits only, hence false by default; Trajectories is absent
// from servers that ran every task exact, hence null.
internal sealed record ClaimedTaskBody(string Id, string Device, string Dialect, string Circuit, int Shots, long? Seed, int Attempt, int BoundSnapshotVersion, bool Transpile = false, int? Trajectories = null);

// Progress is left out when no task has any, so a server older than progress sees the heartbeat it knows.
internal sealed record HeartbeatBody(string AgentId, IReadOnlyList<string> TaskIds, string Incarnation, int HeartbeatIntervalMs, IReadOnlyDictionary<string, TaskProgress>? Progress);

internal sealed record HeartbeatBodyAnswer(IReadOnlyList<string>? Cancelled, IReadOnlyList<string>? Unknown);

internal sealed record RunningBody(string AgentId, string SchedulerJobId, string Incarnation, bool SurvivesAgent);

internal sealed record CompletedBody(string AgentId, JsonElement Result, string Incarnation);

internal sealed record FailedBody(string AgentId, string Code, string Origin, string Message, string Incarnation);

internal sealed record ProblemBody(string? Code, string? Title, string? Detail);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ClaimBody))]
[JsonSerializable(typeof(ClaimBodyAnswer))]
[JsonSerializable(typeof(HeartbeatBody))]
[JsonSerializable(typeof(HeartbeatBodyAnswer))]
[JsonSerializable(typeof(RunningBody))]
[JsonSerializable(typeof(CompletedBody))]
[JsonSerializable(typeof(FailedBody))]
[JsonSerializable(typeof(ProblemBody))]
internal sealed partial class AgentJsonContext : JsonSerializerContext;
