using System.Reflection;
using System.Text.RegularExpressions;
using Qonduit.Server.Problems;
using Qonduit.Tests.Shared;

namespace Qonduit.Server.Tests.Problems;

/// <summary>A domain refusal reaches the client with the status docs/error-codes.md gives its code: the mapping is the registry.</summary>
public sealed partial class RefusalMappingTests
{
    public static TheoryData<string, int> EveryCodeWithAStatus()
    {
        var data = new TheoryData<string, int>();
        foreach (var field in typeof(ErrorCodes).GetNestedTypes().SelectMany(area => area.GetFields(BindingFlags.Public | BindingFlags.Static)))
        {
            if (field.GetCustomAttribute<ErrorCodeAttribute>() is { Status: > 0 } registered) data.Add((string)field.GetRawConstantValue()!, registered.Status);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCodeWithAStatus))]
    public void Every_refusal_code_leaves_with_the_status_the_registry_gives_it(string code, int status)
    {
        var problem = ControlPlaneException.From(new Refusal(code, "why"));
        Assert.Equal((status, code, "why"), (problem.Status, problem.Code, problem.Message));
    }

    [Fact]
    public void A_refusal_about_a_resource_the_request_only_refers_to_is_a_conflict_whatever_its_code()
    {
        Assert.Equal(404, ControlPlaneException.From(new Refusal(ErrorCodes.Lease.NotFound, "no such lease")).Status);
        Assert.Equal(409, ControlPlaneException.From(new Refusal(ErrorCodes.Lease.NotFound, "no such lease") { AboutReference = true }).Status);
    }

    [Fact]
    public void The_origin_and_the_details_of_a_refusal_become_problem_members()
    {
        var problem = ControlPlaneException.From(new Refusal(ErrorCodes.Agent.IdBoundToOtherKey, "bound")
        {
            Origin = Origins.Agent,
            Details = new Dictionary<string, object?> { ["state"] = "running" },
        });
        Assert.Equal((403, Origins.Agent, "running"), (problem.Status, problem.Origin, problem.Extensions["state"]));
    }

    [Fact]
    public void A_code_the_registry_never_sends_over_http_is_a_bug_not_a_refusal()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ControlPlaneException.From(new Refusal(ErrorCodes.Task.AgentLost, "lost")));
        Assert.Contains(ErrorCodes.Task.AgentLost, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_code_the_domain_refuses_with_has_a_status_in_the_registry()
    {
        var refused = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src", "Qonduit.Server"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => RefusalStatement().Matches(File.ReadAllText(f)))
            .SelectMany(statement => CodeConstant().Matches(statement.Value))
            .Select(constant => (string)typeof(ErrorCodes).GetNestedType(constant.Groups["area"].Value)!.GetField(constant.Groups["name"].Value)!.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(refused.Count > 30, $"the scan found only {refused.Count} refusal codes; it no longer reads the refusals");
        var withoutStatus = refused.Where(code => ErrorCodes.StatusOf(code) is null).ToList();
        Assert.True(withoutStatus.Count == 0, $"refused with codes that have no HTTP status in the registry: {string.Join(", ", withoutStatus)}");
    }

    /// <summary>From a mention of a refusal (`new Refusal(`, `RefusedException`, a `Refuse(` helper) to the end of its statement.</summary>
    [GeneratedRegex(@"\bRefus\w*\b[^;]*;")]
    private static partial Regex RefusalStatement();

    [GeneratedRegex(@"\bErrorCodes\.(?<area>\w+)\.(?<name>\w+)")]
    private static partial Regex CodeConstant();
}
