using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.RateLimits;

/// <summary>A user key that floods the server is refused with a typed 429 telling it when to retry; nobody else is.</summary>
public sealed class RateLimitTests
{
    // One request per second with a burst of five: a quick loop runs out long before the bucket refills enough.
    private const int PerSecond = 1;
    private const int Attempts = 60;

    [Fact]
    public async Task A_user_key_over_its_rate_gets_a_429_limits_rate_with_retry_after_and_another_user_is_unaffected()
    {
        await using var host = await ControlPlaneHost.StartAsync(configure: o => o.UserRequestsPerSecond = PerSecond);

        var (served, refused) = await FloodAsync(host.Alice);

        Assert.True(served >= 5, $"only {served} requests were served before the first refusal; the burst is 5");
        Assert.NotNull(refused);
        var problem = await Expect.ProblemAsync(refused, 429, "limits.rate");
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(retryAfter, problem.GetProperty("retryAfterSeconds").GetInt32());
        await Expect.StatusAsync(await host.Bob.GetAsync("/v1/devices"), 200);
    }

    [Fact]
    public async Task Agent_admin_and_unauthenticated_requests_are_not_limited()
    {
        await using var host = await ControlPlaneHost.StartAsync(configure: o => o.UserRequestsPerSecond = PerSecond);

        Assert.Null((await FloodAsync(host.Agent)).Refused);
        Assert.Null((await FloodAsync(host.Admin)).Refused);
        for (var i = 0; i < 20; i++) await Expect.StatusAsync(await host.Anonymous.GetAsync("/v1/devices"), 401);
    }

    [Fact]
    public async Task Zero_requests_per_second_turns_the_limit_off()
    {
        await using var host = await ControlPlaneHost.StartAsync(configure: o => o.UserRequestsPerSecond = 0);
        Assert.Null((await FloodAsync(host.Alice)).Refused);
    }

    /// <summary>Requests until the first 429 or <see cref="Attempts"/> of them.</summary>
    private static async Task<(int Served, HttpResponseMessage? Refused)> FloodAsync(HttpClient client)
    {
        for (var served = 0; served < Attempts; served++)
        {
            using var cut = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var response = await client.GetAsync("/v1/devices", cut.Token);
            if ((int)response.StatusCode == 429) return (served, response);
            response.Dispose();
        }
        return (Attempts, null);
    }
}
