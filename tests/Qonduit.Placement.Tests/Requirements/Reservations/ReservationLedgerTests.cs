using Qonduit.Placement.Indices;
using Qonduit.Placement.Requirements;
using Qonduit.Placement.Requirements.Evaluation;
using Qonduit.Placement.Requirements.Reservations;
using Qonduit.Placement.Requirements.Syntax;
using static Qonduit.Placement.Tests.Lanes;

namespace Qonduit.Placement.Tests.Requirements.Reservations;

public sealed class ReservationLedgerTests
{
    private static readonly IndexCatalog Catalog = new([
        new IndexDeclaration("slots_free", IndexType.Numeric, consumable: true),
        new IndexDeclaration("qpu_fidelity", IndexType.Numeric, increasing: false),
    ]);

    [Fact]
    public void Acceptance_4_select_sees_the_reported_value_minus_what_is_reserved()
    {
        var ledger = new ReservationLedger();
        var evaluator = new RequirementEvaluator(Catalog, ledger);
        var lane = Lane("gpu-0", ("slots_free", 4));
        var first = RequirementRules.Admit("select[slots_free>=2] rusage[slots_free=3]", Catalog).Alternatives[0].Requirement;
        Assert.True(evaluator.Selects(first, lane, Now));

        ledger.Reserve("task-1", "gpu-0", first.Usage, Now);

        Assert.Equal(1, evaluator.Read("slots_free", lane, Now).Number);
        Assert.False(evaluator.Selects(first, lane, Now));
        Assert.Equal(4, evaluator.Read("slots_free", Lane("gpu-1", ("slots_free", 4)), Now).Number);
        ledger.Release("task-1");
        Assert.True(evaluator.Selects(first, lane, Now));
    }

    [Fact]
    public void Acceptance_4_rusage_of_a_non_consumable_index_is_a_400_naming_its_column()
    {
        var refused = Assert.Throws<RequirementException>(() => RequirementRules.Admit("select[qpu_fidelity>0.9] rusage[qpu_fidelity=1]", Catalog));
        Assert.Equal(ErrorCodes.Requirement.NotConsumable, refused.Code);
        Assert.Equal(33, refused.Column);
        Assert.Equal(400, Status.Of(ErrorCodes.Requirement.NotConsumable));
    }

    [Fact]
    public void A_reservation_with_a_duration_ends_then_and_decay_releases_it_linearly()
    {
        var ledger = new ReservationLedger();
        var uses = RequirementParser.Parse("rusage[slots_free=4:duration=10s:decay=1, qpu=2:duration=10s]").Alternatives[0].Requirement.Usage;
        ledger.Reserve("t", "l", uses, Now);

        Assert.Equal(4, ledger.Reserved("l", "slots_free", Now));
        Assert.Equal(2, ledger.Reserved("l", "slots_free", Now + TimeSpan.FromSeconds(5)), precision: 9);
        Assert.Equal(2, ledger.Reserved("l", "qpu", Now + TimeSpan.FromSeconds(9)));
        Assert.Equal(0, ledger.Reserved("l", "slots_free", Now + TimeSpan.FromSeconds(10)));
        Assert.Equal(0, ledger.Reserved("l", "qpu", Now + TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void A_reservation_without_a_duration_holds_until_the_task_releases_it()
    {
        var ledger = new ReservationLedger();
        ledger.Reserve("t", "l", RequirementParser.Parse("rusage[slots_free=1]").Alternatives[0].Requirement.Usage, Now);
        Assert.Equal(1, ledger.Reserved("l", "slots_free", Now + TimeSpan.FromDays(3)));
        ledger.Release("t");
        Assert.Equal(0, ledger.Reserved("l", "slots_free", Now + TimeSpan.FromDays(3)));
    }
}
