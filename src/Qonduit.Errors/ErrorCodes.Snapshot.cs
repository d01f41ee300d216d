namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Snapshot
    {
        [ErrorCode("a snapshot that is not valid JSON", Status = 400)]
        public const string MalformedJson = "snapshot.malformed-json";

        [ErrorCode("a snapshot that breaks the schema's rules", Status = 400)]
        public const string Invalid = "snapshot.invalid";

        [ErrorCode("no snapshot file or bundled device of that name", Status = 404)]
        public const string NotFound = "snapshot.not-found";

        [ErrorCode("a snapshot larger than the reader accepts", Status = 413)]
        public const string TooLarge = "snapshot.too-large";
    }
}
