using System.Net.Http.Json;
using System.Text.Json;
using Qonduit.Devices.Snapshots;
using Qonduit.Server.Devices;
using Qonduit.Server.Tests.Infrastructure;
using Qonduit.Tests.Shared;

namespace Qonduit.Server.Tests.Devices;

public sealed class DevicesApiTests
{
    [Fact]
    public async Task Put_registers_from_a_snapshot_an_ibm_backend_or_a_generator()
    {
        await using var host = await ControlPlaneHost.StartAsync(registerLine: false);
        var snapshot = JsonDocument.Parse(SnapshotJson.Serialize(Samples.Line("from-snapshot"))).RootElement;
        var bySnapshot = await host.Admin.PutAsJsonAsync("/v1/devices/from-snapshot", new DeviceRegistrationRequest(Snapshot: snapshot));
        await Expect.StatusAsync(bySnapshot, 201);

        var ibm = new IbmRegistration(
            JsonDocument.Parse(File.ReadAllText(RepoPaths.IbmBackend("conf", "manila"))).RootElement,
            JsonDocument.Parse(File.ReadAllText(RepoPaths.IbmBackend("props", "manila"))).RootElement);
        var byIbm = await host.Admin.PutAsJsonAsync("/v1/devices/manila", new DeviceRegistrationRequest(Ibm: ibm));
        await Expect.StatusAsync(byIbm, 201);
        Assert.Equal(5, (await byIbm.Content.ReadFromJsonAsync<DeviceChangeView>())!.NumQubits);

        var byGenerator = await host.Admin.PutAsJsonAsync("/v1/devices/grid9", new DeviceRegistrationRequest(Generator: new GeneratorRegistration("grid", 9, 4)));
        await Expect.StatusAsync(byGenerator, 201);

        var listed = await host.Alice.GetFromJsonAsync<List<DeviceVersionSummary>>("/v1/devices");
        Assert.Equal(["from-snapshot", "grid9", "manila"], listed!.Select(d => d.Device));
        var current = SnapshotJson.Deserialize(await host.Agent.GetStringAsync("/v1/devices/grid9"));
        Assert.Equal(("grid9", 1, 9), (current.Device, current.Version, current.NumQubits));
    }

