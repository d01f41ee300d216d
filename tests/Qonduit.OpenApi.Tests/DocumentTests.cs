using System.Net;
using System.Text.Json.Nodes;
using Qonduit.Tests.Shared;

namespace Qonduit.OpenApi.Tests;

/// <summary>
/// docs/openapi.json is the contract clients are generated from, so the served document must not drift from it.
/// After an intended API change, rewrite it with `QONDUIT_WRITE_OPENAPI=1 dotnet test tests/Qonduit.OpenApi.Tests
/// --filter FullyQualifiedName~DocumentTests` and commit the difference.
/// </summary>
public sealed class DocumentTests
{
    private static readonly string CheckedIn = Path.Combine(RepoPaths.Root, "docs", "openapi.json");

    [Fact]
    public async Task The_served_document_needs_no_key_and_equals_the_checked_in_one()
    {
        await using var api = await ServedApi.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = api.Server.Url };

        using var response = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = await response.Content.ReadAsStringAsync();

        if (Environment.GetEnvironmentVariable("QONDUIT_WRITE_OPENAPI") == "1")
            await File.WriteAllTextAsync(CheckedIn, served);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await File.ReadAllTextAsync(CheckedIn)), JsonNode.Parse(served)),
            "the served OpenAPI document differs from docs/openapi.json; if the change is intended, rewrite it (see this test's summary)");
    }
}
