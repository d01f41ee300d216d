using Qonduit.Contracts.RunDirectories;
using Qonduit.Contracts.Tasks;
using Qonduit.Devices.Generators;
using Qonduit.Runner.Tests.RunDirectories;

namespace Qonduit.Runner.Tests;

public sealed class HermeticRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qonduit-runner-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private int Run(RunPayload payload)
    {
        PayloadFile.Write(_dir, payload);
        return HermeticRunner.Run(_dir, TextWriter.Null);
    }

    private RunResult Result() => Assert.IsType<Artifact<RunResult>.Present>(ArtifactFiles.ReadResult(_dir)).Value;

    private RunError Error() => Assert.IsType<Artifact<RunError>.Present>(ArtifactFiles.ReadError(_dir)).Value;

    [Fact]
    public void A_valid_payload_yields_a_result_with_counts_seed_snapshot_version_and_timings()
    {
        var payload = PayloadFileTests.Sample();
        Assert.Equal(HermeticRunner.Succeeded, Run(payload));

        var result = Result();
        Assert.Equal(payload.TaskId, result.TaskId);
        Assert.Equal(2000, result.Counts.Values.Sum());
        Assert.Equal(payload.Seed, result.Seed);
        Assert.Equal(9, result.BoundSnapshotVersion);
        Assert.Equal((2, 2), (result.Circuit.Qubits, result.Circuit.Clbits));
        Assert.Equal(1, result.Circuit.TwoQubitGates);
        Assert.True(result.Timings.TotalMs >= result.Timings.SimulateMs);
        Assert.All(result.Counts.Keys, k => Assert.Equal(2, k.Length));
        Assert.True(File.Exists(Path.Combine(_dir, RunFiles.Log)));
        Assert.False(File.Exists(Path.Combine(_dir, RunFiles.Error)));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void The_result_says_which_classical_registers_a_measurement_writes_while_its_keys_keep_every_register()
    {
        var circuit = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\ncreg flags[3];\ncreg m[1];\nx q[0];\nmeasure q -> c;\nmeasure q[0] -> m[0];\n";
        Assert.Equal(HermeticRunner.Succeeded, Run(PayloadFileTests.Sample(circuit)));

        var result = Result();

        Assert.Equal([new ClassicalRegisterShape("c", 2, true), new ClassicalRegisterShape("flags", 3, false), new ClassicalRegisterShape("m", 1, true)], result.Registers);
        Assert.All(result.Counts.Keys, k => Assert.Equal("000", k.Split(' ')[1]));
    }

    [Fact]
    public void A_run_cancelled_through_its_token_stops_without_an_artifact_like_a_killed_runner_process()
    {
        PayloadFile.Write(_dir, PayloadFileTests.Sample());
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Equal(HermeticRunner.Cancelled, HermeticRunner.Run(_dir, TextWriter.Null, cancelled.Token));

        Assert.IsType<Artifact<RunResult>.Missing>(ArtifactFiles.ReadResult(_dir));
        Assert.IsType<Artifact<RunError>.Missing>(ArtifactFiles.ReadError(_dir));
        Assert.Contains("cancelled", File.ReadAllText(Path.Combine(_dir, RunFiles.Log)));
    }

    [Fact]
    public void Running_a_preserved_directory_again_reproduces_the_counts_bit_for_bit()
    {
        Assert.Equal(HermeticRunner.Succeeded, Run(PayloadFileTests.Sample()));
        var first = ArtifactFiles.Serialize(Result() with { Timings = new RunTimings(0, 0, 0, 0, 0), CpuSeconds = null });

        Assert.Equal(HermeticRunner.Succeeded, HermeticRunner.Run(_dir, TextWriter.Null));
        var second = ArtifactFiles.Serialize(Result() with { Timings = new RunTimings(0, 0, 0, 0, 0), CpuSeconds = null });

        Assert.Equal(first, second);
    }

    [Fact]
    public void A_logical_payload_is_transpiled_onto_its_snapshot_and_the_result_records_the_mapping()
    {
        var ghz = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\ncreg c[3];\nh q[0];\ncx q[0],q[2];\ncx q[2],q[1];\nmeasure q -> c;\n";
        var payload = PayloadFileTests.Sample(ghz) with { Options = new RunOptions { Transpile = true, Noise = false } };
        Assert.Equal(HermeticRunner.Succeeded, Run(payload));

        var result = Result();
        var mapping = Assert.IsType<TranspileReport>(result.Transpilation);
        Assert.Equal(3, mapping.InitialLayout.Distinct().Count());
        Assert.All(mapping.InitialLayout.Concat(mapping.FinalPermutation), p => Assert.InRange(p, 0, payload.Snapshot.NumQubits - 1));
        Assert.Equal(2, mapping.Before.TwoQubitGates);
        Assert.Equal(mapping.After.TwoQubitGates, result.Circuit.TwoQubitGates);
        Assert.True(result.Circuit.Transpiled);
        Assert.Equal(["000", "111"], result.Counts.Keys.Order());
    }

    /// <summary>Forty noisy two-qubit gates: independent shots hit enough distinct error patterns to need many simulations.</summary>
    private static readonly string Deep = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[4];\ncreg c[4];\n" +
        string.Concat(Enumerable.Repeat("h q[0];\ncx q[0],q[1];\ncx q[1],q[2];\ncx q[2],q[3];\n", 10)) + "measure q -> c;\n";

    [Fact]
    public void A_trajectory_budget_caps_the_simulations_is_recorded_in_the_result_and_reruns_to_the_same_counts()
    {
        var payload = PayloadFileTests.Sample(Deep) with { Options = new RunOptions { Transpile = true, Trajectories = 8 } };
        Assert.Equal(HermeticRunner.Succeeded, Run(payload));
        var first = Result();

        Assert.True(first.Noisy);
        Assert.Equal(8, first.Trajectories);
        Assert.InRange(first.Simulations, 1, 8);
        Assert.Equal(2000, first.Counts.Values.Sum());
        Assert.Equal(HermeticRunner.Succeeded, HermeticRunner.Run(_dir, TextWriter.Null));
        Assert.Equal(first.Counts, Result().Counts);
    }

    [Fact]
    public void An_in_process_run_reports_its_threads_cpu_time_which_is_more_than_nothing_and_no_more_than_the_wall_time_it_took()
    {
        PayloadFile.Write(_dir, PayloadFileTests.Sample(Deep) with { Options = new RunOptions { Transpile = true, Trajectories = 8 } });
        var wall = System.Diagnostics.Stopwatch.StartNew();

        Assert.Equal(HermeticRunner.Succeeded, HermeticRunner.Run(_dir, TextWriter.Null, cpu: CpuScope.Thread));

        // A four-qubit circuit never fans out to pool threads: one thread did all the work, so it cannot exceed the wall time.
        Assert.InRange(Result().CpuSeconds ?? -1, 1e-6, wall.Elapsed.TotalSeconds);
        Assert.Contains("cpu ", File.ReadAllText(Path.Combine(_dir, RunFiles.Log)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_runner_process_reports_the_whole_process_cpu_time_start_up_included()
    {
        PayloadFile.Write(_dir, PayloadFileTests.Sample());
        var before = Environment.CpuUsage.TotalTime.TotalSeconds;

        Assert.Equal(HermeticRunner.Succeeded, HermeticRunner.Run(_dir, TextWriter.Null, cpu: CpuScope.Process));

        Assert.True(Result().CpuSeconds >= before, $"{Result().CpuSeconds} s reported, the process had used {before} s before the run");
    }

    [Fact]
    public void The_progress_lines_go_through_the_phases_in_order_and_end_with_every_shot_sampled()
    {
        Assert.Equal(HermeticRunner.Succeeded, Run(PayloadFileTests.Sample(Deep) with { Options = new RunOptions { Transpile = true, Trajectories = 8 } }));

        var latest = ProgressFile.ReadLatest(_dir);
        Assert.Equal((ProgressPhase.Sample, 2000L, 2000L, "shots"), (latest?.Phase, latest?.Done, latest?.Total, latest?.Unit));
        var phases = File.ReadAllLines(Path.Combine(_dir, RunFiles.Progress)).Select(l => l.Split('"')[3]).Distinct();
        Assert.Equal(["transpile", "simulate", "sample"], phases);
    }

    [Fact]
    public void Given_a_callback_the_runner_reports_progress_to_it_and_writes_no_progress_file()
    {
        var lines = new List<TaskProgress>();
        PayloadFile.Write(_dir, PayloadFileTests.Sample(Deep) with { Options = new RunOptions { Transpile = true, Trajectories = 8 } });

        Assert.Equal(HermeticRunner.Succeeded, HermeticRunner.Run(_dir, TextWriter.Null, progress: lines.Add));

        Assert.False(File.Exists(Path.Combine(_dir, RunFiles.Progress)));
        Assert.Equal(ProgressPhase.Transpile, lines[0].Phase);
        Assert.Equal(0, lines[0].Done);
        Assert.Equal(new TaskProgress(ProgressPhase.Sample, 2000, 2000, "shots", At: lines[^1].At), lines[^1]);
    }

    [Fact]
    public void Without_a_budget_every_shot_draws_its_own_error_pattern_and_the_result_says_null()
    {
        Assert.Equal(HermeticRunner.Succeeded, Run(PayloadFileTests.Sample(Deep) with { Options = new RunOptions { Transpile = true } }));

        var result = Result();
        Assert.Null(result.Trajectories);
        Assert.True(result.Simulations > 8, $"{result.Simulations} simulations for 2,000 independent noisy shots");
    }

    [Fact]
    public void A_native_payload_runs_as_written_with_no_mapping()
    {
        Assert.Equal(HermeticRunner.Succeeded, Run(PayloadFileTests.Sample()));
        Assert.Null(Result().Transpilation);
    }

    [Fact]
    public void A_circuit_that_does_not_parse_is_circuit_invalid_and_exits_non_zero()
    {
        Assert.Equal(HermeticRunner.FailedWithError, Run(PayloadFileTests.Sample("OPENQASM 2.0;\nqreg q[2];\nfrobnicate q[0];\n")));
        Assert.Equal(ErrorCodes.Runner.CircuitInvalid, Error().Code);
        Assert.False(File.Exists(Path.Combine(_dir, RunFiles.Result)));
    }

    [Theory]
    [InlineData("rz(0/0) q[0];", "qasm.non-finite-parameter")]
    [InlineData("rx(1e308*1e308) q[0];", "qasm.non-finite-parameter")]
    [InlineData("include \"secret.inc\";", "qasm.include-forbidden")]
    public void A_circuit_with_a_non_finite_parameter_or_a_file_include_is_circuit_invalid_and_nothing_runs(string statement, string parserCode)
    {
        // The file sits beside the payload: even the run directory is not readable from a circuit.
        File.WriteAllText(Path.Combine(_dir, "secret.inc"), "gate secret_token_value_42 a { }\n");
        var circuit = $"OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\ncreg c[1];\n{statement}\nmeasure q -> c;\n";
        Assert.Equal(HermeticRunner.FailedWithError, Run(PayloadFileTests.Sample(circuit)));
        var error = Error();
        Assert.Equal(ErrorCodes.Runner.CircuitInvalid, error.Code);
        Assert.Contains($"[{parserCode}]", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, RunFiles.Result)));
    }

    [Fact]
    public void A_circuit_wider_than_the_bound_device_is_circuit_invalid()
    {
        var wide = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[6];\ncreg c[6];\nx q[5];\nmeasure q -> c;\n";
        Assert.Equal(HermeticRunner.FailedWithError, Run(PayloadFileTests.Sample(wide)));
        Assert.Equal(ErrorCodes.Runner.CircuitInvalid, Error().Code);
    }

    [Fact]
    public void A_state_vector_beyond_memory_is_too_large_for_memory()
    {
        var device = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Line, 40, Name: "line40"));
        // Every qubit in superposition and entangled along the line: no simulator can leave any of the 40 out.
        var gates = string.Concat(Enumerable.Range(0, 40).Select(q => $"h q[{q}];\n"))
                    + string.Concat(Enumerable.Range(0, 39).Select(q => $"cx q[{q}],q[{q + 1}];\n"));
        var circuit = $"OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[40];\ncreg c[40];\n{gates}measure q -> c;\n";
        Assert.Equal(HermeticRunner.FailedWithError, Run(PayloadFileTests.Sample(circuit) with { Snapshot = device }));
        Assert.Equal(ErrorCodes.Runner.TooLargeForMemory, Error().Code);
    }

    [Fact]
    public void An_altered_payload_is_payload_invalid_and_nothing_is_simulated()
    {
        PayloadFile.Write(_dir, PayloadFileTests.Sample());
        var path = Path.Combine(_dir, RunFiles.Payload);
        File.WriteAllText(path, File.ReadAllText(path).Replace("h q[0]", "x q[0]", StringComparison.Ordinal));

        Assert.Equal(HermeticRunner.FailedWithError, HermeticRunner.Run(_dir, TextWriter.Null));
        Assert.Equal(ErrorCodes.Runner.PayloadInvalid, Error().Code);
    }

    [Fact]
    public void A_missing_run_directory_cannot_even_be_reported()
    {
        Assert.Equal(HermeticRunner.CouldNotReport, HermeticRunner.Run(Path.Combine(_dir, "nope"), TextWriter.Null));
    }
}
