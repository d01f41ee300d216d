using System.Reflection;
using Qonduit.Server.Problems;

namespace Qonduit.Server.Tests.Problems;

/// <summary>A domain refusal reaches the client with the status docs/error-codes.md gives its code: the mapping is the registry.</summary>
public sealed class RefusalMappingTests
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
}
