namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Admission
    {
        [ErrorCode("the circuit is not admissible on the device (the violations say why)")]
        public const string Rejected = "admission.rejected";

        [ErrorCode("the circuit breaks the device's rules as written; `violations` lists each", Status = 422)]
        public const string Inadmissible = "admission.inadmissible";

        [ErrorCode("an include from the operator's include directory cannot be stored self-contained", Status = 422)]
        public const string IncludeNotInlinable = "admission.include-not-inlinable";

        [ErrorCode("the circuit uses more qubits than the device has", Status = 422)]
        public const string TooManyQubits = "admission.too-many-qubits";

        [ErrorCode("the shot count exceeds the device's maximum", Status = 422)]
        public const string TooManyShots = "admission.too-many-shots";

        [ErrorCode("the circuit declares input parameters that no value binds", Status = 422)]
        public const string UnboundParameters = "admission.unbound-parameters";

        [ErrorCode("`parameters` names an input the circuit does not declare", Status = 422)]
        public const string UnknownParameter = "admission.unknown-parameter";

        [ErrorCode("a bound parameter value is not a finite number, or makes a gate's angle non-finite", Status = 422)]
        public const string NonFiniteParameter = "admission.non-finite-parameter";

        [ErrorCode("violation: a gate outside the device's native set")]
        public const string NonNativeGate = "admission.non-native-gate";

        [ErrorCode("violation: an opaque gate, which no device can run")]
        public const string OpaqueGate = "admission.opaque-gate";

        [ErrorCode("violation: a qubit index beyond the device")]
        public const string QubitOutOfRange = "admission.qubit-out-of-range";

        [ErrorCode("violation: a qubit the snapshot marks offline")]
        public const string OfflineQubit = "admission.offline-qubit";

        [ErrorCode("violation: a two-qubit gate on a pair with no coupler in that direction")]
        public const string MissingCoupler = "admission.missing-coupler";

        [ErrorCode("violation: a two-qubit gate on a coupler that is not available")]
        public const string UnavailableCoupler = "admission.unavailable-coupler";

        [ErrorCode("violation: a two-qubit gate other than the coupler's native gate")]
        public const string CouplerGateMismatch = "admission.coupler-gate-mismatch";

        [ErrorCode("violation: a gate on three or more qubits")]
        public const string UnsupportedArity = "admission.unsupported-arity";

        [ErrorCode("violation: more classical bits than a result can hold")]
        public const string TooManyClbits = "admission.too-many-clbits";

        [ErrorCode("violation: a gate outside the gate library")]
        public const string UnknownGate = "admission.unknown-gate";
    }
}
