using System.Text.RegularExpressions;
using Qonduit.Server.Problems;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Problems;

/// <summary>Bare statuses the framework sets still leave with a word code clients can match, never `http.404`.</summary>
public sealed partial class FallbackCodeTests
{
    [Fact]
    public void Every_status_the_fallback_can_name_gets_a_dotted_word_code()
    {
        for (var status = 400; status < 600; status++)
        {
            var code = ErrorCodes.ForStatus(status);
            Assert.True(DottedCode().IsMatch(code), $"HTTP {status} gets '{code}'");
        }
    }

    [Fact]
    public async Task An_overlong_request_target_is_a_414_and_oversized_headers_a_431_as_problem_details()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/devices?x=" + new string('a', 9000)), 414, "http.uri-too-long");

        using var big = new HttpRequestMessage(HttpMethod.Get, "/v1/devices");
        big.Headers.Add("X-Big", new string('a', 40_000));
        await Expect.ProblemAsync(await host.Alice.SendAsync(big), 431, "http.headers-too-large");

        using var many = new HttpRequestMessage(HttpMethod.Get, "/v1/devices");
        for (var i = 0; i < 120; i++) many.Headers.Add($"X-H{i}", "a");
        await Expect.ProblemAsync(await host.Alice.SendAsync(many), 431, "http.headers-too-large");

        // Just under the limits is served.
        await Expect.StatusAsync(await host.Alice.GetAsync("/v1/devices?x=" + new string('a', 7000)), 200);
    }

    [Fact]
    public async Task A_query_value_that_does_not_bind_names_the_parameter_and_the_value_not_a_missing_body()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var problem = await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/tasks?limit=abc"), 400, "request.invalid");
        Assert.Equal("'abc' is not a valid value for 'limit'", problem.GetProperty("detail").GetString());
    }

    [GeneratedRegex(@"^[a-z]+(\.[a-z0-9]+(-[a-z0-9]+)*)+$")]
    private static partial Regex DottedCode();
}
