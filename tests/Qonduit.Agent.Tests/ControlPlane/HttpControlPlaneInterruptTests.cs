using Qonduit.Agent.ControlPlane;
using Qonduit.Contracts.Resources;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Agent.Tests.ControlPlane;

/// <summary>The heartbeat answer's `interrupted` (reclaim) on the wire.</summary>
public sealed class HttpControlPlaneInterruptTests
{
    private static Task<HeartbeatAnswer> HeartbeatAsync(string answer) =>
        new RecordingHandler(answer).Agent().HeartbeatAsync("i-1", [], new Dictionary<string, TaskProgress>(), TimeSpan.FromSeconds(5), TimeSpan.Zero,
            new Dictionary<string, IReadOnlyDictionary<string, ReportedIndexValue>>(), CancellationToken.None);

    [Fact]
    public async Task The_interrupted_tasks_of_the_answer_are_read()
    {
        var id = Guid.NewGuid();

        var answer = await HeartbeatAsync($$"""{"cancelled": [], "unknown": [], "interrupted": ["{{id}}"]}""");

        Assert.Equal([id.ToString()], answer.Interrupted);
    }

    [Fact]
    public async Task An_answer_from_a_server_without_interrupts_interrupts_nothing()
    {
        var answer = await HeartbeatAsync("""{"cancelled": [], "unknown": []}""");

        Assert.Empty(answer.Interrupted);
    }
}
