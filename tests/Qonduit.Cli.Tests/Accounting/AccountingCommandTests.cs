using Qonduit.Cli.Accounting;
using Qonduit.Contracts.Accounting;

namespace Qonduit.Cli.Tests.Accounting;

/// <summary>`qonduit accounting`: the table with its total line, the CSV without one. Against a server: AccountingThroughServeTests.</summary>
public sealed class AccountingCommandTests
{
    private static readonly AccountingReportView Report = new("consumer", null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1), null,
        [new AccountingRowView("/chem/alice", 2, 12.5, 1100, 9, 0.75), new AccountingRowView("/opt/b,ob", 1, 0, 100, 1, 2)],
        new AccountingRowView("total", 3, 12.5, 1200, 10, 2.75), false);

    [Fact]
    public void The_table_aligns_the_figures_and_ends_with_the_total()
    {
        Assert.Equal(
        [
            "Consumer     Tasks  LaneSeconds  Shots  Simulations  CpuSeconds",
            "-----------  -----  -----------  -----  -----------  ----------",
            "/chem/alice      2       12.500   1100            9       0.750",
            "/opt/b,ob        1        0.000    100            1       2.000",
            "-----------  -----  -----------  -----  -----------  ----------",
            "total            3       12.500   1200           10       2.750",
        ], AccountingCommand.Lines(Report, csv: false));
    }

    [Fact]
    public void The_csv_has_a_header_and_one_line_per_group_with_a_comma_in_a_key_quoted()
    {
        Assert.Equal(
        [
            "Consumer,Tasks,LaneSeconds,Shots,Simulations,CpuSeconds",
            "/chem/alice,2,12.500,1100,9,0.750",
            "\"/opt/b,ob\",1,0.000,100,1,2.000",
        ], AccountingCommand.Lines(Report, csv: true));
    }

    [Fact]
    public void A_from_that_is_no_time_is_refused_with_its_code_before_anything_is_sent()
    {
        var run = QonduitProcess.Run("accounting", "--from", "last-week", "--server", "http://127.0.0.1:9", "--key", "qk_x");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error [accounting.invalid-window]", run.Stderr, StringComparison.Ordinal);
    }
}
