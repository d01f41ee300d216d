using Qonduit.Devices.Snapshots;
using Qonduit.Devices.Tests.Import;

namespace Qonduit.Devices.Tests.Snapshots;

public sealed class ErrorPopulationsTests
{
    [Theory]
    [InlineData(new double[] { 0.3, 0.1, 0.2 }, 0.2)]
    [InlineData(new double[] { 0.4, 0.1, 0.3, 0.2 }, 0.25)]
    [InlineData(new double[] { 0.7 }, 0.7)]
    public void The_median_is_the_middle_value_or_the_mean_of_the_middle_two(double[] values, double median) =>
        Assert.Equal(median, ErrorPopulations.Median(values)!.Value, 15);

    [Fact]
    public void No_values_have_no_median() => Assert.Null(ErrorPopulations.Median([]));

    [Fact]
    public void An_offline_qubit_and_an_unavailable_coupler_leave_their_populations()
    {
        var fez = IbmBackendImporterTests.ImportShared("fez");
        var offline = fez with
        {
            Qubits = [.. fez.Qubits.Select(q => q.Index == 0 ? q with { Status = QubitStatus.Offline } : q)],
        };

        Assert.Equal(fez.Qubits.Length - 1, ErrorPopulations.Readout(offline).Count());
        Assert.Equal(fez.Qubits.Length - 1, ErrorPopulations.OneQubit(offline).Count());
        // ibm_fez's calibration marks 14 of its 352 directed couplers unavailable (error 1): they are not in the 2q population.
        Assert.Equal(338, ErrorPopulations.TwoQubit(fez).Count());
        Assert.True(ErrorPopulations.TwoQubit(fez).Max() < 0.5);
    }
}
