using Qonduit.Graphs.Definition;
using Qonduit.Server.Auth;
using Qonduit.Server.Consumers;
using Qonduit.Server.Problems;

namespace Qonduit.Server.Graphs;

/// <summary>
/// The consumer a node's attempts are charged to (docs/orchestration.md §3, §4): a user may name only their own leaf,
/// which is where their tasks are charged anyway; an admin may charge a node to any leaf of the tree in force.
/// </summary>
internal static class GraphConsumers
{
    public static void Check(Graph graph, Caller caller, ConsumerPolicy consumers)
    {
        var own = consumers.ConsumerOf(caller.User);
        foreach (var node in Nodes(graph.Root).Where(n => n.Consumer is not null))
        {
            if (caller.IsAdmin ? consumers.Leaves.Contains(node.Consumer!) || node.Consumer == ConsumerPolicy.DefaultConsumer : node.Consumer == own) continue;
            throw new ControlPlaneException(StatusCodes.Status403Forbidden, ErrorCodes.Graph.ConsumerForbidden, Origins.Admission,
                caller.IsAdmin
                    ? $"{node.Path}.consumer: '{node.Consumer}' is not a leaf of the consumer tree"
                    : $"{node.Path}.consumer: '{node.Consumer}' is not yours; your tasks are charged to '{own}'");
        }
    }

    /// <summary>The consumer an attempt of <paramref name="node"/> is charged to, when the node names one.</summary>
    public static TaskRecord Charged(TaskRecord task, GraphNode node) => node.Consumer is { } consumer ? task with { Consumer = consumer } : task;

    private static IEnumerable<GraphNode> Nodes(GraphScope scope) =>
        scope.Nodes.SelectMany(n => n.Body is { } body ? [n, .. Nodes(body)] : new[] { n });
}
