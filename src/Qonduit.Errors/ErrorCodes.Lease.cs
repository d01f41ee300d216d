namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Lease
    {
        [ErrorCode("no lane of the device became free within the wait", Status = 409)]
        public const string Unavailable = "lease.unavailable";

        [ErrorCode("the lease token is unknown, released or expired", Status = 404)]
        public const string NotFound = "lease.not-found";

        [ErrorCode("the task names another device than its lease", Status = 409)]
        public const string DeviceMismatch = "lease.device-mismatch";

        [ErrorCode("a lease TTL out of range", Status = 400)]
        public const string InvalidTtl = "lease.invalid-ttl";

        [ErrorCode("a negative lease wait", Status = 400)]
        public const string InvalidWait = "lease.invalid-wait";

        [ErrorCode("a lease holder name that is too long", Status = 400)]
        public const string InvalidHolder = "lease.invalid-holder";
    }
}
