namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Runner
    {
        [ErrorCode("payload.json is missing, unreadable, of an unknown schema, or does not match its hash")]
        public const string PayloadInvalid = "runner.payload-invalid";

        [ErrorCode("the circuit does not parse, or cannot run on the bound device")]
        public const string CircuitInvalid = "runner.circuit-invalid";

        [ErrorCode("the state would not fit in this machine's memory or the simulator's limit")]
        public const string TooLargeForMemory = "runner.too-large-for-memory";

        [ErrorCode("anything else that went wrong while simulating")]
        public const string SimulationError = "runner.simulation-error";

        [ErrorCode("the runner was killed for exceeding its memory")]
        public const string OutOfMemory = "runner.out-of-memory";

        [ErrorCode("the runner exited non-zero or by a signal without writing error.json")]
        public const string Crashed = "runner.crashed";
    }
}
