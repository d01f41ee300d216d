namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Simulation
    {
        [ErrorCode("a gate without a matrix (opaque or unknown) cannot be simulated")]
        public const string OpaqueGate = "simulation.opaque-gate";

        [ErrorCode("the state vector would not fit (qubits or memory)")]
        public const string TooLarge = "simulation.too-large";

        [ErrorCode("more qubits than the simulator supports")]
        public const string TooManyQubits = "simulation.too-many-qubits";

        [ErrorCode("a shot count below the minimum")]
        public const string InvalidShots = "simulation.invalid-shots";

        [ErrorCode("a trajectory budget below 1")]
        public const string InvalidTrajectories = "simulation.invalid-trajectories";

        [ErrorCode("--top below 1")]
        public const string InvalidTop = "simulation.invalid-top";

        [ErrorCode("an outcome key that is not a bitstring of the circuit's registers")]
        public const string InvalidOutcome = "simulation.invalid-outcome";

        [ErrorCode("an exact distribution with more outcomes than can be listed")]
        public const string TooManyOutcomes = "simulation.too-many-outcomes";

        [ErrorCode("exact probabilities asked of a circuit that measures mid-circuit")]
        public const string NotTerminal = "simulation.not-terminal";

        [ErrorCode("more classical bits than the density-matrix engine tracks")]
        public const string DensityMatrixClbits = "simulation.density-matrix-clbits";

        [ErrorCode("the density matrix would not fit")]
        public const string DensityMatrixTooLarge = "simulation.density-matrix-too-large";

        [ErrorCode("an observable whose length does not match its terms or the circuit")]
        public const string ObservableLength = "simulation.observable-length";

        [ErrorCode("an observable that does not parse")]
        public const string ObservableSyntax = "simulation.observable-syntax";

        [ErrorCode("a delay in dt on a device whose snapshot gives no dt duration")]
        public const string DelayWithoutDt = "simulation.delay-without-dt";
    }
}
