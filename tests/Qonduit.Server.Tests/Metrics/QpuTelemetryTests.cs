using System.Net.Http.Json;
using Qonduit.Devices.Bundled;
using Qonduit.Devices.Snapshots;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Metrics;

public sealed class QpuTelemetryTests
{
    private static DeviceSnapshot Fez() => BundledDevices.TryGet("ibm_fez", out var snapshot) ? snapshot : throw new InvalidOperationException("no ibm_fez");

    [Fact]
    public async Task Metrics_carry_ibm_fez_calibration_in_base_units_from_its_snapshot()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var fez = Fez();
        await host.RegisterAsync(fez);

        var samples = await Exposition.ScrapeAsync(host.Alice);

        var t1 = samples["qonduit_qpu_qubit_t1_seconds{device=\"ibm_fez\",qubit=\"0\"}"];
        Assert.Equal(fez.Qubits[0].T1Us!.Value * 1e-6, t1);
        Assert.Equal(48.81e-6, t1, 1e-8);
        Assert.Equal(fez.Qubits[0].T2Us!.Value * 1e-6, samples["qonduit_qpu_qubit_t2_seconds{device=\"ibm_fez\",qubit=\"0\"}"]);
        Assert.Equal(fez.Qubits[0].ReadoutError!.Value, samples["qonduit_qpu_qubit_readout_error_ratio{device=\"ibm_fez\",qubit=\"0\"}"]);
        var coupler = fez.Couplers.First(c => c.Control == 3 && c.Target == 4);
        Assert.Equal(coupler.Error, samples[$"qonduit_qpu_gate_error_ratio{{device=\"ibm_fez\",gate=\"{coupler.Gate}\",qubits=\"3_4\"}}"]);
        Assert.Equal(coupler.GateLengthNs!.Value * 1e-9, samples[$"qonduit_qpu_gate_duration_seconds{{device=\"ibm_fez\",gate=\"{coupler.Gate}\",qubits=\"3_4\"}}"]);
        Assert.Equal(host.Clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0, samples["qonduit_qpu_calibration_timestamp_seconds{device=\"ibm_fez\"}"]);
        Assert.Equal(1, samples["qonduit_qpu_up{device=\"ibm_fez\"}"]);
        Assert.Equal(0, samples["qonduit_qpu_queue_depth{device=\"ibm_fez\"}"]);
        Assert.Equal(fez.Qubits.Length, samples.Keys.Count(k => k.StartsWith("qonduit_qpu_qubit_t1_seconds{device=\"ibm_fez\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task One_minus_the_2q_median_error_is_the_qpu_fidelity_placement_reads()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var fez = Fez();
        await host.RegisterAsync(fez);

        var samples = await Exposition.ScrapeAsync(host.Alice);

        // qpu_fidelity (docs/orchestration.md §1) is 1 − the median error of the available couplers.
        var errors = fez.Couplers.Where(c => c.Status == CouplerStatus.Available).Select(c => c.Error).Order().ToArray();
        var median = errors.Length % 2 == 1 ? errors[errors.Length / 2] : (errors[errors.Length / 2 - 1] + errors[errors.Length / 2]) / 2;
        Assert.Equal(1 - median, 1 - samples["qonduit_qpu_error_ratio{device=\"ibm_fez\",kind=\"2q\",stat=\"median\"}"]);
        Assert.Equal(errors[^1], samples["qonduit_qpu_error_ratio{device=\"ibm_fez\",kind=\"2q\",stat=\"max\"}"]);
        foreach (var kind in new[] { "1q", "2q", "readout" })
        {
            var p90 = samples[$"qonduit_qpu_error_ratio{{device=\"ibm_fez\",kind=\"{kind}\",stat=\"p90\"}}"];
            Assert.InRange(p90, samples[$"qonduit_qpu_error_ratio{{device=\"ibm_fez\",kind=\"{kind}\",stat=\"median\"}}"],
                samples[$"qonduit_qpu_error_ratio{{device=\"ibm_fez\",kind=\"{kind}\",stat=\"max\"}}"]);
        }
    }

    [Fact]
    public async Task A_calibration_update_shows_in_the_next_scrape_and_the_old_info_series_is_gone()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var fez = Fez();
        await host.RegisterAsync(fez);
        Assert.Equal(1, (await Exposition.ScrapeAsync(host.Alice))["qonduit_qpu_info{device=\"ibm_fez\",backend=\"ibm-properties\",num_qubits=\"156\",snapshot=\"1\"}"]);

        host.Clock.Advance(TimeSpan.FromHours(1));
        await host.RegisterAsync(fez with { Qubits = fez.Qubits.SetItem(0, fez.Qubits[0] with { T1Us = 100 }) });
        var samples = await Exposition.ScrapeAsync(host.Alice);

        Assert.Equal(100e-6, samples["qonduit_qpu_qubit_t1_seconds{device=\"ibm_fez\",qubit=\"0\"}"], 1e-15);
        Assert.Equal(host.Clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0, samples["qonduit_qpu_calibration_timestamp_seconds{device=\"ibm_fez\"}"]);
        Assert.Single(samples.Keys, k => k.StartsWith("qonduit_qpu_info{device=\"ibm_fez\"", StringComparison.Ordinal));
        Assert.True(samples.ContainsKey("qonduit_qpu_info{device=\"ibm_fez\",backend=\"ibm-properties\",num_qubits=\"156\",snapshot=\"2\"}"));
    }

    [Fact]
    public async Task A_finished_task_counts_by_status_adds_its_shots_and_the_time_its_agent_held_it()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await host.SubmitAsync(shots: 300);
        var claim = await host.ClaimAsync("agent-1");
        host.Clock.Advance(TimeSpan.FromSeconds(2.5));
        await Expect.StatusAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{claim.Task!.Id}/completed", new ReportCompletedRequest("agent-1", Samples.Result())), 200);
        var cancelled = await host.SubmitAsync();
        await Expect.StatusAsync(await host.Alice.PostAsync(new Uri($"/v1/tasks/{cancelled.Id}/cancel", UriKind.Relative), null), 200);

        var samples = await Exposition.ScrapeAsync(host.Alice);

        Assert.Equal(1, samples["qonduit_qpu_tasks_total{device=\"line5\",status=\"completed\"}"]);
        Assert.Equal(1, samples["qonduit_qpu_tasks_total{device=\"line5\",status=\"cancelled\"}"]);
        Assert.Equal(300, samples["qonduit_qpu_shots_total{device=\"line5\"}"]);
        Assert.Equal(2.5, samples["qonduit_qpu_busy_seconds_total{device=\"line5\",lane=\"agent-1\"}"]);
    }
}
