using Qonduit.Qrmi.Config;

namespace Qonduit.Qrmi.Tests.Config;

public sealed class QrmiConfigTests
{
    private const string File = """
        {"resources": [
          {"name": "fez", "type": "qonduit-vqpu", "environment": {"QRMI_QONDUIT_URL": "http://file:8080", "QRMI_QONDUIT_DEVICE": "ibm_fez"}},
          {"name": "sim", "type": "local-simulator", "environment": {"QRMI_LOCAL_LANES": 2}}
        ]}
        """;

    private static QrmiConfig Parse(string json, Dictionary<string, string>? env = null) => QrmiConfig.Parse(json, env ?? []);

    [Fact]
    public void The_users_own_name_prefixed_variables_override_the_file()
    {
        var config = Parse(File, new() { ["fez_QRMI_QONDUIT_URL"] = "http://mine:9000" });
        Assert.Equal("http://mine:9000", config.Get("fez").Get("QRMI_QONDUIT_URL"));
        Assert.Equal("ibm_fez", config.Get("fez").Get("QRMI_QONDUIT_DEVICE"));
    }

    [Fact]
    public void A_user_variable_can_add_a_setting_the_file_lacks()
    {
        var config = Parse(File, new() { ["fez_QRMI_QONDUIT_API_KEY"] = "secret" });
        Assert.Equal("secret", config.Get("fez").Get("QRMI_QONDUIT_API_KEY"));
    }

    [Fact]
    public void Variables_of_another_resource_or_without_the_qrmi_prefix_change_nothing()
    {
        var config = Parse(File, new() { ["sim_QRMI_QONDUIT_URL"] = "http://other", ["fez_OTHER"] = "x", ["QRMI_QONDUIT_URL"] = "http://bare" });
        Assert.Equal("http://file:8080", config.Get("fez").Get("QRMI_QONDUIT_URL"));
        Assert.Null(config.Get("fez").Get("OTHER"));
    }

    [Fact]
    public void Numbers_in_the_file_environment_are_read_as_their_text()
    {
        Assert.Equal(2, Parse(File).Get("sim").GetInt("QRMI_LOCAL_LANES", 1));
    }

    [Fact]
    public void Job_variables_carry_the_name_prefix_in_a_stable_order()
    {
        var vars = Parse(File).Get("fez").ToJobVariables().Select(v => v.Key).ToList();
        Assert.Equal(["fez_QRMI_QONDUIT_DEVICE", "fez_QRMI_QONDUIT_URL"], vars);
    }

    [Fact]
    public void An_unknown_resource_is_a_typed_error_naming_the_configured_ones()
    {
        var e = Assert.Throws<ResourceNotFoundException>(() => Parse(File).Get("nonexistent"));
        Assert.Equal("qrmi.resource-not-found", e.Code);
        Assert.Contains("fez, sim", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("{\"resources\": {}}", "\"resources\" array")]
    [InlineData("{\"resources\": [{\"name\": \"a\", \"type\": \"quantum-annealer\"}]}", "unknown type")]
    [InlineData("{\"resources\": [{\"name\": \"a-b\", \"type\": \"local-simulator\"}]}", "letters, digits")]
    [InlineData("{\"resources\": [{\"type\": \"local-simulator\"}]}", "\"name\"")]
    [InlineData("{\"resources\": [{\"name\": \"a\", \"type\": \"local-simulator\"}, {\"name\": \"a\", \"type\": \"local-simulator\"}]}", "defined twice")]
    public void A_bad_file_is_a_config_error_that_says_what_is_wrong(string json, string expected)
    {
        var e = Assert.Throws<QrmiConfigException>(() => Parse(json));
        Assert.Equal("qrmi.config-invalid", e.Code);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_config_error()
    {
        Assert.Throws<QrmiConfigException>(() => QrmiConfig.Load("/nonexistent/qrmi_config.json", new Dictionary<string, string>()));
    }

    [Fact]
    public void A_required_setting_that_is_missing_names_both_places_to_set_it()
    {
        var e = Assert.Throws<QrmiConfigException>(() => Parse(File).Get("sim").Require("QRMI_LOCAL_SNAPSHOT"));
        Assert.Contains("sim_QRMI_LOCAL_SNAPSHOT", e.Message, StringComparison.Ordinal);
    }
}
