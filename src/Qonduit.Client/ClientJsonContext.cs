using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qonduit.Client;

/// <summary>Source-generated serialization for every wire type of the client.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SubmitTask))]
[JsonSerializable(typeof(QuantumTask))]
[JsonSerializable(typeof(QuantumTaskPage))]
[JsonSerializable(typeof(QuantumTaskResult))]
[JsonSerializable(typeof(TaskTranspilation))]
[JsonSerializable(typeof(List<DeviceSummary>))]
[JsonSerializable(typeof(DeviceChange))]
[JsonSerializable(typeof(Viability))]
[JsonSerializable(typeof(ViabilityQuery))]
[JsonSerializable(typeof(DeviceRegistration))]
[JsonSerializable(typeof(DevicePatch))]
[JsonSerializable(typeof(ClaimRequest))]
[JsonSerializable(typeof(ClaimedWork))]
[JsonSerializable(typeof(HeartbeatRequest))]
[JsonSerializable(typeof(HeartbeatAnswer))]
[JsonSerializable(typeof(ReportRunning))]
[JsonSerializable(typeof(ReportCompleted))]
[JsonSerializable(typeof(ReportFailed))]
[JsonSerializable(typeof(RequeueOptions))]
[JsonSerializable(typeof(ForceFailure))]
[JsonSerializable(typeof(List<AgentInfo>))]
[JsonSerializable(typeof(ServerEvent))]
[JsonSerializable(typeof(ApiProblem))]
[JsonSerializable(typeof(AcquireLease))]
[JsonSerializable(typeof(RenewLease))]
[JsonSerializable(typeof(LeaseGrant))]
[JsonSerializable(typeof(LeaseInfo))]
[JsonSerializable(typeof(DeviceLeases))]
internal sealed partial class ClientJsonContext : JsonSerializerContext;
