namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Admin
    {
        [ErrorCode("the task's error when an admin force-failed it; the message is the reason")]
        public const string ForceFailed = "admin.force-failed";
    }
}
