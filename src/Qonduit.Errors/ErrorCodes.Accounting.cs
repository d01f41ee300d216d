namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    /// <summary>Accounting: what tasks used, totalled (`GET /v1/accounting`, docs/orchestration.md §3).</summary>
    public static class Accounting
    {
        [ErrorCode("`by` must be one of consumer, user, device or period", Status = 400)]
        public const string InvalidGrouping = "accounting.invalid-grouping";

        [ErrorCode("`period` must be one of hour, day or month", Status = 400)]
        public const string InvalidPeriod = "accounting.invalid-period";

        [ErrorCode("`from` and `to` must be ISO 8601 times with `from` before `to`, at most 366 days apart", Status = 400)]
        public const string InvalidWindow = "accounting.invalid-window";
    }
}
