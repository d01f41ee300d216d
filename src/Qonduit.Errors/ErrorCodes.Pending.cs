namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    /// <summary>
    /// Why a queued task is still waiting: the `pendingReason.code` of a task view (docs/architecture.md "Why a task
    /// waits"). They are reasons, not refusals, so no HTTP status carries them.
    /// </summary>
    public static class Pending
    {
        [ErrorCode("the device's lanes are held by leases the task does not spend")]
        public const string LeaseHeld = "pending.lease-held";

        [ErrorCode("no live agent serves the device")]
        public const string NoAgent = "pending.no-agent";

        [ErrorCode("the device's latest snapshot has no online qubit")]
        public const string DeviceOffline = "pending.device-offline";

        [ErrorCode("tasks ahead of it in the device's queue go first (`details.ahead` counts them)")]
        public const string QueuedBehind = "pending.queued-behind";

        [ErrorCode("reserved: the task's consumer is at its fair-share limit (not computed yet)")]
        public const string ConsumerLimit = "pending.consumer-limit";

        [ErrorCode("the task's resource requirement selects no resource now; placement waits for one to match")]
        public const string NoMatchingResource = "pending.no-matching-resource";

        [ErrorCode("a command task: no pool its requirement selects now has a live agent that declares the command; placement waits for one")]
        public const string NoCommand = "pending.no-command";
    }
}
