using System.Text.Json;
using Qonduit.Agent.Elim;
using Qonduit.Agent.Tests.Fakes;
using Qonduit.Contracts.Resources;

namespace Qonduit.Agent.Tests.Elim;

public sealed class ReporterValuesTests
{
    private readonly ManualClock _clock = new(DateTimeOffset.UnixEpoch);
    private readonly ReporterValues _board;

    public ReporterValuesTests()
    {
        _board = new ReporterValues(_clock);
        _board.UseCatalog(ReporterScripts.Catalog);
    }

    [Fact]
    public void Lines_are_refused_as_undeclared_until_declarations_are_fetched()
    {
        var board = new ReporterValues(_clock);

        Assert.False(board.Accept("1 cpu_load 1", null).Accepted);
        Assert.Null(board.CatalogVersion);
        Assert.Empty(board.ValuesFor(["sim"]));
    }

    [Fact]
    public void A_reporter_without_resource_reports_for_every_resource_and_name_at_resource_scopes_one_value()
    {
        _board.Accept("2 cpu_load 0.5 gpu_state@gpu-a busy", null);

        var values = _board.ValuesFor(["sim", "gpu-a"]);

        Assert.Equal(0.5, values["sim"]["cpu_load"].Value.GetDouble());
        Assert.DoesNotContain("gpu_state", values["sim"].Keys);
        Assert.Equal(JsonValueKind.String, values["gpu-a"]["gpu_state"].Value.ValueKind);
        Assert.Equal("busy", values["gpu-a"]["gpu_state"].Value.GetString());
    }

    [Fact]
    public void A_reporter_bound_to_a_resource_reports_for_that_resource_only()
    {
        _board.Accept("1 cpu_load 4", "gpu-a");

        var values = _board.ValuesFor(["sim", "gpu-a"]);

        Assert.Equal(["gpu-a"], values.Keys);
        Assert.Equal(4, values["gpu-a"]["cpu_load"].Value.GetDouble());
    }

    [Fact]
    public void Each_value_carries_its_age_and_is_dropped_after_ten_intervals()
    {
        _board.Accept("1 cpu_load 4", null);
        _clock.Advance(TimeSpan.FromMilliseconds(2500));

        Assert.Equal(2500, _board.ValuesFor(["sim"])["sim"]["cpu_load"].AgeMs);

        _clock.Advance(TimeSpan.FromSeconds(8));
        Assert.Empty(_board.ValuesFor(["sim"]));
    }

    [Fact]
    public void Another_catalog_version_replaces_the_declarations_and_an_unreadable_declaration_is_kept_out()
    {
        var unreadable = _board.UseCatalog(new LoadIndexCatalogView(2,
        [
            new LoadIndexDeclarationView("gpu_util", "numeric", 1000, true, false, "%", null, false),
            new LoadIndexDeclarationView("odd", "colour", 1000, true, false, null, null, false),
        ]));

        Assert.Equal(["odd: unknown type 'colour'"], unreadable);
        Assert.Equal(2, _board.CatalogVersion);
        Assert.True(_board.Accept("1 gpu_util 40", null).Accepted);
        Assert.False(_board.Accept("1 cpu_load 1", null).Accepted);

    }

    [Fact]
    public void The_same_version_keeps_the_values_and_a_lower_one_from_a_restarted_control_plane_is_followed()
    {
        _board.Accept("1 cpu_load 1", null);

        _board.UseCatalog(ReporterScripts.Catalog);
        Assert.Equal(1, _board.ValuesFor(["sim"])["sim"]["cpu_load"].Value.GetDouble());

        _board.UseCatalog(new LoadIndexCatalogView(7, []));
        _board.UseCatalog(ReporterScripts.Catalog with { Version = 1 });
        Assert.Equal(1, _board.CatalogVersion);
        Assert.True(_board.Accept("1 cpu_load 2", null).Accepted);
    }
}
