namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Agent
    {
        [ErrorCode("a claim, heartbeat or report without a valid `agentId`", Status = 400)]
        public const string MissingId = "agent.missing-id";

        [ErrorCode("the `incarnation` is too long or not printable", Status = 400)]
        public const string InvalidIncarnation = "agent.invalid-incarnation";

        [ErrorCode("a completion report whose `result` is not a JSON object", Status = 400)]
        public const string InvalidResult = "agent.invalid-result";

        [ErrorCode("a failure report without `code` and `message`", Status = 400)]
        public const string InvalidFailure = "agent.invalid-failure";

        [ErrorCode("a failure report whose `origin` is not one of the known origins", Status = 400)]
        public const string InvalidOrigin = "agent.invalid-origin";

        [ErrorCode("a claim with a capacity below 1", Status = 400)]
        public const string InvalidCapacity = "agent.invalid-capacity";

        [ErrorCode("a claim whose `max` (tasks taken in one claim) is outside 1..64", Status = 400)]
        public const string InvalidMax = "agent.invalid-max";

        [ErrorCode("a batch of reports that is empty, longer than 256, or has an entry without a task id or with a kind other than running, completed or failed", Status = 400)]
        public const string InvalidReports = "agent.invalid-reports";

        [ErrorCode("a claim or heartbeat with a negative `waitMs`", Status = 400)]
        public const string InvalidWait = "agent.invalid-wait";

        [ErrorCode("a heartbeat whose `heartbeatIntervalMs` is out of range", Status = 400)]
        public const string InvalidHeartbeatInterval = "agent.invalid-heartbeat-interval";

        [ErrorCode("a heartbeat's `progress` is malformed: an unknown phase, a negative or inconsistent count, or a task it does not list", Status = 400)]
        public const string InvalidProgress = "agent.invalid-progress";

        [ErrorCode("a heartbeat's `pools` is malformed: a bad name, an unknown kind, slots out of 1..1024, a repeated name, too many pools, or a pool's select that is not one select expression", Status = 400)]
        public const string InvalidPools = "agent.invalid-pools";

        [ErrorCode("no agent under that id has called the control plane", Status = 404)]
        public const string NotFound = "agent.not-found";

        [ErrorCode("the agent id is bound to another key; nothing changed", Status = 403)]
        public const string IdBoundToOtherKey = "agent.id-bound-to-other-key";

        [ErrorCode("the job ended but left neither result.json nor error.json")]
        public const string ArtifactMissing = "agent.artifact-missing";

        [ErrorCode("result.json or error.json is there but unreadable")]
        public const string ArtifactMalformed = "agent.artifact-malformed";

        [ErrorCode("the claim could not be written into its run directory")]
        public const string PayloadWriteFailed = "agent.payload-write-failed";

        [ErrorCode("the agent stopped between deciding to submit and recording the job id; the job's fate is unknown")]
        public const string SubmitInterrupted = "agent.submit-interrupted";

        [ErrorCode("the agent cannot reach the control plane (refused, timed out, 5xx)")]
        public const string ControlPlaneUnavailable = "agent.control-plane-unavailable";

        [ErrorCode("a memory limit was asked for but no writable memory cgroup is available")]
        public const string CgroupUnavailable = "agent.cgroup-unavailable";

        [ErrorCode("agent.json is missing, not JSON, or has a bad value")]
        public const string ConfigInvalid = "agent.config-invalid";
    }
}
