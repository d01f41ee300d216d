namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Import
    {
        [ErrorCode("IBM backend files that cannot be read as a device")]
        public const string Malformed = "import.malformed";
    }
}
