namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Transpile
    {
        [ErrorCode("`qonduit transpile` options that do not fit together")]
        public const string Usage = "transpile.usage";

        [ErrorCode("a layout other than trivial, dense or noise-aware")]
        public const string UnknownLayout = "transpile.unknown-layout";

        [ErrorCode("a pass name the pipeline does not know")]
        public const string UnknownPass = "transpile.unknown-pass";

        [ErrorCode("a native gate set the transpiler cannot target")]
        public const string UnsupportedNativeSet = "transpile.unsupported-native-set";

        [ErrorCode("a gate that cannot be built from the native two-qubit gate")]
        public const string UnsupportedNativeGate = "transpile.unsupported-native-gate";

        [ErrorCode("a device without couplers for two-qubit gates")]
        public const string NoCouplers = "transpile.no-couplers";

        [ErrorCode("a parameter without a value")]
        public const string UnboundParameter = "transpile.unbound-parameter";

        [ErrorCode("passes in an order that cannot work")]
        public const string PassOrder = "transpile.pass-order";

        [ErrorCode("an opaque gate, which has no definition to transpile")]
        public const string OpaqueGate = "transpile.opaque-gate";

        [ErrorCode("more qubits than the usable part of the device")]
        public const string TooManyQubits = "transpile.too-many-qubits";
    }
}
