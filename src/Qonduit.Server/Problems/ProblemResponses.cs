using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Qonduit.Circuits;

namespace Qonduit.Server.Problems;

/// <summary>
/// Every error leaves as `application/problem+json` with `code`, `origin`, `correlationId` and `timestamp`:
/// typed refusals through <see cref="WriteAsync"/>, exceptions through <see cref="ExceptionHandler"/>, bare
/// status codes (unknown route, wrong method) through status-code pages; <see cref="Enrich"/> fills the rest.
/// </summary>
public static class ProblemResponses
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
        problem.Extensions.TryAdd("code", status switch
        {
            StatusCodes.Status404NotFound => "http.not-found",
            StatusCodes.Status405MethodNotAllowed => "http.method-not-allowed",
            _ => $"http.{status}",
        });
        problem.Extensions.TryAdd("origin", Origins.Protocol);
        problem.Extensions["correlationId"] = context.HttpContext.TraceIdentifier;
        var time = context.HttpContext.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        problem.Extensions["timestamp"] = time.GetUtcNow();
        problem.Instance ??= context.HttpContext.Request.Path;
    }

    private static string Title(int status) => status switch
    {
        400 => "Bad request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        413 => "Content too large",
        422 => "Unprocessable content",
        _ => "Error",
    };

    /// <summary>Maps what handlers throw: typed refusals as they are, other user errors as 400, the rest as a 500 without internals.</summary>
    private sealed class ExceptionHandler(ILogger<ExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested) return true;
            var error = exception switch
            {
                ControlPlaneException typed => typed,
                QonduitException user => ControlPlaneException.BadRequest(user.Code, user.Message, Origins.Admission),
                BadHttpRequestException { StatusCode: 413 } => ControlPlaneException.TooLarge("limits.request-too-large", "the request body is too large"),
                BadHttpRequestException bad => ControlPlaneException.BadRequest("request.invalid", Unwrap(bad)),
                System.Text.Json.JsonException json => ControlPlaneException.BadRequest("request.invalid", json.Message),
                _ => null,
            };
            if (error is null)
            {
                logger.LogError(exception, "unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
                error = new ControlPlaneException(500, "internal.error", Origins.Protocol, "internal error; see the server log for correlation id " + httpContext.TraceIdentifier);
            }
            await WriteAsync(httpContext, error).ConfigureAwait(false);
            return true;
        }

        private static string Unwrap(Exception e) => e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message;
    }
}
