using System.Globalization;
using Qonduit.Contracts.Accounting;

namespace Qonduit.Client;

/// <summary>Accounting (docs/orchestration.md §3): what tasks used, totalled; a user's own tasks, an admin's everyone's.</summary>
public sealed partial class QonduitClient
{
    /// <summary>
    /// The totals of the tasks that ran and ended in [<paramref name="from"/>, <paramref name="to"/>) (default: the 30 days
    /// before now), grouped <paramref name="by"/> consumer (default), user, device or period (<paramref name="period"/>:
    /// hour, day (default) or month). A bad parameter is `accounting.invalid-grouping`, `accounting.invalid-period` or
    /// `accounting.invalid-window`.
    /// </summary>
    public Task<AccountingReportView> GetAccountingAsync(string? by = null, DateTimeOffset? from = null, DateTimeOffset? to = null, string? period = null,
        CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (by is not null) query.Add($"by={Uri.EscapeDataString(by)}");
        if (from is { } start) query.Add($"from={Uri.EscapeDataString(start.ToString("O", CultureInfo.InvariantCulture))}");
        if (to is { } end) query.Add($"to={Uri.EscapeDataString(end.ToString("O", CultureInfo.InvariantCulture))}");
        if (period is not null) query.Add($"period={Uri.EscapeDataString(period)}");
        return SendAsync(HttpMethod.Get, query.Count == 0 ? "v1/accounting" : $"v1/accounting?{string.Join('&', query)}", Json.AccountingReportView, cancellationToken);
    }
}
