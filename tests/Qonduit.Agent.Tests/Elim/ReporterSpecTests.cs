using Qonduit.Agent.Elim;

namespace Qonduit.Agent.Tests.Elim;

public sealed class ReporterSpecTests : IDisposable
{
    private readonly ReporterScripts _scripts = new();

    public void Dispose() => _scripts.Dispose();

    private static string? Problem(ReporterSpec reporter, params string[] resources) => ReporterSpec.Problem([reporter], resources);

    [Fact]
    public void An_executable_at_an_absolute_path_for_a_resource_the_agent_serves_is_accepted()
    {
        var script = _scripts.Write("ok", "echo '1 cpu_load 1'");

        Assert.Null(Problem(new ReporterSpec { Command = script, Args = ["15"], Resource = "gpu-a" }, "sim", "gpu-a"));
        Assert.Null(Problem(new ReporterSpec { Command = script }));
    }

    [Fact]
    public void A_relative_command_is_refused_naming_the_reporter_and_the_rule()
    {
        Assert.Equal("reporter 0 ('bin/load'): command must be an absolute path", Problem(new ReporterSpec { Command = "bin/load" }));
        Assert.Equal("reporter 0 (''): command must be an absolute path", Problem(new ReporterSpec()));
    }

    [Fact]
    public void A_missing_or_non_executable_command_is_refused()
    {
        var missing = Path.Combine(_scripts.Root, "nothing-here");
        var plain = Path.Combine(_scripts.Root, "plain");
        File.WriteAllText(plain, "echo");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(plain, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Equal($"reporter 0 ('{missing}'): command must be an existing file", Problem(new ReporterSpec { Command = missing }));
        Assert.Equal($"reporter 0 ('{plain}'): command must be executable", Problem(new ReporterSpec { Command = plain }));
    }

    [Fact]
    public void A_resource_the_agent_does_not_serve_is_refused_listing_those_it_does()
    {
        var script = _scripts.Write("ok", "true");

        Assert.Equal($"reporter 0 ('{script}'): resource 'gpu-b' must be one of the agent's pools or devices (sim, gpu-a)",
            Problem(new ReporterSpec { Command = script, Resource = "gpu-b" }, "sim", "gpu-a"));
    }

    [Fact]
    public void At_most_sixteen_reporters()
    {
        var script = _scripts.Write("ok", "true");
        var reporters = Enumerable.Repeat(new ReporterSpec { Command = script }, 17).ToList();

        Assert.Equal("at most 16 reporters, not 17", ReporterSpec.Problem(reporters, []));
        Assert.Null(ReporterSpec.Problem(reporters[..16], []));
    }
}
