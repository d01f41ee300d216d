namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    /// <summary>Artifacts: immutable, content-addressed data workflow steps pass by reference (`/v1/artifacts`, docs/architecture.md "Artifacts").</summary>
    public static class Artifact
    {
        [ErrorCode("no artifact of the caller with this digest (another tenant's is not found either)", Status = 404)]
        public const string NotFound = "artifact.not-found";

        [ErrorCode("a digest that is not `sha256:` and 64 lowercase hex digits", Status = 400)]
        public const string InvalidDigest = "artifact.invalid-digest";

        [ErrorCode("the content is larger than the server's artifact size limit", Status = 413)]
        public const string TooLarge = "artifact.too-large";

        [ErrorCode("a missing or malformed `Content-Type` (the artifact's media type, e.g. application/json)", Status = 400)]
        public const string InvalidMediaType = "artifact.invalid-media-type";

        [ErrorCode("a producer that is malformed: `run` or `node` too long, or `attempt` negative", Status = 400)]
        public const string InvalidProducer = "artifact.invalid-producer";

        [ErrorCode("`cursor` is not one from a previous page of artifacts", Status = 400)]
        public const string InvalidCursor = "artifact.invalid-cursor";

        [ErrorCode("`limit` out of range (1..500)", Status = 400)]
        public const string InvalidLimit = "artifact.invalid-limit";
    }
}
