using System.Diagnostics;
using Qonduit.Qrmi;
using Qonduit.Qrmi.Config;
using Qonduit.Qrmi.Vqpu;

namespace Qonduit.IntegrationTests.Spank;

/// <summary>`qonduit qrmi config` writes the qrmi_config.json the plugin and QRMI read, from the server's registered devices.</summary>
[Collection(SpankCollection.Name)]
public sealed class QrmiConfigVerbTests(SpankFixture fixture)
{
    [Fact]
    public void The_written_file_is_read_back_by_the_qrmi_loader_and_lists_the_chosen_devices()
    {
        var path = Path.Combine(SpankFixture.WorkDir, $"generated-{Guid.NewGuid():n}.json");
        var (status, _, error) = Qonduit("qrmi", "config", "--devices", $"ibm_fez,{SpankFixture.ServerDevice}", "-o", path);
        Assert.True(status == 0, error);

        var config = QrmiConfig.Load(path, new Dictionary<string, string>());
        Assert.Equal(["ibm_fez", SpankFixture.ServerDevice], config.Resources.Select(r => r.Name));
        Assert.All(config.Resources, r =>
        {
            Assert.Equal(ResourceTypes.QonduitVqpu, r.Type);
            Assert.Equal(fixture.ServerUrl.ToString().TrimEnd('/'), r.Get(QonduitVqpuResource.UrlKey));
            Assert.Equal(fixture.UserKey, r.Get(QonduitVqpuResource.ApiKeyKey));
        });
        // It holds a key: readable by its owner only.
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));

        var (listed, rows, listError) = Qonduit("qrmi", "list", "--config", path);
        Assert.True(listed == 0, listError);
        Assert.Matches(@"(?m)^ibm_fez +qonduit-vqpu +online ", rows);
        Assert.Matches($@"(?m)^{SpankFixture.ServerDevice} +qonduit-vqpu +online ", rows);
    }

    [Fact]
    public void Without_devices_it_writes_every_registered_one_to_standard_output()
    {
        var (status, output, error) = Qonduit("qrmi", "config");
        Assert.True(status == 0, error);
        var names = QrmiConfig.Parse(output, new Dictionary<string, string>()).Resources.Select(r => r.Name).ToList();
        Assert.Contains("ibm_fez", names);
        Assert.Contains("ibm_torino", names);
        Assert.Contains(SpankFixture.ServerDevice, names);
    }

    [Fact]
    public void An_unregistered_device_is_refused_by_name_and_the_key_is_never_an_argument()
    {
        var (status, _, error) = Qonduit("qrmi", "config", "--devices", "ibm_fez,nowhere");
        Assert.NotEqual(0, status);
        Assert.Contains("cli.invalid-arguments", error, StringComparison.Ordinal);
        Assert.Contains("nowhere", error, StringComparison.Ordinal);

        Assert.NotEqual(0, Qonduit("qrmi", "config", "--key", fixture.UserKey).Status);
    }

    private (int Status, string Stdout, string Stderr) Qonduit(params string[] arguments)
    {
        var start = new ProcessStartInfo(fixture.Qonduit, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["QONDUIT_URL"] = fixture.ServerUrl.ToString();
        start.Environment["QONDUIT_API_KEY"] = fixture.UserKey;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }
}
