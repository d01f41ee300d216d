namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Http
    {
        [ErrorCode("the web server could not read the request (e.g. its chunked framing)", Status = 400)]
        public const string BadRequest = "http.bad-request";

        [ErrorCode("no endpoint at this path", Status = 404)]
        public const string NotFound = "http.not-found";

        [ErrorCode("the path exists but not for this method", Status = 405)]
        public const string MethodNotAllowed = "http.method-not-allowed";

        [ErrorCode("the Accept header excludes every type the endpoint produces", Status = 406)]
        public const string NotAcceptable = "http.not-acceptable";

        [ErrorCode("the request body arrived too slowly", Status = 408)]
        public const string RequestTimeout = "http.request-timeout";

        [ErrorCode("a conflict the endpoint did not describe further", Status = 409)]
        public const string Conflict = "http.conflict";

        [ErrorCode("a body without Content-Length or chunked framing", Status = 411)]
        public const string LengthRequired = "http.length-required";

        [ErrorCode("the request line is longer than the server accepts", Status = 414)]
        public const string UriTooLong = "http.uri-too-long";

        [ErrorCode("the request headers are larger than the server accepts", Status = 431)]
        public const string HeadersTooLarge = "http.headers-too-large";

        [ErrorCode("the server is not ready or is stopping", Status = 503)]
        public const string Unavailable = "http.unavailable";

        [ErrorCode("an HTTP version the server does not speak", Status = 505)]
        public const string VersionNotSupported = "http.version-not-supported";

        [ErrorCode("any other 4xx without a code of its own")]
        public const string ClientError = "http.client-error";

        [ErrorCode("any other 5xx without a code of its own")]
        public const string ServerError = "http.server-error";
    }
}
