using Qonduit.Devices.Snapshots;
using Qonduit.Devices.Tests.Import;

namespace Qonduit.Devices.Tests.Snapshots;

public sealed class SnapshotSummaryTests
{
    [Fact]
    public void The_summary_of_ibm_fez_counts_couplers_and_lists_the_broken_ones()
    {
        var summary = SnapshotSummary.Of(IbmBackendImporterTests.ImportShared("fez"));

        Assert.Equal(156, summary.Qubits);
        Assert.Equal(352, summary.DirectedCouplers);
        Assert.Equal(176, summary.CoupledPairs);
        Assert.Equal(3, summary.MaxDegree);
        Assert.True(summary.Connected);
        Assert.Empty(summary.OfflineQubits);
        Assert.Equal(14, summary.UnavailableCouplers.Count);
    }

    [Fact]
    public void Worst_means_shortest_for_coherence_and_largest_for_errors()
    {
        var fez = IbmBackendImporterTests.ImportShared("fez");
        var summary = SnapshotSummary.Of(fez);

        var t1 = summary.Statistics.Single(s => s.Name == "T1");
        var readout = summary.Statistics.Single(s => s.Name == "readout error");
        var cz = summary.Statistics.Single(s => s.Name == "cz error (couplers)");

        Assert.Equal(fez.Qubits.Min(q => q.T1Us), t1.Worst);
        Assert.Equal(fez.Qubits.Max(q => q.ReadoutError), readout.Worst);
        Assert.InRange(t1.Median, t1.Worst, fez.Qubits.Max(q => q.T1Us!.Value));
        Assert.True(cz.Worst < 0.5, "unavailable couplers are left out of the coupler statistics");
        Assert.Equal(338, cz.Count);
    }
}
