namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Cli
    {
        [ErrorCode("command-line options that contradict each other or are out of range")]
        public const string InvalidArguments = "cli.invalid-arguments";

        [ErrorCode("`device register` without a snapshot, IBM files or a generator")]
        public const string MissingSource = "cli.missing-source";

        [ErrorCode("a coupler argument that is not CONTROL:TARGET[=ERROR]")]
        public const string InvalidCoupler = "cli.invalid-coupler";

        [ErrorCode("a file named on the command line does not exist")]
        public const string FileNotFound = "cli.file-not-found";

        [ErrorCode("a file named on the command line is not valid JSON")]
        public const string InvalidJson = "cli.invalid-json";

        [ErrorCode("the server URL is not an http(s) URL")]
        public const string InvalidUrl = "cli.invalid-url";

        [ErrorCode("no API key from --key or QONDUIT_API_KEY")]
        public const string MissingKey = "cli.missing-key";

        [ErrorCode("no --device, and no `--qpu` job to take it from")]
        public const string MissingDevice = "cli.missing-device";

        [ErrorCode("a task state filter that is not a task state")]
        public const string InvalidState = "cli.invalid-state";

        [ErrorCode("the SPANK plugin's source (native/slurm-spank) was not found")]
        public const string PluginSourceNotFound = "cli.plugin-source-not-found";

        [ErrorCode("make could not build the SPANK plugin")]
        public const string PluginBuildFailed = "cli.plugin-build-failed";
    }
}
