using System.Diagnostics;

namespace Qonduit.IntegrationTests.Server;

/// <summary>The `qonduit` executable with QONDUIT_URL and QONDUIT_API_KEY set, as a user's shell would have them.</summary>
internal sealed class ServeCli(string url, string key)
{
    public (int ExitCode, string Stdout, string Stderr) Run(params string[] arguments) =>
        Run(new ProcessStartInfo(Slurm.RealSlurm.Qonduit(), arguments));

    private (int ExitCode, string Stdout, string Stderr) Run(ProcessStartInfo start)
    {
        using var process = Process.Start(WithServer(start))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }

    public string Ok(params string[] arguments)
    {
        var (code, stdout, stderr) = Run(arguments);
        Assert.True(code == 0, $"qonduit {string.Join(' ', arguments)} exited {code}: {stderr}");
        return stdout;
    }

    /// <summary>Runs the verb under a pseudo-terminal (util-linux `script`), as a user at a shell sees it.</summary>
    public string OnTerminal(params string[] arguments)
    {
        var line = string.Join(' ', new[] { Slurm.RealSlurm.Qonduit() }.Concat(arguments).Select(a => $"'{a}'"));
        var (code, stdout, stderr) = Run(new ProcessStartInfo("script", ["-qec", line, "/dev/null"]));
        Assert.True(code == 0, $"{line} on a terminal exited {code}: {stderr}");
        return stdout;
    }

    public static Process Start(params string[] arguments) => Process.Start(new ProcessStartInfo(Slurm.RealSlurm.Qonduit(), arguments))!;

    private ProcessStartInfo WithServer(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["QONDUIT_URL"] = url;
        start.Environment["QONDUIT_API_KEY"] = key;
        return start;
    }
}
