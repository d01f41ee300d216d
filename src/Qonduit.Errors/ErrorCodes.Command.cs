namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    /// <summary>
    /// Classical `command` tasks (docs/architecture.md "Command tasks"): refused at submission (400), or a run's failure
    /// written by the runner into error.json (origin `runner`). Each meaning says whether running the same task again may
    /// succeed (retryable), which a service graph's retry policy reads.
    /// </summary>
    public static class Command
    {
        [ErrorCode("a command task also carries a field only a circuit takes (circuit, dialect, device, shots, seed, snapshotVersion, transpile, trajectories, noise, parameters, leaseToken); `fields` lists them", Status = 400)]
        public const string MixedFields = "command.mixed-fields";

        [ErrorCode("the command's name, args or stdin break a rule (name: a letter or '_' then letters, digits or '_', at most 64; at most 256 args of 4,096 characters; stdin at most 64 KiB)", Status = 400)]
        public const string Invalid = "command.invalid";

        [ErrorCode("a command task has no requirement, or its requirement may select a QPU: a command runs only on a pool (select[kind=='cpu'] or 'sim' or 'gpu')", Status = 400)]
        public const string PoolRequired = "command.pool-required";

        [ErrorCode("the command exited non-zero; the message has its exit code and the tail of its stderr. Not retryable: the command itself said no")]
        public const string Failed = "command.failed";

        [ErrorCode("the command ran past the timeout its operator declared and was killed with its process tree. Retryable")]
        public const string Timeout = "command.timeout";

        [ErrorCode("the running agent declares no such command, or its executable could not be started. Retryable on another agent; not on this one")]
        public const string NotFound = "command.not-found";

        [ErrorCode("the command exited 0 but its outputs.json is not a JSON object or passes its size bound. Not retryable")]
        public const string InvalidOutputs = "command.invalid-outputs";
    }
}
