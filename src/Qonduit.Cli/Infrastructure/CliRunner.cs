using System.CommandLine;
using Qonduit.Circuits;

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
            Console.Error.WriteLine($"error [{e.Code}]: {e.Message}");
            return UserError;
        }
        catch (HttpRequestException e)
        {
            // The server is down or the URL is wrong: the user's to fix, not a crash to report.
            Console.Error.WriteLine($"error [client.unreachable]: cannot reach the control plane: {e.Message}");
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
}
