namespace Qonduit.Graphs.Definition;

/// <summary>A graph refused when it is posted, with a code of <c>ErrorCodes.Graph</c> and where: the node's path and field.</summary>
public sealed class GraphException(string code, string where, string reason) : Exception($"{where}: {reason}")
{
    public string Code { get; } = code;

    /// <summary>`nodes.prep.depends`, `nodes.loop.body.fan.template.inputs.circuit`, or `graph` for the whole.</summary>
    public string Where { get; } = where;

    public string Reason { get; } = reason;
}
