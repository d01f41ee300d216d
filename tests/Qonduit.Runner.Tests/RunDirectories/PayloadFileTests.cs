using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Devices.Generators;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Runner.Tests.RunDirectories;

public sealed class PayloadFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qonduit-payload-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static RunPayload Sample(string circuit = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n") => new()
    {
        TaskId = "7d1f9c1e-5b9a-4f0e-9a59-3c2f1d9e8b01",
        Attempt = 2,
        Dialect = Dialects.OpenQasm2,
        Circuit = circuit,
        Shots = 2000,
        Seed = 123456789,
        Snapshot = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Line, 4, Seed: 3, Name: "line4")) with { Version = 9 },
    };

    [Fact]
    public void A_command_payload_reads_back_with_its_argv_args_stdin_and_timeout_and_a_circuit_payload_carries_no_command_member()
    {
        var payload = Sample() with
        {
            Circuit = "",
            Shots = 0,
            Command = new CommandRun { Name = "diag", Argv = ["/opt/sqd/diag.py"], Args = ["--n", "4"], Stdin = "{}", TimeoutSeconds = 600 },
        };
        PayloadFile.Write(_dir, payload);
        var read = PayloadFile.Read(_dir).Command!;

        Assert.Equal(("diag", "/opt/sqd/diag.py", "--n 4", "{}", 600), (read.Name, read.Argv.Single(), string.Join(' ', read.Args), read.Stdin, read.TimeoutSeconds));
        // Circuit payloads keep the bytes they had before commands existed, so their hashes and older runners are unaffected.
        Assert.DoesNotContain("\"command\"", PayloadFile.Serialize(Sample()));
        Assert.Throws<RunnerException>(() => PayloadFile.Parse(PayloadFile.Serialize(payload with { Command = payload.Command with { Name = "rm -rf" } })));
    }

    [Fact]
    public void A_written_payload_reads_back_whole()
    {
        var payload = Sample();
        PayloadFile.Write(_dir, payload);
        var read = PayloadFile.Read(_dir);

        Assert.Equal((payload.TaskId, payload.Attempt, payload.Dialect, payload.Circuit, payload.Shots, payload.Seed),
            (read.TaskId, read.Attempt, read.Dialect, read.Circuit, read.Shots, read.Seed));
        Assert.Equal(9, read.Snapshot.Version);
        Assert.Equal(SnapshotHash.Compute(payload.Snapshot), SnapshotHash.Compute(read.Snapshot));
        Assert.False(File.Exists(Path.Combine(_dir, "payload.json.tmp")));
    }

    [Fact]
    public void A_trajectory_budget_reads_back_and_a_payload_written_before_it_existed_reads_as_exact()
    {
        PayloadFile.Write(_dir, Sample() with { Options = new RunOptions { Trajectories = 8 } });
        Assert.Equal(8, PayloadFile.Read(_dir).Options.Trajectories);

        var older = PayloadFile.Serialize(Sample()).Replace(",\"trajectories\":null", "", StringComparison.Ordinal);
        Assert.DoesNotContain("trajectories", older, StringComparison.Ordinal);
        Assert.Null(PayloadFile.Parse(Rehash(older)).Options.Trajectories);
    }

    /// <summary>The payload with its body hash recomputed, as the agent that wrote the edited body would have.</summary>
    private static string Rehash(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var body = document.RootElement.GetProperty("body").GetRawText();
        return $"{{\"schemaVersion\":{PayloadFile.SchemaVersion},\"bodySha256\":\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))}\",\"body\":{body}}}";
    }

    [Fact]
    public void A_budget_below_one_is_payload_invalid()
    {
        PayloadFile.Write(_dir, Sample() with { Options = new RunOptions { Trajectories = 0 } });

        var error = Assert.Throws<RunnerException>(() => PayloadFile.Read(_dir));
        Assert.Equal(ErrorCodes.Runner.PayloadInvalid, error.Code);
        Assert.Contains("trajectories", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edited_body_no_longer_matches_its_hash()
    {
        PayloadFile.Write(_dir, Sample());
        var path = Path.Combine(_dir, RunFiles.Payload);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"shots\":2000", "\"shots\":2001", StringComparison.Ordinal));

        var error = Assert.Throws<RunnerException>(() => PayloadFile.Read(_dir));
        Assert.Equal(ErrorCodes.Runner.PayloadInvalid, error.Code);
        Assert.Contains("bodySha256", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"schemaVersion\":2,\"bodySha256\":\"00\",\"body\":{}}", "schema version 2")]
    [InlineData("{\"bodySha256\":\"00\",\"body\":{}}", "no schemaVersion")]
    [InlineData("[1,2,3]", "JSON object")]
    [InlineData("{\"schemaVersion\":1,", "not JSON")]
    [InlineData("{\"schemaVersion\":1,\"body\":{}}", "no bodySha256")]
    public void A_malformed_envelope_is_payload_invalid(string text, string expected)
    {
        File.WriteAllText(Path.Combine(_dir, RunFiles.Payload), text);
        var error = Assert.Throws<RunnerException>(() => PayloadFile.Read(_dir));
        Assert.Equal(ErrorCodes.Runner.PayloadInvalid, error.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_payload_is_payload_invalid()
    {
        var error = Assert.Throws<RunnerException>(() => PayloadFile.Read(_dir));
        Assert.Equal(ErrorCodes.Runner.PayloadInvalid, error.Code);
    }

    [Theory]
    [InlineData("qasm4", 10, "unknown dialect")]
    [InlineData(Dialects.OpenQasm3, 0, "shots must be positive")]
    public void A_well_hashed_body_with_impossible_values_is_still_refused(string dialect, int shots, string expected)
    {
        PayloadFile.Write(_dir, Sample() with { Dialect = dialect, Shots = shots });
        var error = Assert.Throws<RunnerException>(() => PayloadFile.Read(_dir));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
