namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    /// <summary>A service graph (docs/orchestration.md §4), refused when it is posted; `detail` names the node and field.</summary>
    public static class Graph
    {
        [ErrorCode("a field of the graph or of a node is missing, out of range or does not apply to the node's kind", Status = 400)]
        public const string Invalid = "graph.invalid";

        [ErrorCode("two nodes of one scope share an id", Status = 400)]
        public const string DuplicateNode = "graph.duplicate-node";

        [ErrorCode("a source, `after`, `from` or expression names a node, output or input the node cannot see", Status = 400)]
        public const string UnknownReference = "graph.unknown-reference";

        [ErrorCode("the nodes of one scope depend on each other in a cycle (`detail` lists it); repetition is a `loop`", Status = 400)]
        public const string Cycle = "graph.cycle";

        [ErrorCode("a data edge carries a media type its target does not accept (`detail` names the edge and both types)", Status = 400)]
        public const string EdgeTypeMismatch = "graph.edge-type-mismatch";

        [ErrorCode("a `depends`, `when`, `until` or parameter expression does not parse (`detail` names the field and the column)", Status = 400)]
        public const string InvalidExpression = "graph.invalid-expression";

        [ErrorCode("the graph passes a bound: nodes, nesting depth, iterations or its size in bytes", Status = 400)]
        public const string TooLarge = "graph.too-large";

        [ErrorCode("a node names a consumer other than the caller's own (only an admin may charge a node to another leaf), or one that is not a leaf of the consumer tree", Status = 403)]
        public const string ConsumerForbidden = "graph.consumer-forbidden";

        [ErrorCode("no graph with that id is visible to the caller", Status = 404)]
        public const string NotFound = "graph.not-found";

        [ErrorCode("no run with that id is visible to the caller", Status = 404)]
        public const string RunNotFound = "graph.run-not-found";

        [ErrorCode("a run's inputs miss one the graph declares, name one it does not, or give a value of another kind (a list for a `[]` type, a number for a number)", Status = 400)]
        public const string InvalidInputs = "graph.invalid-inputs";

        [ErrorCode("a node (Errored): an expression of its `depends`, `when`, `until` or parameters gave ERROR, or a parameter is not a number when the node starts")]
        public const string ExpressionError = "graph.expression-error";

        [ErrorCode("a node (Errored): an upstream node succeeded without producing an output this node reads")]
        public const string OutputMissing = "graph.output-missing";

        [ErrorCode("a map (Errored): what it fans out over is not a list, or holds more items than a map may (10,000)")]
        public const string NotAList = "graph.not-a-list";
    }
}
