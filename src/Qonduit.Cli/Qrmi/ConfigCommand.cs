using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Qonduit.Circuits;
using Qonduit.Cli.Infrastructure;
using Qonduit.Client;
using Qonduit.Qrmi;
using Qonduit.Qrmi.Vqpu;

namespace Qonduit.Cli.Qrmi;

/// <summary>
/// `qonduit qrmi config [--devices a,b] [-o qrmi_config.json]`: one `qonduit-vqpu` resource per device registered on
/// the control plane of QONDUIT_URL, reached with the key of QONDUIT_API_KEY (written into the file, which is
/// therefore created readable by its owner only). The key is never an argument: a command line shows in `ps`.
/// </summary>
internal static partial class ConfigCommand
{
    public static Command Create()
    {
        var server = new Option<string?>("--server") { Description = "control plane URL (default: $QONDUIT_URL or http://127.0.0.1:8080)" };
        var devices = new Option<string?>("--devices") { Description = "comma-separated devices to include (default: every registered device)" };
        var output = new Option<string?>("--output", "-o") { Description = "file to write (default: standard output)" };
        var command = new Command("config", "write qrmi_config.json for the devices registered on the control plane (key from $QONDUIT_API_KEY)")
        {
            server, devices, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var url = parse.GetValue(server) ?? Environment.GetEnvironmentVariable("QONDUIT_URL") ?? "http://127.0.0.1:8080";
            if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
                throw new QonduitException(ErrorCodes.Cli.InvalidUrl, $"'{url}' is not a server URL");
            var key = Environment.GetEnvironmentVariable("QONDUIT_API_KEY");
            if (string.IsNullOrEmpty(key))
                throw new QonduitException(ErrorCodes.Cli.MissingKey, "set QONDUIT_API_KEY to the key the jobs' resources should use (a user key)");
            var client = new QonduitClient(baseUrl, key);
            var registered = (await client.ListDevicesAsync(cancellationToken)).Select(d => d.Device).ToList();
            var chosen = Choose(registered, parse.GetValue(devices));
            var json = Render(chosen, url.TrimEnd('/'), key);
            if (parse.GetValue(output) is { } path) WriteOwnerOnly(path, json);
            else Console.Write(json);
            return CliRunner.Success;
        });
        return command;
    }

    private static List<string> Choose(List<string> registered, string? requested)
    {
        if (requested is null) return registered;
        var names = requested.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        var unknown = names.Where(n => !registered.Contains(n, StringComparer.Ordinal)).ToList();
        if (names.Count == 0 || unknown.Count > 0)
            throw new QonduitException(ErrorCodes.Cli.InvalidArguments,
                $"--devices: {(names.Count == 0 ? "no device named" : $"not registered: {string.Join(", ", unknown)}")} (registered: {string.Join(", ", registered)})");
        return names;
    }

    /// <summary>A device id that is not a resource name (it prefixes environment variables) gets one, and names its device.</summary>
    private static string Render(IEnumerable<string> devices, string url, string key)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("resources");
            foreach (var device in devices)
            {
                var name = ResourceName(device);
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteString("type", ResourceTypes.QonduitVqpu);
                json.WriteStartObject("environment");
                json.WriteString(QonduitVqpuResource.UrlKey, url);
                json.WriteString(QonduitVqpuResource.ApiKeyKey, key);
                if (name != device) json.WriteString(QonduitVqpuResource.DeviceKey, device);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static string ResourceName(string device)
    {
        var name = NotANameCharacter().Replace(device, "_");
        return char.IsAsciiDigit(name[0]) ? "_" + name : name;
    }

    /// <summary>Written beside the target and renamed over it, so a reader never sees half a file or a moment of wider permissions.</summary>
    private static void WriteOwnerOnly(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var temporary = $"{full}.{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var file = new FileStream(temporary, options))
            {
                file.Write(Encoding.UTF8.GetBytes(text));
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    [GeneratedRegex("[^A-Za-z0-9_]")]
    private static partial Regex NotANameCharacter();
}
