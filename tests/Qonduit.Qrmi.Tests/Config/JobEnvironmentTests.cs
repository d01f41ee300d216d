using Qonduit.Qrmi.Config;

namespace Qonduit.Qrmi.Tests.Config;

public sealed class JobEnvironmentTests
{
    [Fact]
    public void The_plugins_variables_give_each_resource_its_type_token_timeout_and_settings()
    {
        var job = JobEnvironment.Read(new Dictionary<string, string>
        {
            ["QRMI_JOB_QPU_RESOURCES"] = "fez,sim",
            ["QRMI_JOB_QPU_TYPES"] = "qonduit-vqpu,local-simulator",
            ["fez_QRMI_JOB_ACQUISITION_TOKEN"] = "lt_1",
            ["fez_QRMI_JOB_TIMEOUT_SECONDS"] = "600",
            ["fez_QRMI_QONDUIT_URL"] = "http://cp:8080",
        });
        Assert.Equal(["fez", "sim"], job.Resources.Select(r => r.Name));
        var fez = job.Resources[0];
        Assert.Equal(("qonduit-vqpu", "lt_1", 600), (fez.Type, fez.AcquisitionToken, fez.TimeoutSeconds));
        Assert.Equal("http://cp:8080", fez.Definition.Get("QRMI_QONDUIT_URL"));
        Assert.Null(job.Resources[1].AcquisitionToken);
    }

    [Fact]
    public void The_legacy_slurm_names_are_read_when_the_qrmi_ones_are_absent()
    {
        var job = JobEnvironment.Read(new Dictionary<string, string>
        {
            ["SLURM_JOB_QPU_RESOURCES"] = "sim",
            ["SLURM_JOB_QPU_TYPES"] = "local-simulator",
        });
        Assert.Equal("local-simulator", Assert.Single(job.Resources).Type);
    }

    [Fact]
    public void Outside_a_qpu_job_there_are_no_resources()
    {
        Assert.False(JobEnvironment.Read(new Dictionary<string, string>()).IsPresent);
    }

    [Fact]
    public void Mismatched_name_and_type_lists_are_a_config_error()
    {
        Assert.Throws<QrmiConfigException>(() => JobEnvironment.Read(new Dictionary<string, string>
        {
            ["QRMI_JOB_QPU_RESOURCES"] = "a,b",
            ["QRMI_JOB_QPU_TYPES"] = "local-simulator",
        }));
    }
}
