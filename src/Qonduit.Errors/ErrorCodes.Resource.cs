namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Resource
    {
        [ErrorCode("no QPU device or declared pool has that name", Status = 404)]
        public const string NotFound = "resource.not-found";
    }
}
