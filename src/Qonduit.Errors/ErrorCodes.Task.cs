namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Task
    {
        [ErrorCode("no task of that id visible to this key", Status = 404)]
        public const string NotFound = "task.not-found";

        [ErrorCode("a submission without `device`", Status = 400)]
        public const string MissingDevice = "task.missing-device";

        [ErrorCode("a submission without `circuit`", Status = 400)]
        public const string MissingCircuit = "task.missing-circuit";

        [ErrorCode("a dialect other than openqasm2 or openqasm3", Status = 400)]
        public const string InvalidDialect = "task.invalid-dialect";

        [ErrorCode("the dialect contradicts the source's header", Status = 400)]
        public const string DialectMismatch = "task.dialect-mismatch";

        [ErrorCode("shots below 1", Status = 400)]
        public const string InvalidShots = "task.invalid-shots";

        [ErrorCode("a trajectory budget below 1", Status = 400)]
        public const string InvalidTrajectories = "task.invalid-trajectories";

        [ErrorCode("more than 32 tags, or a tag outside 1 to 100 characters", Status = 400)]
        public const string InvalidTags = "task.invalid-tags";

        [ErrorCode("a state filter that is not a task state", Status = 400)]
        public const string InvalidState = "task.invalid-state";

        [ErrorCode("a cursor that no previous page gave", Status = 400)]
        public const string InvalidCursor = "task.invalid-cursor";

        [ErrorCode("a page size out of range", Status = 400)]
        public const string InvalidLimit = "task.invalid-limit";

        [ErrorCode("force-fail without a reason", Status = 400)]
        public const string MissingReason = "task.missing-reason";

        [ErrorCode("the result of a task that has not ended", Status = 409)]
        public const string NotTerminal = "task.not-terminal";

        [ErrorCode("a report or operation on a task that has ended", Status = 409)]
        public const string Terminal = "task.terminal";

        [ErrorCode("a report from an agent that does not own the task", Status = 409)]
        public const string NotOwner = "task.not-owner";

        [ErrorCode("a report from an earlier incarnation of the owner", Status = 409)]
        public const string StaleOwner = "task.stale-owner";

        [ErrorCode("requeue of a task whose owner is alive, without `force`", Status = 409)]
        public const string OwnerAlive = "task.owner-alive";

        [ErrorCode("an operation the task's state does not allow", Status = 409)]
        public const string IllegalTransition = "task.illegal-transition";

        [ErrorCode("the task's error when its owner or an admin cancelled it")]
        public const string Cancelled = "task.cancelled";

        [ErrorCode("the task lost its agent for the third time")]
        public const string AgentLost = "task.agent-lost";
    }
}
