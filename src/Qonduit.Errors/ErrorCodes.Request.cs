namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Request
    {
        [ErrorCode("the body is not the JSON the endpoint expects", Status = 400)]
        public const string Invalid = "request.invalid";

        [ErrorCode("a body that is not `application/json`", Status = 415)]
        public const string UnsupportedMediaType = "request.unsupported-media-type";
    }
}
