namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Circuit
    {
        [ErrorCode("a gate name outside the gate library")]
        public const string UnknownGate = "circuit.unknown-gate";
    }
}
