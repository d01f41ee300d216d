using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.OpenApi;

/// <summary>The OpenAPI document as a client generator reads it: names, security, errors and result types.</summary>
public sealed partial class ApiDocumentTests
{
    [Fact]
    public async Task Every_operation_has_a_unique_camel_case_operation_id()
    {
        var operations = await OperationsAsync();
        var ids = operations.Select(o => o.Operation.TryGetProperty("operationId", out var id) ? id.GetString() : null).ToList();
        Assert.All(ids, id => Assert.Matches(CamelCase(), id ?? ""));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains("submitTask", ids);
        Assert.Contains("getTaskResult", ids);
        Assert.Contains("claimTask", ids);
    }

    [Fact]
    public async Task Every_operation_but_the_health_check_needs_the_bearer_key_and_documents_its_refusal()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var document = await DocumentAsync(host);
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());

        foreach (var (name, operation) in Operations(document))
        {
            var secured = operation.TryGetProperty("security", out _);
            Assert.True(secured == (name != "GET /healthz"), $"{name}: security {secured}");
            Assert.True(Responses(operation).Contains("401") == secured, $"{name}: 401 documented iff a key is needed");
        }
        // 403 exactly where a role is refused (the roles of tests/…/Auth/AuthMatrixTests.cs).
        var forbidding = Operations(document).Where(o => Responses(o.Operation).Contains("403")).Select(o => o.Name).ToHashSet();
        Assert.Contains("POST /v1/tasks", forbidding);
        Assert.Contains("POST /v1/agent/claim", forbidding);
        Assert.Contains("GET /v1/agents", forbidding);
        Assert.DoesNotContain("GET /v1/devices", forbidding);
        Assert.DoesNotContain("GET /metrics", forbidding);
    }

    [Fact]
    public async Task Every_error_response_is_a_problem_with_code_origin_correlation_id_and_timestamp()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var document = await DocumentAsync(host);
        var problem = document.GetProperty("components").GetProperty("schemas").GetProperty("Problem");
        var required = problem.GetProperty("required").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Superset(new HashSet<string?> { "code", "origin", "correlationId", "timestamp" }, required.ToHashSet());

        foreach (var (name, operation) in Operations(document))
        {
            foreach (var error in operation.GetProperty("responses").EnumerateObject().Where(r => int.Parse(r.Name) >= 400))
            {
                var schema = error.Value.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema");
                Assert.True(schema.GetProperty("$ref").GetString() == "#/components/schemas/Problem", $"{name} {error.Name}");
            }
            Assert.Contains("500", Responses(operation));
        }
    }

    [Fact]
    public async Task A_task_result_is_a_typed_schema_with_counts()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var schemas = (await DocumentAsync(host)).GetProperty("components").GetProperty("schemas");
        var result = schemas.GetProperty("TaskResultView").GetProperty("properties").GetProperty("result");
        Assert.Equal("#/components/schemas/RunResult", result.GetProperty("allOf")[0].GetProperty("$ref").GetString());
        var document = schemas.GetProperty("RunResult").GetProperty("properties");
        Assert.Equal("integer", document.GetProperty("counts").GetProperty("additionalProperties").GetProperty("type").GetString());
        Assert.Equal("uint64", document.GetProperty("seed").GetProperty("format").GetString());
        Assert.Equal("#/components/schemas/RunTimings", document.GetProperty("timings").GetProperty("$ref").GetString());
    }

    [Fact]
    public async Task The_document_and_the_reference_page_need_no_key()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        var page = await host.Anonymous.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Qonduit API reference", await page.Content.ReadAsStringAsync());
    }

    private static async Task<List<(string Name, JsonElement Operation)>> OperationsAsync()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        return Operations(await DocumentAsync(host));
    }

    private static async Task<JsonElement> DocumentAsync(ControlPlaneHost host) =>
        JsonDocument.Parse(await host.Anonymous.GetStringAsync("/openapi/v1.json")).RootElement.Clone();

    private static List<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        [.. document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(o => ($"{o.Name.ToUpperInvariant()} {path.Name}", o.Value)))];

    private static HashSet<string> Responses(JsonElement operation) =>
        [.. operation.GetProperty("responses").EnumerateObject().Select(r => r.Name)];

    [GeneratedRegex("^[a-z]+([A-Z][a-z]+)*$")]
    private static partial Regex CamelCase();
}
