using Qonduit.Placement.Requirements.Syntax;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Qonduit.Circuits;

namespace Qonduit.Server.Problems;

/// <summary>
/// Every error leaves as `application/problem+json` with `code`, `origin`, `correlationId` and `timestamp`:
/// typed refusals through <see cref="WriteAsync"/>, exceptions through <see cref="ExceptionHandler"/>, bare
/// status codes (unknown route, wrong method) through status-code pages; <see cref="Enrich"/> fills the rest.
/// </summary>
public static partial class ProblemResponses
{
    public const string CorrelationHeader = "X-Correlation-Id";

    public static IServiceCollection AddProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Enrich);
        services.AddExceptionHandler<ExceptionHandler>();
        return services;
    }

    public static WebApplication UseProblems(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (context.Request.Headers.TryGetValue(CorrelationHeader, out var given) && given.ToString() is { Length: > 0 and <= 100 } id)
                context.TraceIdentifier = id;
            // At start, because the exception handler clears headers set earlier.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[CorrelationHeader] = context.TraceIdentifier;
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLimits();
        return app;
    }

    public static Task WriteAsync(HttpContext context, ControlPlaneException error)
    {
        context.Response.StatusCode = error.Status;
        var problem = new ProblemDetails
        {
            Status = error.Status,
            Title = Title(error.Status),
            Detail = error.Message,
            Extensions = { ["code"] = error.Code, ["origin"] = error.Origin },
        };
        foreach (var (key, value) in error.Extensions) problem.Extensions[key] = value;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return service.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }

    private static void Enrich(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        // Refusals the framework makes before a handler runs (Kestrel's body limit, content negotiation, routing).
        problem.Extensions.TryAdd("code", ErrorCodes.ForStatus(status));
        problem.Detail ??= FallbackDetail(status);
        problem.Extensions.TryAdd("origin", Origins.Protocol);
        problem.Extensions["correlationId"] = context.HttpContext.TraceIdentifier;
        var time = context.HttpContext.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        problem.Extensions["timestamp"] = time.GetUtcNow();
        problem.Instance ??= context.HttpContext.Request.Path;
    }

    private static string? FallbackDetail(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "the request is malformed (e.g. its chunked body framing) and could not be read",
        StatusCodes.Status413PayloadTooLarge => "the request body is too large",
        StatusCodes.Status415UnsupportedMediaType => "send the body as 'Content-Type: application/json'",
        _ => null,
    };

    private static string Title(int status) => status switch
    {
        400 => "Bad request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        413 => "Content too large",
        414 => "URI too long",
        422 => "Unprocessable content",
        429 => "Too many requests",
        431 => "Request header fields too large",
        _ => "Error",
    };

    /// <summary>Maps what handlers throw: typed refusals as they are, domain refusals by their code's status, other user errors as 400, the rest as a 500 without internals.</summary>
    private sealed partial class ExceptionHandler(ILogger<ExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested) return true;
            var error = exception switch
            {
                ControlPlaneException typed => typed,
                RefusedException refused => ControlPlaneException.From(refused.Refusal),
                // A refused resource requirement (docs/orchestration.md §2) is a user error at a column of what they wrote.
                RequirementException requirement => new ControlPlaneException(StatusCodes.Status400BadRequest, requirement.Code, Origins.Admission,
                    requirement.Message, new Dictionary<string, object?> { ["column"] = requirement.Column }),
                QonduitException user => ControlPlaneException.BadRequest(user.Code, user.Message, Origins.Admission),
                BadHttpRequestException { StatusCode: 413 } => ControlPlaneException.TooLarge(ErrorCodes.Limits.RequestTooLarge, "the request body is too large"),
                BadHttpRequestException { InnerException: System.Text.Json.JsonException json } => InvalidJson(json),
                BadHttpRequestException when IsMissingBody(httpContext) =>
                    ControlPlaneException.BadRequest(ErrorCodes.Request.Invalid, "this endpoint needs a JSON object as its body"),
                BadHttpRequestException bad => Invalid(bad),
                System.Text.Json.JsonException json => InvalidJson(json),
                _ => null,
            };
            if (error is null)
            {
                UnhandledError(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
                error = new ControlPlaneException(500, ErrorCodes.Internal.Error, Origins.Protocol, "internal error; see the server log for correlation id " + httpContext.TraceIdentifier);
            }
            await WriteAsync(httpContext, error).ConfigureAwait(false);
            return true;
        }

        // Binding failures of query, header or route values are BadHttpRequestExceptions too; only an endpoint that
        // reads a body can be missing one.
        private static bool IsMissingBody(HttpContext context) =>
            context.Request.ContentLength is null or 0
            && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsDelete(context.Request.Method);

        // The framework's message names .NET types ("Nullable<int> limit"); the user needs the name and the value.
        private static ControlPlaneException Invalid(BadHttpRequestException bad) =>
            BindFailure().Match(bad.Message) is { Success: true } match
                ? ControlPlaneException.BadRequest(ErrorCodes.Request.Invalid, $"'{match.Groups["value"].Value}' is not a valid value for '{match.Groups["name"].Value}'")
                : ControlPlaneException.BadRequest(ErrorCodes.Request.Invalid, bad.Message);

        [LoggerMessage(Level = LogLevel.Error, Message = "unhandled error on {Method} {Path}")]
        private static partial void UnhandledError(ILogger logger, Exception exception, string method, string path);

        [GeneratedRegex("""^Failed to bind parameter "(?:.* )?(?<name>[^ ]+)" from "(?<value>.*)"\.$""")]
        private static partial Regex BindFailure();

        // The serializer's own message names .NET types; the user needs where in their document it went wrong.
        private static ControlPlaneException InvalidJson(System.Text.Json.JsonException json) => ControlPlaneException.BadRequest(ErrorCodes.Request.Invalid,
            $"the body is not well-formed JSON or does not fit this request at {json.Path ?? "$"} " +
            $"(line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1}): check the member's type and value");
    }
}
