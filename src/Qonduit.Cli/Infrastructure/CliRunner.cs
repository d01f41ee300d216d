using System.CommandLine;
using System.Text.Json;
using Qonduit.Circuits;
using Qonduit.Cli.Server;
using Qonduit.Client;

namespace Qonduit.Cli.Infrastructure;

/// <summary>Exit codes: 0 success, 1 user error (message on stderr), 2 internal error.</summary>
public static class CliRunner
{
    public const int Success = 0;
    public const int UserError = 1;
    public const int InternalError = 2;

    public static int Run(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (QonduitException e)
        {
            Console.Error.WriteLine($"error [{e.Code}]: {e.Message}{(e is QonduitApiException api ? Suggestions.DidYouMean(SuggestionsOf(api)) : "")}");
            return UserError;
        }
        catch (Qonduit.Placement.FairShare.ConsumerTreeException e)
        {
            Console.Error.WriteLine($"error [{e.Code}]: {e.Message}");
            return UserError;
        }
        catch (ServerUnreachableException e)
        {
            Console.Error.WriteLine($"error [{ErrorCodes.Client.Unreachable}]: {e.Message}");
            return UserError;
        }
        catch (HttpRequestException e)
        {
            // The network or the URL is wrong: the user's to fix, not a crash to report.
            Console.Error.WriteLine($"error [{ErrorCodes.Client.Unreachable}]: cannot reach the control plane: {e.Message}");
            return UserError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return UserError;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"internal error: {e}");
            return InternalError;
        }
    }

    /// <summary>The names a server problem suggests for an unknown one (`suggestions`: a device, say).</summary>
    private static IReadOnlyList<string> SuggestionsOf(QonduitApiException error) =>
        error.Problem.Extra?.GetValueOrDefault("suggestions") is { ValueKind: JsonValueKind.Array } names
            ? [.. names.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!).Take(Suggestions.MaxSuggestions)]
            : [];
}
