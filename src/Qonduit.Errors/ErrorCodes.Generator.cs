namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Generator
    {
        [ErrorCode("topology generator parameters out of range")]
        public const string Invalid = "generator.invalid";
    }
}
