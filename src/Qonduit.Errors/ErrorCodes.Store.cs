namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Store
    {
        [ErrorCode("the database was written by a newer qonduit")]
        public const string SchemaTooNew = "store.schema-too-new";

        [ErrorCode("an offline command's `--db` path holds no Qonduit database (none is created for it)")]
        public const string NoDatabase = "store.no-database";
    }
}
