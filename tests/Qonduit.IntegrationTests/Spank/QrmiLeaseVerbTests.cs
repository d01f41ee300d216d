using System.Diagnostics;

namespace Qonduit.IntegrationTests.Spank;

/// <summary>`qonduit qrmi renew|release` as the plugin runs them: the token in {name}_QRMI_JOB_ACQUISITION_TOKEN, not on the command line.</summary>
[Collection(SpankCollection.Name)]
public sealed class QrmiLeaseVerbTests(SpankFixture fixture)
{
    [Theory]
    [InlineData("sim")]
    [InlineData("vqpu")]
    public async Task Renew_takes_the_token_from_the_environment_and_a_released_lease_is_not_revived(string resource)
    {
        var token = SlurmCluster.Run(fixture.Qonduit, "qrmi", "acquire", resource, "--config", fixture.ConfigPath, "--ttl", "5", "--wait", "30").Trim();
        var renewed = Qonduit(token, "qrmi", "renew", resource, "--ttl", "600", "--config", fixture.ConfigPath);
        Assert.True(renewed.Status == 0, renewed.Stderr);
        Assert.InRange(DateTimeOffset.Parse(renewed.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.UtcNow,
            TimeSpan.FromSeconds(590), TimeSpan.FromSeconds(601));

        Assert.Equal(0, Qonduit(token, "qrmi", "release", resource, "--config", fixture.ConfigPath).Status);
        Assert.Empty(await fixture.ActiveHoldersAsync(resource));
        var late = Qonduit(token, "qrmi", "renew", resource, "--ttl", "600", "--config", fixture.ConfigPath);
        Assert.NotEqual(0, late.Status);
        Assert.Contains("lease.not-found", late.Stderr, StringComparison.Ordinal);
        Assert.Empty(await fixture.ActiveHoldersAsync(resource));
    }

    [Fact]
    public void Without_a_token_argument_or_variable_renew_says_where_to_put_it()
    {
        var missing = Qonduit(null, "qrmi", "renew", "sim", "--ttl", "60", "--config", fixture.ConfigPath);
        Assert.NotEqual(0, missing.Status);
        Assert.Contains("cli.invalid-arguments", missing.Stderr, StringComparison.Ordinal);
        Assert.Contains("sim_QRMI_JOB_ACQUISITION_TOKEN", missing.Stderr, StringComparison.Ordinal);
    }

    private (int Status, string Stdout, string Stderr) Qonduit(string? token, params string[] arguments)
    {
        var start = new ProcessStartInfo(fixture.Qonduit, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var resource in new[] { "sim", "vqpu" }) start.Environment.Remove($"{resource}_QRMI_JOB_ACQUISITION_TOKEN");
        if (token is not null) start.Environment[$"{arguments[2]}_QRMI_JOB_ACQUISITION_TOKEN"] = token;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }
}
