namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Qasm
    {
        [ErrorCode("the OpenQASM source does not parse", Status = 400)]
        public const string Syntax = "qasm.syntax";

        [ErrorCode("a gate that is neither defined nor in an included library", Status = 400)]
        public const string UnknownGate = "qasm.unknown-gate";

        [ErrorCode("a gate applied to the wrong number of qubits or parameters", Status = 400)]
        public const string GateArity = "qasm.gate-arity";

        [ErrorCode("an identifier that is not declared", Status = 400)]
        public const string UnknownName = "qasm.unknown-name";

        [ErrorCode("an index outside its register", Status = 400)]
        public const string OutOfRange = "qasm.out-of-range";

        [ErrorCode("registers of different sizes in one broadcast", Status = 400)]
        public const string BroadcastMismatch = "qasm.broadcast-mismatch";

        [ErrorCode("a name declared twice", Status = 400)]
        public const string Redefinition = "qasm.redefinition";

        [ErrorCode("an include that cannot be read", Status = 400)]
        public const string Include = "qasm.include";

        [ErrorCode("an include that is neither standard nor under the allowed include directory; the file was not touched", Status = 400)]
        public const string IncludeForbidden = "qasm.include-forbidden";

        [ErrorCode("a language feature Qonduit does not support", Status = 400)]
        public const string Unsupported = "qasm.unsupported";

        [ErrorCode("a program that parses but means nothing (e.g. a type error)", Status = 400)]
        public const string Semantic = "qasm.semantic";

        [ErrorCode("a parser limit (nesting, identifiers, ...) was exceeded", Status = 400)]
        public const string Limit = "qasm.limit";

        [ErrorCode("the printer cannot say this circuit in the target dialect")]
        public const string NotExpressible = "qasm.not-expressible";

        [ErrorCode("a gate parameter is NaN or infinite", Status = 400)]
        public const string NonFiniteParameter = "qasm.non-finite-parameter";
    }
}
