using Qonduit.Agent.Hosting;
using Qonduit.Scheduling.Slurm;

namespace Qonduit.Cli.Tests.Agent;

/// <summary>agent.json carries every agent setting, the Slurm site settings included; flags given on the command line win.</summary>
public sealed class AgentConfigTests
{
    private const string Full = """
        {
          // comments and trailing commas are allowed: this is a file operators edit by hand
          "server": "http://plane.example:8080",
          "apiKeyFile": "/etc/qonduit/agent.key",
          "agentId": "hpc-login-1",
          "slots": 4,
          "runRoot": "/scratch/qonduit/runs",
          "devices": ["ibm_fez"],
          "heartbeatSeconds": 2,
          "claimWaitSeconds": 25,
          "scheduler": "slurm",
          "slurm": {
            "partition": "qpu", "account": "phys42", "timeLimit": "00:10:00", "cpusPerTask": 2, "memory": "4G",
            "extraDirectives": ["--gres=qpu:1"], "setupLines": ["module load dotnet"],
          },
        }
        """;

    [Fact]
    public void The_file_carries_every_setting_including_the_slurm_site()
    {
        var config = AgentConfig.Load(QonduitProcess.TempFile("agent.json", Full));

        Assert.Equal(("http://plane.example:8080", "/etc/qonduit/agent.key", "hpc-login-1", 4, "/scratch/qonduit/runs"),
            (config.Server, config.ApiKeyFile, config.AgentId, config.Slots, config.RunRoot));
        Assert.Equal((2.0, 25.0, "slurm"), (config.HeartbeatSeconds!.Value, config.ClaimWaitSeconds!.Value, config.Scheduler));
        Assert.Equal(["ibm_fez"], config.Devices);
        Assert.Equal(("qpu", "phys42", "00:10:00", 2, "4G"),
            (config.Slurm!.Partition, config.Slurm.Account, config.Slurm.TimeLimit, config.Slurm.CpusPerTask!.Value, config.Slurm.Memory));
    }

    [Fact]
    public void A_flag_given_wins_an_absent_one_keeps_the_file_and_repeatable_lines_add_up()
    {
        var file = AgentConfig.Load(QonduitProcess.TempFile("agent.json", Full));

        var merged = file.Overlay(new AgentConfig
        {
            AgentId = "hpc-login-2",
            Slots = 1,
            Slurm = new SlurmOptions { RunnerCommand = [], Partition = "debug", ExtraDirectives = ["--licenses=qpu_ibm_fez:1"] },
        });

        Assert.Equal(("hpc-login-2", 1, "debug"), (merged.AgentId, merged.Slots, merged.Slurm!.Partition));
        Assert.Equal(("http://plane.example:8080", "/scratch/qonduit/runs", "phys42", "slurm"),
            (merged.Server, merged.RunRoot, merged.Slurm.Account, merged.Scheduler));
        Assert.Equal(["--gres=qpu:1", "--licenses=qpu_ibm_fez:1"], merged.Slurm.ExtraDirectives);
        Assert.Equal(["module load dotnet"], merged.Slurm.SetupLines);
    }

    [Fact]
    public void Commands_map_names_to_the_operators_argv_and_timeout_with_a_default_timeout()
    {
        var path = QonduitProcess.TempFile("agent.json", """
            { "server": "http://x:1", "commands": {
                "diag": { "argv": ["/bin/sh", "/opt/sqd/diag.sh"], "timeoutSeconds": 60 },
                "summarise_2": { "argv": ["printf"] } } }
            """);

        var commands = AgentConfig.Load(path).Commands!;

        Assert.Equal(["/bin/sh", "/opt/sqd/diag.sh"], commands["diag"].Argv);
        Assert.Equal(60, commands["diag"].TimeoutInForce());
        Assert.Equal(Qonduit.Agent.Commands.DeclaredCommand.DefaultTimeoutSeconds, commands["summarise_2"].TimeoutInForce());
    }

    [Theory]
    [InlineData("""{ "rm -rf": { "argv": ["/bin/sh"] } }""", "command name 'rm -rf'")]
    [InlineData("""{ "9lives": { "argv": ["/bin/sh"] } }""", "command name '9lives'")]
    [InlineData("""{ "diag": { "argv": [] } }""", "command 'diag': argv must name the executable")]
    [InlineData("""{ "diag": { } }""", "command 'diag': argv must name the executable")]
    [InlineData("""{ "diag": { "argv": ["/nonexistent/diag"] } }""", "'/nonexistent/diag' is not an existing executable file")]
    [InlineData("""{ "diag": { "argv": ["/etc/passwd"] } }""", "'/etc/passwd' is not an existing executable file")]
    [InlineData("""{ "diag": { "argv": ["bin/diag"] } }""", "must be an absolute path or a bare name found on PATH")]
    [InlineData("""{ "diag": { "argv": ["qonduit-no-such-tool"] } }""", "found on no directory of PATH")]
    [InlineData("""{ "diag": { "argv": ["/bin/sh"], "timeoutSeconds": 0 } }""", "timeoutSeconds must be 1..")]
    [InlineData("""{ "diag": { "argv": ["/bin/sh"], "timeout": 5 } }""", "timeout")]
    public void A_bad_command_is_refused_at_load_naming_the_command_and_the_rule(string commands, string why)
    {
        var path = QonduitProcess.TempFile("agent.json", $$"""{ "server": "http://x:1", "commands": {{commands}} }""");

        var error = Assert.Throws<AgentConfigException>(() => AgentConfig.Load(path));

        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_setting_is_refused_rather_than_ignored()
    {
        var path = QonduitProcess.TempFile("agent.json", """{ "server": "http://x:1", "slot": 4 }""");
        var error = Assert.Throws<AgentConfigException>(() => AgentConfig.Load(path));
        Assert.Contains("slot", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_agent_verb_names_a_bad_configuration_and_exits_as_a_user_error()
    {
        var path = QonduitProcess.TempFile("agent.json", """{ "server": "http://127.0.0.1:1", "slot": 4 }""");
        var outcome = QonduitProcess.Run("agent", "--config", path);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("agent.config-invalid", outcome.Stderr, StringComparison.Ordinal);
    }
}
