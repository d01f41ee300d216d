namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Client
    {
        [ErrorCode("the server answered a request with no body where one was expected")]
        public const string EmptyResponse = "client.empty-response";

        [ErrorCode("no control plane answers at the server URL (nothing listens there, or the network cannot reach it)")]
        public const string Unreachable = "client.unreachable";

        [ErrorCode("a primitive's circuit, parameters or observable cannot be used as given")]
        public const string PrimitiveInputInvalid = "client.primitive-input-invalid";
    }
}
