using System.CommandLine;
using System.Text.Json;
using Qonduit.Circuits;
using Qonduit.Cli.Server;
using Qonduit.Client;
using Qonduit.Contracts.Devices;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Cli.Registry;

/// <summary>
/// `qonduit registry list|get|history|register|patch` (`show` and `set` are aliases of get and patch): the server's device registry. (Named `registry` because
/// `qonduit devices` already works on local snapshot files.)
/// </summary>
public static class RegistryCommands
{
    public static Command Create()
    {
        var registry = new Command("registry", "the control plane's device registry: versions, history, registration and patches");
        registry.Subcommands.Add(List());
        registry.Subcommands.Add(Get());
        registry.Subcommands.Add(History());
        registry.Subcommands.Add(Register());
        registry.Subcommands.Add(Patch());
        return registry;
    }

    private static Command List()
    {
        var connection = new ServerConnection();
        var command = new Command("list", "every device's current version");
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            foreach (var d in await connection.Client(parse).ListDevicesAsync(ct).ConfigureAwait(false))
                Console.WriteLine($"{d.Device,-18} v{d.Version,-4} {d.NumQubits,5} qubits  lanes {d.LanesInUse}/{d.Lanes}  queued {d.QueueDepth,-4} {d.CreatedAt:u}  {d.Source}");
            return 0;
        });
        return command;
    }

    private static Command Get()
    {
        var connection = new ServerConnection();
        var device = new Argument<string>("device");
        var version = new Option<int?>("--version") { Description = "a past version (default: current)" };
        var command = new Command("get", "print a device snapshot (JSON)") { device, version };
        command.Aliases.Add("show");
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var json = await connection.Client(parse).GetDeviceJsonAsync(parse.GetValue(device)!, parse.GetValue(version), ct).ConfigureAwait(false);
            Console.WriteLine(SnapshotJson.Serialize(SnapshotJson.Deserialize(json)));
            return 0;
        });
        return command;
    }

    private static Command History()
    {
        var connection = new ServerConnection();
        var device = new Argument<string>("device");
        var command = new Command("history", "every version of a device") { device };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            foreach (var v in await connection.Client(parse).DeviceHistoryAsync(parse.GetValue(device)!, ct).ConfigureAwait(false))
                Console.WriteLine($"v{v.Version,-4} {v.CreatedAt:u}  {v.Hash[..12]}  {v.Source}");
            return 0;
        });
        return command;
    }

    private static Command Register()
    {
        var connection = new ServerConnection();
        var device = new Argument<string>("device");
        var snapshot = new Option<string?>("--snapshot") { Description = "snapshot JSON file" };
        var ibm = new Option<string[]?>("--ibm") { Description = "IBM conf_*.json and props_*.json", Arity = new ArgumentArity(2, 2), AllowMultipleArgumentsPerToken = true };
        var family = new Option<string?>("--generator") { Description = "topology family: heavy-hex, grid, ring, line, star, full" };
        var qubits = new Option<int>("--qubits") { Description = "qubits for --generator", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "calibration seed for --generator" };
        var ideal = new Option<bool>("--ideal") { Description = "noiseless calibration for --generator" };
        var lanes = LanesOption();
        var command = new Command("register", "register a new version (admin)") { device, snapshot, ibm, family, qubits, seed, ideal, lanes };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            DeviceRegistrationRequest registration;
            if (parse.GetValue(snapshot) is { } file) registration = new DeviceRegistrationRequest(Snapshot: Json(file));
            else if (parse.GetValue(ibm) is { Length: 2 } files) registration = new DeviceRegistrationRequest(Ibm: new IbmRegistration(Json(files[0]), Json(files[1])));
            else if (parse.GetValue(family) is { } f) registration = new DeviceRegistrationRequest(Generator: new GeneratorRegistration(f, parse.GetValue(qubits), parse.GetValue(seed), parse.GetValue(ideal)));
            else throw new QonduitException(ErrorCodes.Cli.MissingSource, "give --snapshot FILE, --ibm CONF PROPS or --generator FAMILY");
            registration = registration with { Lanes = parse.GetValue(lanes) };
            Print(await connection.Client(parse).RegisterDeviceAsync(parse.GetValue(device)!, registration, ct).ConfigureAwait(false));
            return 0;
        });
        return command;
    }

    private static Command Patch()
    {
        var connection = new ServerConnection();
        var device = new Argument<string>("device");
        var offline = new Option<int[]>("--offline") { Description = "take qubits offline (repeatable)" };
        var online = new Option<int[]>("--online") { Description = "bring qubits online (repeatable)" };
        var couplerError = new Option<string[]>("--coupler-error") { Description = "CONTROL:TARGET=ERROR (repeatable)" };
        var couplerOff = new Option<string[]>("--coupler-off") { Description = "CONTROL:TARGET to mark unavailable (repeatable)" };
        var recalibrate = new Option<string?>("--recalibrate") { Description = "snapshot JSON whose qubit and coupler calibration replace the current one" };
        var source = new Option<string?>("--source") { Description = "what this version is (default: who patched it)" };
        var lanes = LanesOption();
        var command = new Command("patch", "change the current version, giving the next (admin)")
        {
            device, offline, online, couplerError, couplerOff, recalibrate, source, lanes,
        };
        command.Aliases.Add("set");
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var qubits = (parse.GetValue(offline) ?? []).Select(q => new QubitPatch(q, QubitStatus.Offline))
                .Concat((parse.GetValue(online) ?? []).Select(q => new QubitPatch(q, QubitStatus.Online))).ToList();
            var couplers = (parse.GetValue(couplerError) ?? []).Select(text =>
            {
                var (c, t, value) = Pair(text, withValue: true);
                return new CouplerPatch(c, t, Error: value);
            }).Concat((parse.GetValue(couplerOff) ?? []).Select(text =>
            {
                var (c, t, _) = Pair(text, withValue: false);
                return new CouplerPatch(c, t, Status: CouplerStatus.Unavailable);
            })).ToList();
            Recalibration? full = parse.GetValue(recalibrate) is { } file
                ? SnapshotJson.Load(file) is var s ? new Recalibration(s.Qubits, s.Couplers) : null
                : null;
            Print(await connection.Client(parse).PatchDeviceAsync(parse.GetValue(device)!,
                new DevicePatchRequest(parse.GetValue(source), null, qubits, couplers, full, parse.GetValue(lanes)), ct).ConfigureAwait(false));
            return 0;
        });
        return command;
    }

    private static Option<int?> LanesOption() => new("--lanes") { Description = "execution lanes, i.e. how many leases the device grants at once (default: unchanged, 1 for a new device)" };

    private static (int Control, int Target, double? Value) Pair(string text, bool withValue)
    {
        var parts = text.Split('=', 2);
        var ends = parts[0].Split(':');
        if (ends.Length != 2 || !int.TryParse(ends[0], out var control) || !int.TryParse(ends[1], out var target)
            || (withValue ? parts.Length != 2 || !double.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out _) : parts.Length != 1))
            throw new QonduitException(ErrorCodes.Cli.InvalidCoupler, $"'{text}' is not CONTROL:TARGET{(withValue ? "=ERROR" : "")}");
        return (control, target, withValue ? double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    private static JsonElement Json(string path)
    {
        if (!File.Exists(path)) throw new QonduitException(ErrorCodes.Cli.FileNotFound, $"'{path}' does not exist");
        try
        {
            return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new QonduitException(ErrorCodes.Cli.InvalidJson, $"{path}: {e.Message}");
        }
    }

    private static void Print(DeviceChangeView change) =>
        Console.WriteLine(change.Changed
            ? $"{change.Device} v{change.Version} ({change.NumQubits} qubits, {change.Lanes} lane(s), {change.Hash[..12]})"
            : $"{change.Device} unchanged at v{change.Version}");
}
