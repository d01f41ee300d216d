namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Serve
    {
        [ErrorCode("--durability is neither normal nor full")]
        public const string InvalidDurability = "serve.invalid-durability";

        [ErrorCode("the configuration file does not exist")]
        public const string ConfigNotFound = "serve.config-not-found";

        [ErrorCode("--include-dir is not a directory")]
        public const string IncludeDirNotFound = "serve.include-dir-not-found";

        [ErrorCode("--embedded-agent is a negative number of slots")]
        public const string InvalidEmbeddedAgent = "serve.invalid-embedded-agent";

        [ErrorCode("--embedded-agent-mode is neither inprocess nor process")]
        public const string InvalidEmbeddedAgentMode = "serve.invalid-embedded-agent-mode";

        [ErrorCode("--rate-limit is neither off nor 1 to 1000000")]
        public const string InvalidRateLimit = "serve.invalid-rate-limit";
    }
}
