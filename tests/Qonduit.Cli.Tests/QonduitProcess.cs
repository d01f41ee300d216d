using System.Diagnostics;

namespace Qonduit.Cli.Tests;

/// <summary>Runs the built `qonduit` executable as a user would, capturing its exit code and both streams.</summary>
public static class QonduitProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static Outcome Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "qonduit.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new Outcome(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static string TempFile(string name, string contents)
    {
        var folder = Directory.CreateTempSubdirectory("qonduit-cli-").FullName;
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, contents);
        return path;
    }
}
