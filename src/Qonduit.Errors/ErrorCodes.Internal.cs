namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Internal
    {
        [ErrorCode("a defect in the server; the log has the correlation id", Status = 500)]
        public const string Error = "internal.error";
    }
}
