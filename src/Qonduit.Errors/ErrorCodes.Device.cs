namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Device
    {
        [ErrorCode("no device of that name", Status = 404)]
        public const string NotFound = "device.not-found";

        [ErrorCode("the device has no snapshot of that version", Status = 404)]
        public const string VersionNotFound = "device.version-not-found";

        [ErrorCode("a device name that is not 1-100 letters, digits, '-', '_' or '.', or is `ideal` (reserved for tasks without a device)", Status = 400)]
        public const string InvalidName = "device.invalid-name";

        [ErrorCode("maxShots below 1", Status = 400)]
        public const string InvalidMaxShots = "device.invalid-max-shots";

        [ErrorCode("a lane count out of range", Status = 400)]
        public const string InvalidLanes = "device.invalid-lanes";

        [ErrorCode("a registration that gives not exactly one of snapshot, ibm or generator", Status = 400)]
        public const string InvalidRegistration = "device.invalid-registration";

        [ErrorCode("an unknown topology family", Status = 400)]
        public const string UnknownFamily = "device.unknown-family";

        [ErrorCode("a patch names a qubit the device does not have", Status = 422)]
        public const string UnknownQubit = "device.unknown-qubit";

        [ErrorCode("a patch names a coupler the device does not have", Status = 422)]
        public const string UnknownCoupler = "device.unknown-coupler";
    }
}
