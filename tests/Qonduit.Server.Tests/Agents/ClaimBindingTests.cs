using System.Net.Http.Json;
using Qonduit.Devices.Snapshots;
using Qonduit.Server.Devices;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Agents;

/// <summary>HPC-vQPU's decisive experiment: a task runs on the snapshot current when it is claimed, not when it was submitted.</summary>
public sealed class ClaimBindingTests
{
    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task Tasks_submitted_on_a_noisy_device_bind_the_ideal_version_it_has_at_claim_time(StoreKind kind)
    {
        await using var host = await ControlPlaneHost.StartAsync(kind);
        var submitted = new List<Guid>();
        for (var i = 0; i < 8; i++) submitted.Add((await host.SubmitAsync()).Id);
        var ideal = Samples.Line(ideal: true);
        await host.Admin.PatchAsJsonAsync("/v1/devices/line5", new DevicePatchRequest(Source: "ideal", Recalibration: new Recalibration(ideal.Qubits, ideal.Couplers)));

        for (var i = 0; i < 8; i++)
        {
            var claim = await host.ClaimAsync($"agent-{i % 3}");
            Assert.Contains(claim.Task.Id, submitted);
            Assert.Equal(2, claim.Task.BoundSnapshotVersion);
            var bound = SnapshotJson.Deserialize(claim.Snapshot.GetRawText());
            Assert.Equal(2, bound.Version);
            Assert.All(bound.Couplers, c => Assert.Equal(0, c.Error));
            Assert.Equal(1, host.Store.GetTask(claim.Task.Id)!.AdmittedSnapshotVersion);
        }
    }

    [Fact]
    public async Task Claim_reads_the_store_not_the_device_cache()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await host.Alice.GetStringAsync("/v1/devices/line5");
        var task = await host.SubmitAsync();
        // A version written behind the registry's back: the cache still holds v1 and is not invalidated.
        var v2 = Samples.Line() with { Version = 2, Source = "behind the cache" };
        await host.Store.WriteAsync(w =>
        {
            w.InsertDeviceVersion(new DeviceVersion("line5", 2, host.Clock.GetUtcNow(), v2.Source, SnapshotHash.Compute(v2), 5, SnapshotJson.Serialize(v2)));
            return 0;
        });
        Assert.Equal(1, host.Get<DeviceRegistry>().Current("line5")!.Stored.Version);

        var claim = await host.ClaimAsync();
        Assert.Equal((task.Id, 2), (claim.Task.Id, claim.Task.BoundSnapshotVersion));
    }

    [Fact]
    public async Task Interleaved_submissions_to_a_noisy_and_an_ideal_device_never_cross_bind()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await host.RegisterAsync(IdealTwin.Of(Samples.Line()));
        var device = new Dictionary<Guid, string>();
        for (var i = 0; i < 10; i++)
        {
            var name = i % 2 == 0 ? "line5" : "line5-ideal";
            device[(await host.SubmitAsync(device: name)).Id] = name;
        }
        for (var i = 0; i < 10; i++)
        {
            var claim = await host.ClaimAsync();
            var bound = SnapshotJson.Deserialize(claim.Snapshot.GetRawText());
            Assert.Equal(device[claim.Task.Id], bound.Device);
            Assert.Equal(bound.Device == "line5-ideal", bound.Couplers.All(c => c.Error == 0));
        }
    }

    [Fact]
    public async Task A_pinned_snapshot_version_is_admitted_and_bound_as_pinned()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await host.Admin.PatchAsJsonAsync("/v1/devices/line5", new DevicePatchRequest(Qubits: [new QubitPatch(1, Status: QubitStatus.Offline)]));
        await Expect.ProblemAsync(await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("line5", Samples.Bell, null, 10, Transpile: false)), 422, "admission.inadmissible");

        var replay = await host.SubmitAsync(snapshotVersion: 1);
        Assert.Equal(1, replay.AdmittedSnapshotVersion);
        var claim = await host.ClaimAsync();
        Assert.Equal((replay.Id, 1), (claim.Task.Id, claim.Task.BoundSnapshotVersion));
        await Expect.ProblemAsync(await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("line5", Samples.Bell, null, 10, SnapshotVersion: 7)), 404, "device.version-not-found");
    }
}
