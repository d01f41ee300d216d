using System.Collections.Immutable;
using Qonduit.Devices.Snapshots;
using Qonduit.Server.Metrics;

namespace Qonduit.Server.Tests.Metrics;

public sealed class CalibrationSummaryTests
{
    [Fact]
    public void Summaries_cover_online_qubits_and_available_couplers_only_with_a_nearest_rank_p90()
    {
        var qubits = Enumerable.Range(0, 10).Select(i => new QubitCalibration
        {
            Index = i,
            ReadoutError = (i + 1) / 100.0,
            Status = i == 9 ? QubitStatus.Offline : QubitStatus.Online,
        });
        var couplers = Enumerable.Range(0, 9).Select(i => new Coupler
        {
            Control = i, Target = i + 1, Gate = "cz", Error = (i + 1) / 1000.0,
            Status = i == 8 ? CouplerStatus.Unavailable : CouplerStatus.Available,
        });
        var snapshot = new DeviceSnapshot { Device = "d", NativeGates = ["cz"], Qubits = [.. qubits], Couplers = [.. couplers] };

        var summaries = CalibrationSummary.Of(snapshot).ToDictionary(s => s.Kind);

        Assert.False(summaries.ContainsKey("1q"));
        Assert.Equal(new ErrorSummary("readout", 0.05, 0.09, 0.09), summaries["readout"]);
        Assert.Equal(new ErrorSummary("2q", (0.004 + 0.005) / 2, 0.008, 0.008), summaries["2q"]);
    }

    [Fact]
    public void A_qubits_1q_error_is_the_median_of_its_gate_errors()
    {
        var qubit = new QubitCalibration { Index = 0, GateErrors = ImmutableSortedDictionary.CreateRange(new Dictionary<string, double> { ["sx"] = 0.001, ["x"] = 0.003, ["rz"] = 0 }) };
        var snapshot = new DeviceSnapshot { Device = "d", NativeGates = ["sx"], Qubits = [qubit], Couplers = [] };

        Assert.Equal(new ErrorSummary("1q", 0.001, 0.001, 0.001), Assert.Single(CalibrationSummary.Of(snapshot)));
    }
}
