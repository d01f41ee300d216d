namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Limits
    {
        [ErrorCode("too many requests; wait for Retry-After", Status = 429)]
        public const string Rate = "limits.rate";

        [ErrorCode("the request body is larger than the server accepts", Status = 413)]
        public const string RequestTooLarge = "limits.request-too-large";

        [ErrorCode("the circuit source is larger than the server accepts", Status = 413)]
        public const string CircuitTooLarge = "limits.circuit-too-large";

        [ErrorCode("the circuit has more instructions than the server accepts", Status = 413)]
        public const string TooManyInstructions = "limits.too-many-instructions";

        [ErrorCode("gate definitions, modifiers and broadcasts expand past the instruction budget", Status = 413)]
        public const string Expansion = "limits.expansion";

        [ErrorCode("parsing the circuit ran past its deadline", Status = 422)]
        public const string Deadline = "limits.deadline";
    }
}
