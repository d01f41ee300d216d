using System.Text.Json;
using System.Text.Json.Serialization;
using Qonduit.Contracts.Agents;
using Qonduit.Contracts.Devices;
using Qonduit.Contracts.Events;
using Qonduit.Contracts.Identity;
using Qonduit.Contracts.Graphs;
using Qonduit.Contracts.Leases;
using Qonduit.Contracts.Problems;
using Qonduit.Contracts.Resources;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Contracts;

/// <summary>
/// The one serialization of the HTTP API (docs/architecture.md "Contracts"): camelCase, enums as their names, numbers
/// read from strings too (the web defaults). Clients leave null members out of what they send; the server, which
/// chains this resolver into its own options, writes them.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SubmitTaskRequest))]
[JsonSerializable(typeof(TaskView))]
[JsonSerializable(typeof(TaskPage))]
[JsonSerializable(typeof(TaskResultView))]
[JsonSerializable(typeof(RunResult))]
[JsonSerializable(typeof(RequeueRequest))]
[JsonSerializable(typeof(ForceFailRequest))]
[JsonSerializable(typeof(ClaimRequest))]
[JsonSerializable(typeof(ClaimResponse))]
[JsonSerializable(typeof(HeartbeatRequest))]
[JsonSerializable(typeof(HeartbeatResponse))]
[JsonSerializable(typeof(ReportRunningRequest))]
[JsonSerializable(typeof(ReportCompletedRequest))]
[JsonSerializable(typeof(ReportFailedRequest))]
[JsonSerializable(typeof(ReportsRequest))]
[JsonSerializable(typeof(ReportsResponse))]
[JsonSerializable(typeof(List<AgentView>))]
[JsonSerializable(typeof(DeviceRegistrationRequest))]
[JsonSerializable(typeof(DevicePatchRequest))]
[JsonSerializable(typeof(DeviceChangeView))]
[JsonSerializable(typeof(List<DeviceListEntry>))]
[JsonSerializable(typeof(List<DeviceVersionSummary>))]
[JsonSerializable(typeof(ViabilityRequest))]
[JsonSerializable(typeof(ViabilityView))]
[JsonSerializable(typeof(AcquireLeaseRequest))]
[JsonSerializable(typeof(RenewLeaseRequest))]
[JsonSerializable(typeof(LeaseGrantView))]
[JsonSerializable(typeof(GraphDefinition))]
[JsonSerializable(typeof(GraphView))]
[JsonSerializable(typeof(RunRequest))]
[JsonSerializable(typeof(RunView))]
[JsonSerializable(typeof(RunPage))]
[JsonSerializable(typeof(LeaseView))]
[JsonSerializable(typeof(DeviceLeasesView))]
[JsonSerializable(typeof(EventView))]
[JsonSerializable(typeof(CreateKeyRequest))]
[JsonSerializable(typeof(CreatedKeyView))]
[JsonSerializable(typeof(KeyView))]
[JsonSerializable(typeof(List<KeyView>))]
[JsonSerializable(typeof(Qonduit.Contracts.Placement.PlacementExplainRequest))]
[JsonSerializable(typeof(Qonduit.Contracts.Placement.PlacementExplanation))]
[JsonSerializable(typeof(Qonduit.Contracts.Consumers.ConsumerTreeView))]
[JsonSerializable(typeof(List<Qonduit.Contracts.Consumers.ConsumerTreeVersionView>))]
[JsonSerializable(typeof(List<Qonduit.Contracts.Consumers.FairShareRowView>))]
[JsonSerializable(typeof(Qonduit.Contracts.Consumers.AssignConsumerRequest))]
[JsonSerializable(typeof(Qonduit.Contracts.Accounting.AccountingReportView))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(ResourceView))]
[JsonSerializable(typeof(List<ResourceView>))]
[JsonSerializable(typeof(LoadIndexCatalogView))]
[JsonSerializable(typeof(DeclareLoadIndexRequest))]
[JsonSerializable(typeof(LoadIndexDeclarationView))]
[JsonSerializable(typeof(PushLoadIndicesRequest))]
[JsonSerializable(typeof(PushLoadIndicesResponse))]
[JsonSerializable(typeof(LoadIndexHistoryView))]
[JsonSerializable(typeof(Qonduit.Contracts.Artifacts.ArtifactView))]
[JsonSerializable(typeof(Qonduit.Contracts.Artifacts.ArtifactPage))]
[JsonSerializable(typeof(Qonduit.Contracts.Artifacts.ArtifactRef))]
[JsonSerializable(typeof(ApiProblem))]
public sealed partial class WireJson : JsonSerializerContext;
