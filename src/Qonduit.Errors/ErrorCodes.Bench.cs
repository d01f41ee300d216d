namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    /// <summary>`qonduit bench`, the launcher of benchmarks/Qonduit.Bench from a source checkout.</summary>
    public static class Bench
    {
        [ErrorCode("`qonduit bench` was run outside a source checkout (no Qonduit.slnx above the working directory)")]
        public const string NoCheckout = "bench.no-checkout";

        [ErrorCode("the checkout has no benchmarks/Qonduit.Bench project")]
        public const string NoProject = "bench.no-project";

        [ErrorCode("dotnet could not be started to build or run the benchmarks")]
        public const string NotStarted = "bench.not-started";

        [ErrorCode("the benchmarks project did not build; its output is printed above")]
        public const string BuildFailed = "bench.build-failed";
    }
}