    [Fact]
    public async Task Put_errors_are_typed()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.ProblemAsync(await host.Admin.PutAsJsonAsync("/v1/devices/x", new DeviceRegistrationRequest()), 400, "device.invalid-registration");
        await Expect.ProblemAsync(await host.Admin.PutAsJsonAsync("/v1/devices/x", new DeviceRegistrationRequest(Generator: new GeneratorRegistration("moebius", 4))), 400, "device.unknown-family");
        await Expect.ProblemAsync(await host.Admin.PutAsJsonAsync("/v1/devices/bad name", new DeviceRegistrationRequest(Generator: new GeneratorRegistration("ring", 4))), 400, "device.invalid-name");
        var malformed = JsonDocument.Parse("""{"device":"x","nativeGates":"cz"}""").RootElement;
        await Expect.ProblemAsync(await host.Admin.PutAsJsonAsync("/v1/devices/x", new DeviceRegistrationRequest(Snapshot: malformed)), 400, ErrorCodes.Snapshot.MalformedJson);
        await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/devices/nowhere"), 404, "device.not-found");
        await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/devices/line5/snapshots/9"), 404, "device.version-not-found");
    }

    [Fact]
    public async Task An_unknown_device_is_answered_with_the_registered_names_it_may_be_a_slip_of()
    {
        await using var host = await ControlPlaneHost.StartAsync();

        var submitted = await Expect.ProblemAsync(await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("lin5", Samples.Bell, null, 10)), 404, "device.not-found");
        var read = await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/devices/line55"), 404, "device.not-found");
        var leased = await Expect.ProblemAsync(await host.Alice.TryAcquireAsync("Line5"), 404, "device.not-found");
        var unrelated = await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/devices/quantinuum"), 404, "device.not-found");

        Assert.Equal(["line5"], submitted.GetProperty("suggestions").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["line5"], read.GetProperty("suggestions").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["line5"], leased.GetProperty("suggestions").EnumerateArray().Select(s => s.GetString()));
        Assert.Empty(unrelated.GetProperty("suggestions").EnumerateArray());
    }

    [Fact]
    public async Task Every_patch_is_a_new_immutable_version_and_the_history_keeps_them_all()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var offline = await host.Admin.PatchAsJsonAsync("/v1/devices/line5", new DevicePatchRequest(Qubits: [new QubitPatch(2, Status: QubitStatus.Offline)]));
        Assert.Equal(2, (await offline.Content.ReadFromJsonAsync<DeviceChangeView>())!.Version);
        var coupler = await host.Admin.PatchAsJsonAsync("/v1/devices/line5", new DevicePatchRequest(Couplers: [new CouplerPatch(0, 1, Error: 0.25, Status: CouplerStatus.Unavailable)]));
        Assert.Equal(3, (await coupler.Content.ReadFromJsonAsync<DeviceChangeView>())!.Version);
        var ideal = Samples.Line(ideal: true);
        var recalibrated = await host.Admin.PatchAsJsonAsync("/v1/devices/line5", new DevicePatchRequest(Source: "recalibration", Recalibration: new Recalibration(ideal.Qubits, ideal.Couplers)));
        Assert.Equal(4, (await recalibrated.Content.ReadFromJsonAsync<DeviceChangeView>())!.Version);

        var history = await host.Alice.GetFromJsonAsync<List<DeviceVersionSummary>>("/v1/devices/line5/snapshots");
        Assert.Equal([1, 2, 3, 4], history!.Select(h => h.Version));
        var v2 = SnapshotJson.Deserialize(await host.Alice.GetStringAsync("/v1/devices/line5/snapshots/2"));
        Assert.Equal(QubitStatus.Offline, v2.Qubits[2].Status);
        Assert.Equal(CouplerStatus.Available, v2.Couplers.Single(c => c.Control == 0 && c.Target == 1).Status);
        var v3 = SnapshotJson.Deserialize(await host.Alice.GetStringAsync("/v1/devices/line5/snapshots/3"));
        Assert.Equal((0.25, CouplerStatus.Unavailable), v3.Couplers.Single(c => c.Control == 0 && c.Target == 1) is var c01 ? (c01.Error, c01.Status) : default);
        var v4 = SnapshotJson.Deserialize(await host.Alice.GetStringAsync("/v1/devices/line5"));
        Assert.All(v4.Qubits, q => Assert.Equal(0, q.ReadoutError));
        Assert.Equal("recalibration", v4.Source);
    }

    [Fact]
    public async Task A_patch_that_changes_nothing_adds_no_version_and_unknown_targets_are_422()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var same = Samples.Line();
        var response = await host.Admin.PatchAsJsonAsync("/v1/devices/line5", new DevicePatchRequest(Source: same.Source));
        var change = (await response.Content.ReadFromJsonAsync<DeviceChangeView>())!;
        Assert.Equal((1, false), (change.Version, change.Changed));
        await Expect.ProblemAsync(await host.Admin.PatchAsJsonAsync("/v1/devices/line5", new DevicePatchRequest(Qubits: [new QubitPatch(9, Status: QubitStatus.Offline)])), 422, "device.unknown-qubit");
        await Expect.ProblemAsync(await host.Admin.PatchAsJsonAsync("/v1/devices/line5", new DevicePatchRequest(Couplers: [new CouplerPatch(0, 3, Error: 0.1)])), 422, "device.unknown-coupler");
        await Expect.ProblemAsync(await host.Admin.PatchAsJsonAsync("/v1/devices/nowhere", new DevicePatchRequest(MaxShots: 5)), 404, "device.not-found");
        Assert.Single(host.Store.DeviceHistory("line5"));
    }

    [Fact]
    public async Task Reads_without_a_mutation_are_served_from_the_cache_until_the_ttl()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var store = (InMemoryControlPlaneStore)host.Store;
        await host.Alice.GetStringAsync("/v1/devices/line5");
        var reads = store.DeviceReads;
        for (var i = 0; i < 5; i++) await host.Alice.GetStringAsync("/v1/devices/line5");
        await host.SubmitAsync();
        Assert.Equal(reads, store.DeviceReads);

        host.Clock.Advance(TimeSpan.FromSeconds(6));
        await host.Alice.GetStringAsync("/v1/devices/line5");
        Assert.Equal(reads + 1, store.DeviceReads);
    }

    [Fact]
    public async Task A_read_after_a_patch_sees_the_new_version_at_once()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        Assert.Equal(1, SnapshotJson.Deserialize(await host.Alice.GetStringAsync("/v1/devices/line5")).Version);
        await host.Admin.PatchAsJsonAsync("/v1/devices/line5", new DevicePatchRequest(Qubits: [new QubitPatch(4, Status: QubitStatus.Offline)]));

        var after = SnapshotJson.Deserialize(await host.Alice.GetStringAsync("/v1/devices/line5"));
        Assert.Equal((2, QubitStatus.Offline), (after.Version, after.Qubits[4].Status));
        Assert.Equal(2, (await host.Alice.GetFromJsonAsync<List<DeviceVersionSummary>>("/v1/devices"))!.Single().Version);
        var refused = await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("line5", Samples.WithQubits(5), null, 10));
        await Expect.ProblemAsync(refused, 422, "admission.inadmissible");
    }

    [Fact]
    public async Task Viability_reports_violations_without_creating_a_task()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var good = await (await host.Alice.PostAsJsonAsync("/v1/devices/line5/viability", new ViabilityRequest(Samples.Bell))).Content.ReadFromJsonAsync<ViabilityView>();
        Assert.True(good!.Admissible);
        var bad = await (await host.Alice.PostAsJsonAsync("/v1/devices/line5/viability", new ViabilityRequest(Samples.Inadmissible, Transpile: false))).Content.ReadFromJsonAsync<ViabilityView>();
        Assert.False(bad!.Admissible);
        Assert.NotEmpty(bad.Violations);
        Assert.Empty(host.Store.ListTasks(new()));
    }

    [Fact]
    public async Task The_bundled_devices_are_seeded_into_an_empty_registry()
    {
        await using var host = await ControlPlaneHost.StartAsync(configure: o => o.SeedBundledDevices = true, registerLine: false);
        var devices = host.Store.ListDevices().Select(d => d.Device).ToList();
        Assert.Contains("ibm_fez", devices);
        Assert.Contains("ibm_fez-ideal", devices);
        Assert.Contains("heavy-hex-27", devices);
        Assert.True(devices.Count >= 7);
    }
}
