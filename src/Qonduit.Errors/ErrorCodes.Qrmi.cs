namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Qrmi
    {
        [ErrorCode("qrmi_config.json or the job environment is missing or malformed")]
        public const string ConfigInvalid = "qrmi.config-invalid";

        [ErrorCode("a resource name that neither the configuration nor the job environment defines")]
        public const string ResourceNotFound = "qrmi.resource-not-found";

        [ErrorCode("the resource did not answer (refused, timeout, DNS)")]
        public const string ResourceUnreachable = "qrmi.resource-unreachable";

        [ErrorCode("a `--filter` expression that does not parse")]
        public const string FilterInvalid = "qrmi.filter-invalid";

        [ErrorCode("no configured resource satisfies the requirement")]
        public const string NoMatchingResource = "qrmi.no-matching-resource";

        [ErrorCode("no QPU resources in the environment: not a job submitted with --qpu")]
        public const string JobMissing = "qrmi.job-missing";

        [ErrorCode("the task is not known to this resource")]
        public const string TaskNotFound = "qrmi.task-not-found";

        [ErrorCode("a result was asked of a task that failed")]
        public const string TaskFailed = "qrmi.task-failed";

        [ErrorCode("a result was asked of a task that was cancelled")]
        public const string TaskCancelled = "qrmi.task-cancelled";

        [ErrorCode("a result was asked of a task that has not completed")]
        public const string TaskNotCompleted = "qrmi.task-not-completed";

        [ErrorCode("the task did not finish within the caller's timeout")]
        public const string TaskTimeout = "qrmi.task-timeout";

        [ErrorCode("the resource answered something this client cannot read")]
        public const string Protocol = "qrmi.protocol";

        [ErrorCode("a shot count outside 1 and the device's maximum")]
        public const string InvalidShots = "qrmi.invalid-shots";

        [ErrorCode("a trajectory budget below 1")]
        public const string InvalidTrajectories = "qrmi.invalid-trajectories";

        [ErrorCode("the circuit declares input parameters that no value binds")]
        public const string UnboundParameters = "qrmi.unbound-parameters";

        [ErrorCode("the circuit uses more qubits than the device has")]
        public const string TooManyQubits = "qrmi.too-many-qubits";

        [ErrorCode("a lease TTL that is not positive")]
        public const string InvalidLeaseTtl = "qrmi.invalid-lease-ttl";

        [ErrorCode("the local lease store stayed locked past the patience")]
        public const string LeaseStoreBusy = "qrmi.lease-store-busy";

        [ErrorCode("the local lease store is not readable")]
        public const string LeaseStoreCorrupt = "qrmi.lease-store-corrupt";
    }
}
