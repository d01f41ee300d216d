using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Qonduit.Contracts.Accounting;
using Qonduit.Server.Auth;
using Qonduit.Server.Problems;

namespace Qonduit.Server.Accounting;

/// <summary>
/// `GET /v1/accounting` (docs/orchestration.md §3 "Accounting"): what the tasks that ran and ended in a window used, totalled
/// per consumer, user, device or period. An admin reads everyone's tasks; any other caller only their own, as with tasks.
/// The window (at most <see cref="MaxWindow"/>, read through the store's index on end time) and the rows answered (at most
/// <see cref="MaxRows"/>) bound the cost.
/// </summary>
public static class AccountingApi
{
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(366);

    /// <summary>The window when <c>from</c> is not given: the 30 days before <c>to</c>.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(30);

    public const int MaxRows = 10_000;

    public static IEndpointRouteBuilder MapAccounting(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/accounting", Get).RequireAuthorization(AuthSetup.Submitters).WithTags("Accounting").WithName("getAccounting")
            .WithSummary("what tasks that ended in [from, to) used (lane-seconds, shots, simulations, CPU seconds), totalled by consumer, user, device or period; a user's own tasks, an admin's everyone's")
            .ProducesProblem(400);
        return app;
    }

    private static Ok<AccountingReportView> Get(string? by, string? from, string? to, string? period, HttpContext context, IControlPlaneStore store, TimeProvider time)
    {
        var caller = Caller.From(context.User);
        var grouping = Grouping(by);
        var bucket = Period(period);
        var end = Time(to, "to") ?? time.GetUtcNow();
        var start = Time(from, "from") ?? end - DefaultWindow;
        if (start >= end || end - start > MaxWindow)
        {
            throw ControlPlaneException.BadRequest(ErrorCodes.Accounting.InvalidWindow,
                $"the window [{start:O}, {end:O}) must be non-empty and at most {MaxWindow.TotalDays:0} days long");
        }
        var totals = store.AccountingTotals(new AccountingQuery(start, end, grouping, bucket, caller.TenantScope));
        var rows = totals.Take(MaxRows).Select(View).ToList();
        var total = new AccountingRowView("total", totals.Sum(t => t.Tasks), totals.Sum(t => t.LaneSeconds), totals.Sum(t => t.Shots),
            totals.Sum(t => t.Simulations), totals.Sum(t => t.CpuSeconds));
        return TypedResults.Ok(new AccountingReportView(Name(grouping), grouping == AccountingGrouping.Period ? Name(bucket) : null, start, end,
            caller.TenantScope, rows, total, totals.Count > MaxRows));
    }

    private static AccountingRowView View(AccountingTotal t) => new(t.Key, t.Tasks, t.LaneSeconds, t.Shots, t.Simulations, t.CpuSeconds);

    private static AccountingGrouping Grouping(string? by) => by switch
    {
        null or "consumer" => AccountingGrouping.Consumer,
        "user" => AccountingGrouping.User,
        "device" => AccountingGrouping.Device,
        "period" => AccountingGrouping.Period,
        _ => throw ControlPlaneException.BadRequest(ErrorCodes.Accounting.InvalidGrouping, $"'by' is consumer, user, device or period, not '{Shorten(by)}'"),
    };

    private static AccountingPeriod Period(string? period) => period switch
    {
        "hour" => AccountingPeriod.Hour,
        null or "day" => AccountingPeriod.Day,
        "month" => AccountingPeriod.Month,
        _ => throw ControlPlaneException.BadRequest(ErrorCodes.Accounting.InvalidPeriod, $"'period' is hour, day or month, not '{Shorten(period)}'"),
    };

    /// <summary>An ISO 8601 time or date; one without an offset is UTC.</summary>
    private static DateTimeOffset? Time(string? text, string name)
    {
        if (text is null) return null;
        if (text.Length <= 40 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            return t;
        throw ControlPlaneException.BadRequest(ErrorCodes.Accounting.InvalidWindow, $"'{name}' is not an ISO 8601 time such as 2025-03-01T12:00:00Z: '{Shorten(text)}'");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string Name(AccountingGrouping grouping) => grouping.ToString().ToLowerInvariant();

    private static string Name(AccountingPeriod period) => period.ToString().ToLowerInvariant();
}
