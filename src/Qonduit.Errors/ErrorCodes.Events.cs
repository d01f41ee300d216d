namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Events
    {
        [ErrorCode("Last-Event-ID is not an event sequence number", Status = 400)]
        public const string InvalidLastEventId = "events.invalid-last-event-id";

        [ErrorCode("the `task` filter is not a task id", Status = 400)]
        public const string InvalidTask = "events.invalid-task";
    }
}
