namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Scheduler
    {
        [ErrorCode("SUBMIT was refused (bad partition, controller down, runner not started)")]
        public const string SubmitRefused = "scheduler.submit-refused";

        [ErrorCode("the job never started or vanished; the scheduler has no record of how it ended")]
        public const string JobLost = "scheduler.job-lost";

        [ErrorCode("cancelled by the scheduler or from outside Qonduit (e.g. `scancel`), or preempted")]
        public const string JobCancelled = "scheduler.job-cancelled";

        [ErrorCode("killed for exceeding its time limit")]
        public const string JobTimeout = "scheduler.job-timeout";

        [ErrorCode("the scheduler's commands failed (e.g. squeue, scontrol, scancel)")]
        public const string Unavailable = "scheduler.unavailable";
    }
}
