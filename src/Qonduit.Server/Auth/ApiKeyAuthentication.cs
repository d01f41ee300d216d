using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Qonduit.Server.Problems;

namespace Qonduit.Server.Auth;

/// <summary>
/// `Authorization: Bearer &lt;key&gt;`: hashes the key and looks it up on every request, so a revocation made by
/// `qonduit keys revoke` in another process takes effect at once. Challenges and refusals are problem details.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IControlPlaneStore store) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string FailureKey = "qonduit.auth-failure";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return Task.FromResult(AuthenticateResult.NoResult());
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Fail(ErrorCodes.Auth.MalformedHeader, "the Authorization header must be 'Bearer <api key>'");
        var key = store.FindKeyByHash(ApiKeys.Hash(header["Bearer ".Length..].Trim()));
        if (key is null) return Fail(ErrorCodes.Auth.InvalidKey, "the API key is not known");
        if (!key.IsActive) return Fail(ErrorCodes.Auth.RevokedKey, $"the API key '{key.Name}' was revoked");
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, key.Id), new Claim(ClaimTypes.Name, key.Name), new Claim(ClaimTypes.Role, key.Role.Name()),
                new Claim(Caller.UserClaim, key.User)],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    private Task<AuthenticateResult> Fail(string code, string message)
    {
        Context.Items[FailureKey] = (code, message);
        return Task.FromResult(AuthenticateResult.Fail(message));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var (code, message) = Context.Items[FailureKey] is (string c, string m) ? (c, m)
            : (ErrorCodes.Auth.MissingKey, "this endpoint needs an API key: 'Authorization: Bearer <key>'");
        Response.Headers.WWWAuthenticate = "Bearer";
        return ProblemResponses.WriteAsync(Context, new ControlPlaneException(StatusCodes.Status401Unauthorized, code, Origins.Protocol, message));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemResponses.WriteAsync(Context, new ControlPlaneException(StatusCodes.Status403Forbidden, ErrorCodes.Auth.Forbidden, Origins.Protocol,
            $"the '{Context.User.FindFirstValue(ClaimTypes.Role)}' role may not call {Request.Method} {Request.Path}"));
}
