namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    public static class Store
    {
        [ErrorCode("the database was written by a newer qonduit")]
        public const string SchemaTooNew = "store.schema-too-new";
    }
}
