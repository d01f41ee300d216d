namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    /// <summary>Load-index declarations and pushed values (docs/orchestration.md §1).</summary>
    public static class LoadIndex
    {
        [ErrorCode("the index name does not match [A-Za-z_][A-Za-z0-9_]{0,38}", Status = 400)]
        public const string InvalidName = "loadindex.invalid-name";

        [ErrorCode("the declaration is refused: an unknown type, an interval under 1 s, a consumable index that is not numeric, or an over-long unit or description", Status = 400)]
        public const string InvalidDeclaration = "loadindex.invalid-declaration";

        [ErrorCode("the name is one of the indices the server computes itself and cannot be declared", Status = 409)]
        public const string BuiltIn = "loadindex.built-in";

        [ErrorCode("no load index of that name is declared", Status = 404)]
        public const string NotFound = "loadindex.not-found";

        [ErrorCode("the push is malformed: no `lines`, or a sequence number under 1", Status = 400)]
        public const string InvalidPush = "loadindex.invalid-push";

        [ErrorCode("the push holds more than 1,000 lines or 64 KiB of lines", Status = 413)]
        public const string PushTooLarge = "loadindex.push-too-large";

        [ErrorCode("the push's sequence number is not greater than the last one accepted for the resource (`lastSeq`)", Status = 409)]
        public const string StaleSequence = "loadindex.stale-sequence";
    }
}
