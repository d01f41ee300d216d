using Microsoft.AspNetCore.Http.HttpResults;
using Qonduit.Devices.Generators;
using Qonduit.Devices.Import;
using Qonduit.Devices.Snapshots;
using Qonduit.Server.Auth;
using Qonduit.Server.Leases;
using Qonduit.Server.Problems;
using Qonduit.Server.Tasks;

namespace Qonduit.Server.Devices;

/// <summary>The device registry over HTTP: reads for every role, PUT/PATCH for admins, viability pre-flight.</summary>
public static class DevicesApi
{
    public static IServiceCollection AddDevices(this IServiceCollection services) =>
        services.AddSingleton<DeviceRegistry>().AddHostedService<BundledDeviceSeeder>();

    public static IEndpointRouteBuilder MapDevices(this IEndpointRouteBuilder app)
    {
        var devices = app.MapGroup("/v1/devices").RequireAuthorization(AuthSetup.Anyone).WithTags("Devices");
        devices.MapGet("", List).WithName("listDevices").WithSummary("the current version of every device, with its lanes, lanes in use and queue depth");
        devices.MapGet("/{id}", Current).WithName("getDevice").WithSummary("the current snapshot of the device")
            .Produces<DeviceSnapshot>(200).ProducesProblem(404);
        devices.MapGet("/{id}/snapshots", History).WithName("listDeviceSnapshots").ProducesProblem(404);
        devices.MapGet("/{id}/snapshots/{version:int}", Version).WithName("getDeviceSnapshot").Produces<DeviceSnapshot>(200).ProducesProblem(404);
        // No device has a version "latest" or "1.5": the same domain 404 as a version that does not exist yet, not the router's.
        devices.MapGet("/{id}/snapshots/{version}", IResult (string id, string version) => throw MissingVersion(id, version)).ExcludeFromDescription();
        devices.MapPost("/{id}/viability", Viability).WithName("checkViability").ProducesProblem(400).ProducesProblem(404).ProducesProblem(413).ProducesProblem(422);
        devices.MapPut("/{id}", Register).RequireAuthorization(AuthSetup.Admins).WithName("registerDevice").WithSummary("register a new version from a snapshot, IBM JSON or a generator spec")
            .ProducesProblem(400);
        devices.MapPatch("/{id}", Patch).RequireAuthorization(AuthSetup.Admins).WithName("patchDevice").WithSummary("partial change of the current version, giving the next")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(422);
        return app;
    }

    private static Ok<List<DeviceListEntry>> List(DeviceRegistry registry, LeaseBook leases, Storage.IControlPlaneStore store)
    {
        var current = registry.List();
        var inUse = leases.LanesInUse(current);
        var queues = store.Statistics().QueueDepthByDevice;
        return TypedResults.Ok(current.Select(d => new DeviceListEntry(d.Device, d.Version, d.CreatedAt, d.Source, d.Hash, d.NumQubits, d.Lanes,
            inUse.GetValueOrDefault(d.Device), queues.GetValueOrDefault(d.Device))).ToList());
    }

    private static ContentHttpResult Current(string id, DeviceRegistry registry) =>
        Snapshot(registry.Current(id) ?? throw registry.Unknown(id));

    private static Ok<IReadOnlyList<DeviceVersionSummary>> History(string id, DeviceRegistry registry) =>
        registry.History(id) is { Count: > 0 } history ? TypedResults.Ok(history) : throw registry.Unknown(id);

    private static ContentHttpResult Version(string id, int version, DeviceRegistry registry) =>
        Snapshot(registry.Version(id, version) ?? throw MissingVersion(id, version.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static ControlPlaneException MissingVersion(string id, string version) =>
        ControlPlaneException.NotFound(ErrorCodes.Device.VersionNotFound, $"device '{id}' has no version {version}");

    private static Ok<ViabilityView> Viability(string id, ViabilityRequest request, TaskAdmission admission)
    {
        var (device, circuit, _, report, _) = admission.Check(id, request.Circuit, request.Dialect, request.Shots ?? 1, request.SnapshotVersion, request.Transpile ?? true, request.Trajectories);
        return TypedResults.Ok(new ViabilityView(device.Stored.Device, device.Stored.Version, report.IsAdmissible, circuit.NumQubits,
            circuit.Instructions.Count, [.. report.Violations.Select(TaskViews.From)]));
    }

    private static async Task<Results<Created<DeviceChangeView>, Ok<DeviceChangeView>>> Register(
        string id, DeviceRegistrationRequest request, HttpContext context, DeviceRegistry registry)
    {
        DeviceRegistry.ValidateName(id);
        var snapshot = FromRegistration(id, request);
        var change = await registry.RegisterAsync(id, snapshot, Caller.From(context.User).Name, request.Lanes, context.RequestAborted).ConfigureAwait(false);
        var view = DeviceViews.From(change);
        return change.Created && change.Version.Version == 1 ? TypedResults.Created($"/v1/devices/{id}", view) : TypedResults.Ok(view);
    }

    private static async Task<Ok<DeviceChangeView>> Patch(string id, DevicePatchRequest request, HttpContext context, DeviceRegistry registry)
    {
        var by = Caller.From(context.User).Name;
        var change = await registry.MutateAsync(id, current => DevicePatching.Apply(current ?? throw NotFound(id), request, by), by, request.Lanes, context.RequestAborted)
            .ConfigureAwait(false);
        return TypedResults.Ok(DeviceViews.From(change));
    }

    private static DeviceSnapshot FromRegistration(string id, DeviceRegistrationRequest request)
    {
        var given = (request.Snapshot is null ? 0 : 1) + (request.Ibm is null ? 0 : 1) + (request.Generator is null ? 0 : 1);
        if (given != 1)
            throw ControlPlaneException.BadRequest(ErrorCodes.Device.InvalidRegistration, "give exactly one of 'snapshot', 'ibm' or 'generator'", Origins.Admin);
        if (request.Snapshot is { } snapshot) return SnapshotJson.Deserialize(snapshot.GetRawText()) with { Device = id };
        if (request.Ibm is { } ibm) return IbmBackendImporter.Import(ibm.Configuration.GetRawText(), ibm.Properties.GetRawText()) with { Device = id };
        var generator = request.Generator!;
        if (generator.Family is null || !GeneratorSpec.TryParseFamily(generator.Family, out var family))
            throw ControlPlaneException.BadRequest(ErrorCodes.Device.UnknownFamily, $"unknown topology family '{generator.Family}' (heavy-hex, grid, ring, line, star, full)", Origins.Admin);
        return DeviceGenerator.Generate(new GeneratorSpec(family, generator.Qubits, generator.Seed, generator.Ideal, id));
    }

    private static ContentHttpResult Snapshot(LoadedDevice device) => TypedResults.Text(device.Stored.SnapshotJson, "application/json");

    private static ControlPlaneException NotFound(string id) => ControlPlaneException.NotFound(ErrorCodes.Device.NotFound, $"no device '{id}'");
}
