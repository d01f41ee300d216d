namespace Qonduit.Graphs.Definition;

/// <summary>
/// How a node's failed attempts are retried (Temporal's retry policy; ours: at most 3 attempts, where Temporal's default
/// is unlimited): the delay before attempt n+1 is min(initial · coefficient^(n−1), maximum). A failure whose code is
/// in <see cref="NonRetryable"/> ends the node at once.
/// </summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan InitialInterval, double Coefficient, TimeSpan MaxInterval, IReadOnlySet<string> NonRetryable)
{
    public const int MaxAttemptsBound = 100;

    public static readonly TimeSpan DefaultInitialInterval = TimeSpan.FromSeconds(1);

    public static RetryPolicy Default { get; } = new(3, DefaultInitialInterval, 2.0, 100 * DefaultInitialInterval, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>The wait after attempt <paramref name="failedAttempt"/> (1-based) failed, before the next one starts.</summary>
    public TimeSpan DelayAfter(int failedAttempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempt, 1);
        var seconds = InitialInterval.TotalSeconds * Math.Pow(Coefficient, failedAttempt - 1);
        return double.IsFinite(seconds) && seconds < MaxInterval.TotalSeconds ? TimeSpan.FromSeconds(seconds) : MaxInterval;
    }

    /// <summary>Whether a failure with <paramref name="code"/> on attempt <paramref name="attempt"/> leaves another attempt.</summary>
    public bool Retries(int attempt, string? code) => attempt < MaxAttempts && (code is null || !NonRetryable.Contains(code));
}
