using System.Net.Http.Json;
using System.Text.Json;

namespace Qonduit.Server.Tests.Infrastructure;

/// <summary>Assertions on HTTP answers; a problem must carry code, origin, correlationId and timestamp.</summary>
public static class Expect
{
    public static async Task StatusAsync(HttpResponseMessage response, int status)
    {
        if ((int)response.StatusCode != status)
            Assert.Fail($"expected HTTP {status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, int status, string code)
    {
        await StatusAsync(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Contains(problem.GetProperty("origin").GetString()!, Qonduit.Server.Origins.All);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("correlationId").GetString()));
        Assert.True(problem.GetProperty("timestamp").TryGetDateTimeOffset(out _));
        return problem;
    }
}
