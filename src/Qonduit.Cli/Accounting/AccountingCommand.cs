using System.CommandLine;
using System.Globalization;
using Qonduit.Circuits;
using Qonduit.Cli.Server;
using Qonduit.Contracts.Accounting;

namespace Qonduit.Cli.Accounting;

/// <summary>
/// `qonduit accounting [--by consumer|user|device|period] [--from T] [--to T] [--period hour|day|month] [--csv]`
/// (docs/orchestration.md §3 "Accounting"): what the tasks that ended in a window used, as a table with a total line or as
/// CSV (a header and one line per group, no total, so a spreadsheet's sum is the total). A user sees their own tasks.
/// </summary>
public static class AccountingCommand
{
    public static Command Create()
    {
        var connection = new ServerConnection();
        var by = new Option<string>("--by") { Description = "group by consumer, user, device or period", DefaultValueFactory = _ => "consumer" };
        by.AcceptOnlyFromAmong("consumer", "user", "device", "period");
        var from = new Option<string?>("--from") { Description = "the window's start, ISO 8601 (UTC when no offset; default: 30 days before --to)" };
        var to = new Option<string?>("--to") { Description = "the window's end, exclusive, ISO 8601 (default: now)" };
        var period = new Option<string?>("--period") { Description = "with --by period: hour, day (default) or month buckets, in UTC" };
        period.AcceptOnlyFromAmong("hour", "day", "month");
        var csv = new Option<bool>("--csv") { Description = "print comma-separated values with a header line (no total line)" };
        var command = new Command("accounting", "lane-seconds, shots, simulations and CPU seconds the tasks that ended in a window used, totalled per group")
        {
            by, from, to, period, csv,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var report = await connection.Client(parse).GetAccountingAsync(parse.GetValue(by), Time(parse.GetValue(from), "--from"), Time(parse.GetValue(to), "--to"),
                parse.GetValue(period), cancellationToken).ConfigureAwait(false);
            foreach (var line in Lines(report, parse.GetValue(csv))) Console.WriteLine(line);
            if (report.Truncated) Console.Error.WriteLine($"only the first {report.Rows.Count} groups are shown; the total counts them all");
            return 0;
        });
        return command;
    }

    private static readonly string[] Figures = ["Tasks", "LaneSeconds", "Shots", "Simulations", "CpuSeconds"];

    public static IEnumerable<string> Lines(AccountingReportView report, bool csv)
    {
        string[] columns = [Header(report), .. Figures];
        var cells = report.Rows.Select(Cells).ToList();
        if (csv)
        {
            yield return string.Join(',', columns);
            foreach (var row in cells) yield return string.Join(',', row.Select(Quoted));
            yield break;
        }
        var total = Cells(report.Total);
        var widths = columns.Select((c, i) => Math.Max(c.Length, cells.Append(total).Max(r => r[i].Length))).ToArray();
        string Line(IReadOnlyList<string> values) => string.Join("  ", values.Select((v, i) => i == 0 ? v.PadRight(widths[i]) : v.PadLeft(widths[i]))).TrimEnd();
        yield return Line(columns);
        yield return string.Join("  ", widths.Select(w => new string('-', w)));
        foreach (var row in cells) yield return Line(row);
        yield return string.Join("  ", widths.Select(w => new string('-', w)));
        yield return Line(total);
    }

    private static string Header(AccountingReportView report) => report.By switch
    {
        "period" => $"Period ({report.Period}, UTC)",
        var by => char.ToUpperInvariant(by[0]) + by[1..],
    };

    private static string[] Cells(AccountingRowView row) =>
    [
        row.Key, Integer(row.Tasks), Seconds(row.LaneSeconds), Integer(row.Shots), Integer(row.Simulations), Seconds(row.CpuSeconds),
    ];

    private static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>A key with a comma or quote (a device name may have one) is quoted as RFC 4180 says.</summary>
    private static string Quoted(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\n\r") < 0 ? cell : $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>A time given without an offset means UTC, as on the server, not this machine's zone.</summary>
    private static DateTimeOffset? Time(string? text, string option)
    {
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)) return time;
        throw new QonduitException(ErrorCodes.Accounting.InvalidWindow, $"{option} '{text}' is not an ISO 8601 time such as 2025-03-01 or 2025-03-01T12:00:00Z");
    }
}
