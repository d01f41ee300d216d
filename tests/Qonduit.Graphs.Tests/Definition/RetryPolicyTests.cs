using Qonduit.Graphs.Definition;

namespace Qonduit.Graphs.Tests.Definition;

public sealed class RetryPolicyTests
{
    [Fact]
    public void The_default_waits_1_2_4_seconds_doubling_to_at_most_100_and_gives_three_attempts()
    {
        var policy = RetryPolicy.Default;
        Assert.Equal([1, 2, 4, 8, 64, 100, 100], new[] { 1, 2, 3, 4, 7, 8, 60 }.Select(n => policy.DelayAfter(n).TotalSeconds));
        Assert.True(policy.Retries(1, "runner.failed"));
        Assert.True(policy.Retries(2, null));
        Assert.False(policy.Retries(3, "runner.failed"));
    }

    [Fact]
    public void A_non_retryable_code_ends_the_node_on_its_first_attempt()
    {
        var compiled = GraphJson.Compile("{'name': 'g', 'nodes': [{'id': 't', 'kind': 'task', 'command': {'name': 'x'}, 'retry': {'maxAttempts': 5, 'initialIntervalSeconds': 0.5, 'coefficient': 3, 'nonRetryable': ['qasm.syntax']}}]}");
        var policy = compiled.Root.ById["t"].Retry;
        Assert.False(policy.Retries(1, "qasm.syntax"));
        Assert.True(policy.Retries(4, "task.agent-lost"));
        Assert.Equal([0.5, 1.5, 4.5], new[] { 1, 2, 3 }.Select(n => policy.DelayAfter(n).TotalSeconds));
        Assert.Equal(50, policy.MaxInterval.TotalSeconds);
    }
}
