using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Qonduit.IntegrationTests.Server;

/// <summary>
/// `qonduit submit` inside a `sbatch --qpu` job, without Slurm: the process gets exactly the variables the SPANK plugin
/// exports (docs/architecture.md "QRMI") and nothing else that names the server, the key or the device.
/// </summary>
public sealed class SubmitInAQpuJobTests
{
    private const string Bell = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n";

    [Fact]
    public async Task Submit_in_a_qpu_job_reaches_its_device_and_spends_the_jobs_lease_from_the_environment_alone()
    {
        var directory = Directory.CreateTempSubdirectory("qonduit-job-env-");
        try
        {
            await using var server = await ServeProcess.StartAsync(Path.Combine(directory.FullName, "q.db"));
            var key = (await File.ReadAllTextAsync(Path.Combine(directory.FullName, "admin.key"))).Trim();
            using var http = server.Client(key);
            var lease = await (await http.PostAsJsonAsync("/v1/devices/ibm_fez/leases", new { holder = "slurm:job:1", ttlSeconds = 600 }))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            var circuit = Path.Combine(directory.FullName, "bell.qasm");
            await File.WriteAllTextAsync(circuit, Bell);

            var start = new ProcessStartInfo(ServeProcess.Launcher, ["submit", circuit, "--shots", "50", "--seed", "2", "--wait"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment.Remove("QONDUIT_URL");
            start.Environment.Remove("QONDUIT_API_KEY");
            start.Environment["QRMI_JOB_QPU_RESOURCES"] = "fez";
            start.Environment["QRMI_JOB_QPU_TYPES"] = "qonduit-vqpu";
            start.Environment["fez_QRMI_QONDUIT_URL"] = server.Url.ToString();
            start.Environment["fez_QRMI_QONDUIT_API_KEY"] = key;
            start.Environment["fez_QRMI_QONDUIT_DEVICE"] = "ibm_fez";
            start.Environment["fez_QRMI_JOB_ACQUISITION_TOKEN"] = lease.GetProperty("token").GetString();
            start.Environment["fez_QRMI_JOB_TIMEOUT_SECONDS"] = "600";
            using var submit = Process.Start(start)!;
            var output = await submit.StandardOutput.ReadToEndAsync();
            var error = await submit.StandardError.ReadToEndAsync();
            await submit.WaitForExitAsync();

            Assert.True(submit.ExitCode == 0, $"exit {submit.ExitCode}: {error}");
            Assert.Contains("completed on snapshot v", output, StringComparison.Ordinal);
            var task = await http.GetFromJsonAsync<JsonElement>($"/v1/tasks/{output.Split('\n')[0].Trim()}");
            Assert.Equal("ibm_fez", task.GetProperty("device").GetString());
            Assert.Equal(lease.GetProperty("leaseId").GetString(), task.GetProperty("leaseId").GetString());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
