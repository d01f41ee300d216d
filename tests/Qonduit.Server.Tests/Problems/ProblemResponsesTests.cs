using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using System.Text.Json;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Problems;

public sealed class ProblemResponsesTests
{
    [Fact]
    public async Task Unknown_routes_and_methods_are_problems_with_every_member()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.ProblemAsync(await host.Admin.GetAsync("/v1/nothing-here"), 404, "http.not-found");
        await Expect.ProblemAsync(await host.Admin.DeleteAsync("/v1/devices"), 405, "http.method-not-allowed");
    }

    [Fact]
    public async Task A_given_correlation_id_is_echoed_in_the_header_and_the_problem()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/tasks/{Guid.NewGuid()}");
        request.Headers.Add("X-Correlation-Id", "trace-123");
        var response = await host.Alice.SendAsync(request);
        var problem = await Expect.ProblemAsync(response, 404, "task.not-found");
        Assert.Equal("trace-123", problem.GetProperty("correlationId").GetString());
        Assert.Equal("trace-123", response.Headers.GetValues("X-Correlation-Id").Single());
    }

    [Fact]
    public async Task Malformed_json_is_a_typed_400()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var response = await host.Alice.PostAsync("/v1/tasks", new StringContent("{\"device\": 5", System.Text.Encoding.UTF8, "application/json"));
        await Expect.ProblemAsync(response, 400, "request.invalid");
    }

    [Fact]
    public async Task The_openapi_document_lists_every_path_of_the_design()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var document = await host.Alice.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        string[] expected =
        [
            "/v1/tasks", "/v1/tasks/{id}", "/v1/tasks/{id}/cancel", "/v1/tasks/{id}/result", "/v1/devices", "/v1/devices/{id}",
            "/v1/devices/{id}/snapshots", "/v1/devices/{id}/snapshots/{version}", "/v1/devices/{id}/viability", "/v1/agent/claim",
            "/v1/agent/heartbeat", "/v1/tasks/{id}/running", "/v1/tasks/{id}/completed", "/v1/tasks/{id}/failed",
            "/v1/tasks/{id}/requeue", "/v1/tasks/{id}/force-fail", "/v1/agents", "/v1/events", "/healthz", "/metrics",
        ];
        Assert.All(expected, path => Assert.Contains(path, paths));
    }

    [Fact]
    public async Task The_openapi_document_lists_every_mapped_endpoint_with_its_method()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var document = await host.Alice.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var listed = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}")).ToHashSet();

        var mapped = host.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            // The document and its reference page describe the API; they are not operations of it.
            .Where(e => e.RoutePattern.RawText != "/openapi/v1.json" && e.RoutePattern.RawText?.StartsWith("/docs", StringComparison.Ordinal) != true)
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {Template(e.RoutePattern)}")).ToList();
        Assert.True(mapped.Count >= 25, $"only {mapped.Count} endpoints found");
        Assert.All(mapped, endpoint => Assert.Contains(endpoint, listed));
    }

    // "/v1/tasks/{id:guid}" is "/v1/tasks/{id}" in OpenAPI.
    private static string Template(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(part => part switch
        {
            RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            RoutePatternLiteralPart literal => literal.Content,
            _ => "",
        }))));
}
