using System.Diagnostics;
using System.Text.Json;

namespace Qonduit.IntegrationTests.Server;

/// <summary>`qonduit loadindex declare|push|show` against `qonduit serve`, and declarations surviving its restart.</summary>
public sealed class LoadIndexCliTests
{
    [Fact]
    public async Task An_admin_declares_an_index_pushes_values_and_reads_them_and_the_declaration_survives_a_restart()
    {
        var home = Directory.CreateTempSubdirectory("qonduit-loadindex-").FullName;
        var database = Path.Combine(home, "q.db");
        try
        {
            await using (var server = await ServeProcess.StartAsync(database, "--embedded-agent", "0"))
            {
                var admin = (await File.ReadAllTextAsync(Path.Combine(home, "admin.key"))).Trim();
                var url = server.Url.ToString();

                Assert.Contains("declared gpu_util: numeric, every 10000 ms",
                    Ok(url, admin, "loadindex", "declare", "gpu_util", "--type", "numeric", "--interval", "10s", "--unit", "%"), StringComparison.Ordinal);
                Assert.Contains("1 value(s) accepted, 0 line(s) refused", Ok(url, admin, "loadindex", "push", "ibm_fez-ideal", "--seq", "1", "1 gpu_util 37.5"),
                    StringComparison.Ordinal);
                var replay = Run(url, admin, [], "loadindex", "push", "ibm_fez-ideal", "--seq", "1", "1 gpu_util 99");
                Assert.Equal(1, replay.ExitCode);
                Assert.Contains("loadindex.stale-sequence", replay.Stderr, StringComparison.Ordinal);
                var fromStdin = Run(url, admin, ["1 gpu_util 40", "1 cpu_util 3"], "loadindex", "push", "ibm_fez-ideal", "--seq", "2", "-");
                Assert.Equal(1, fromStdin.ExitCode);
                Assert.Contains("line 2: 'cpu_util' is not a declared index", fromStdin.Stderr, StringComparison.Ordinal);

                var values = JsonDocument.Parse(Ok(url, admin, "loadindex", "show", "ibm_fez-ideal", "--json")).RootElement;
                Assert.Equal(40, values.GetProperty("gpu_util").GetProperty("value").GetDouble());
                Assert.False(values.GetProperty("gpu_util").GetProperty("stale").GetBoolean());
                Assert.Contains("gpu_util", Ok(url, admin, "loadindex", "show", "ibm_fez-ideal"), StringComparison.Ordinal);
            }
            await using (var restarted = await ServeProcess.StartAsync(database, "--embedded-agent", "0"))
            {
                var admin = (await File.ReadAllTextAsync(Path.Combine(home, "admin.key"))).Trim();
                var catalog = JsonDocument.Parse(Ok(restarted.Url.ToString(), admin, "loadindex", "show", "--json")).RootElement;

                Assert.Equal(1, catalog.GetProperty("version").GetInt64());
                var declared = catalog.GetProperty("indices").EnumerateArray().Single(i => !i.GetProperty("builtIn").GetBoolean());
                Assert.Equal(("gpu_util", 10_000, "%"), (declared.GetProperty("name").GetString(), declared.GetProperty("intervalMs").GetInt32(), declared.GetProperty("unit").GetString()));
            }
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static string Ok(string url, string key, params string[] arguments)
    {
        var (code, stdout, stderr) = Run(url, key, [], arguments);
        Assert.True(code == 0, $"qonduit {string.Join(' ', arguments)} exited {code}: {stderr}");
        return stdout;
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string url, string key, string[] input, params string[] arguments)
    {
        var start = new ProcessStartInfo(ServeProcess.Launcher, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["QONDUIT_URL"] = url;
        start.Environment["QONDUIT_API_KEY"] = key;
        using var process = Process.Start(start)!;
        foreach (var line in input) process.StandardInput.WriteLine(line);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }
}
