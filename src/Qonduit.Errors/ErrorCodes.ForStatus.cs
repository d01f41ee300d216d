namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    /// <summary>
    /// The code of a bare status the framework set without saying why (routing, content negotiation, a body that
    /// could not be read): a word for every status, never a number, so clients can match codes by pattern.
    /// </summary>
    public static string ForStatus(int status) => status switch
    {
        400 => Http.BadRequest,
        401 => Auth.MissingKey,
        403 => Auth.Forbidden,
        404 => Http.NotFound,
        405 => Http.MethodNotAllowed,
        406 => Http.NotAcceptable,
        408 => Http.RequestTimeout,
        409 => Http.Conflict,
        411 => Http.LengthRequired,
        413 => Limits.RequestTooLarge,
        414 => Http.UriTooLong,
        415 => Request.UnsupportedMediaType,
        429 => Limits.Rate,
        431 => Http.HeadersTooLarge,
        500 => Internal.Error,
        503 => Http.Unavailable,
        505 => Http.VersionNotSupported,
        >= 400 and < 500 => Http.ClientError,
        _ => Http.ServerError,
    };
}
