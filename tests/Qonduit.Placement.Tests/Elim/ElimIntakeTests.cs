using Qonduit.Placement.Elim;
using Qonduit.Placement.Indices;
using Qonduit.Tests.Shared;

namespace Qonduit.Placement.Tests.Elim;

public sealed class ElimIntakeTests
{
    private static readonly IndexCatalog Catalog = new([
        new IndexDeclaration("qpu_fidelity", IndexType.Numeric, TimeSpan.FromSeconds(5), increasing: false),
        new IndexDeclaration("qpu_queue_depth", IndexType.Numeric),
        new IndexDeclaration("qpu_calibration_age", IndexType.Numeric),
    ]);

    [Fact]
    public void Acceptance_5_accepted_lines_store_their_values_and_refused_ones_are_counted_by_reason()
    {
        var intake = new ElimIntake(Catalog, new ManualTimeProvider());
        intake.Accept("3 qpu_fidelity 0.995 qpu_queue_depth 3 qpu_calibration_age 1200");
        intake.Accept("2 qpu_fidelity 1");
        intake.Accept("1 qpu_fidelity NaN");
        intake.Accept("1 qpu_fidelity 1e31");
        intake.Accept("1 gpu_util 50");
        intake.Accept("1 gpu_util 51");

        Assert.Equal(1, intake.AcceptedLines);
        Assert.Equal(3, intake.ValuesFor("ibm_fez/0").Count);
        Assert.Equal(0.995, intake.ValuesFor("ibm_fez/0")["qpu_fidelity"].Value.Number);
        Assert.Equal(1, intake.Rejected[ElimRejection.WrongCount]);
        Assert.Equal(1, intake.Rejected[ElimRejection.NonFinite]);
        Assert.Equal(1, intake.Rejected[ElimRejection.OutOfRange]);
        Assert.Equal(2, intake.Rejected[ElimRejection.Undeclared]);
    }

    [Fact]
    public void The_latest_value_wins_whichever_reporter_sent_it_and_a_lane_scoped_value_only_reaches_its_lane()
    {
        var clock = new ManualTimeProvider();
        var intake = new ElimIntake(Catalog, clock);
        intake.Accept("1 qpu_queue_depth 3");
        clock.Advance(TimeSpan.FromSeconds(1));
        intake.Accept("1 qpu_queue_depth@lane-1 7");

        Assert.Equal(7, intake.ValuesFor("lane-1")["qpu_queue_depth"].Value.Number);
        Assert.Equal(3, intake.ValuesFor("lane-2")["qpu_queue_depth"].Value.Number);

        clock.Advance(TimeSpan.FromSeconds(1));
        intake.Accept("1 qpu_queue_depth 1");
        Assert.Equal(1, intake.ValuesFor("lane-1")["qpu_queue_depth"].Value.Number);
    }

    [Fact]
    public void A_value_is_forgotten_after_ten_intervals()
    {
        var clock = new ManualTimeProvider();
        var intake = new ElimIntake(Catalog, clock);
        intake.Accept("1 qpu_fidelity 0.99");
        clock.Advance(TimeSpan.FromSeconds(50));
        Assert.True(intake.ValuesFor("l").ContainsKey("qpu_fidelity"));
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Empty(intake.ValuesFor("l"));
    }

    [Fact]
    public void A_lane_scoped_value_beats_an_unscoped_one_of_the_same_instant()
    {
        var intake = new ElimIntake(Catalog, new ManualTimeProvider());
        intake.Accept("1 qpu_queue_depth@lane-1 7");
        intake.Accept("1 qpu_queue_depth 3");
        Assert.Equal(7, intake.ValuesFor("lane-1")["qpu_queue_depth"].Value.Number);
    }
}
