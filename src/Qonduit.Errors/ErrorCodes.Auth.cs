namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Auth
    {
        [ErrorCode("the endpoint needs an API key and none was sent", Status = 401)]
        public const string MissingKey = "auth.missing-key";

        [ErrorCode("the Authorization header is not `Bearer <api key>`", Status = 401)]
        public const string MalformedHeader = "auth.malformed-header";

        [ErrorCode("the API key is not known", Status = 401)]
        public const string InvalidKey = "auth.invalid-key";

        [ErrorCode("the API key was revoked", Status = 401)]
        public const string RevokedKey = "auth.revoked-key";

        [ErrorCode("the key's role may not call this endpoint", Status = 403)]
        public const string Forbidden = "auth.forbidden";

        [ErrorCode("a key name is not 1 to 100 printable characters", Status = 400)]
        public const string InvalidKeyName = "auth.invalid-key-name";

        [ErrorCode("an active key of that name exists", Status = 409)]
        public const string KeyExists = "auth.key-exists";

        [ErrorCode("no active key with that name or id", Status = 404)]
        public const string KeyNotFound = "auth.key-not-found";

        [ErrorCode("a role other than user, agent or admin", Status = 400)]
        public const string UnknownRole = "auth.unknown-role";

        [ErrorCode("only agent keys can be bound to agent ids", Status = 400)]
        public const string NotAnAgentKey = "auth.not-an-agent-key";

        [ErrorCode("a user name is not 1 to 100 printable characters", Status = 400)]
        public const string InvalidUserName = "auth.invalid-user-name";

        [ErrorCode("revoking the only active admin key would leave nobody able to administer the server", Status = 409)]
        public const string LastAdminKey = "auth.last-admin-key";

        [ErrorCode("a key request names neither the key nor its user", Status = 400)]
        public const string KeyUnnamed = "auth.key-unnamed";

        [ErrorCode("no user with that name", Status = 404)]
        public const string UserNotFound = "auth.user-not-found";
    }
}
