namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    /// <summary>Consumers and fair share (docs/orchestration.md §3).</summary>
    public static class Consumer
    {
        [ErrorCode("a consumer tree is malformed: a bad or repeated name, negative shares or slots, too deep or too large, or not JSON of `{name, shares, children}`", Status = 400)]
        public const string InvalidTree = "consumer.invalid-tree";

        [ErrorCode("a usage map is malformed: not JSON of leaf paths to non-negative finite numbers, or a path that is no leaf of the tree", Status = 400)]
        public const string InvalidUsage = "consumer.invalid-usage";

        [ErrorCode("a user can be charged only to a leaf of the consumer tree in force (a path such as `/chem/alice`)", Status = 400)]
        public const string NotALeaf = "consumer.not-a-leaf";

        [ErrorCode("fair share is kept per pool kind: `kind` must be `qpu` or a pool kind (`sim`, `cpu`, `gpu`)", Status = 400)]
        public const string UnknownKind = "consumer.unknown-kind";
    }
}
