using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Qonduit.Circuits;
using Qonduit.Contracts.Tasks;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Contracts.RunDirectories;

/// <summary>
/// payload.json: <c>{"schemaVersion": 1, "bodySha256": "&lt;hex&gt;", "body": {...}}</c>. The hash covers the body's bytes
/// exactly as written, so any edit, truncation or mix-up of files is caught before a single gate is simulated.
/// </summary>
public static class PayloadFile
{
    public const int SchemaVersion = 1;

    /// <summary>A payload is a circuit and one snapshot; anything this big is not one.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    public static string Serialize(RunPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        using var snapshot = JsonDocument.Parse(SnapshotJson.Serialize(payload.Snapshot, indented: false));
        var body = new PayloadBody(payload.TaskId, payload.Attempt, payload.Dialect, payload.Circuit, payload.Shots, payload.Seed,
            payload.Options, snapshot.RootElement.Clone(), payload.Command);
        var bodyJson = JsonSerializer.Serialize(body, PayloadJsonContext.Default.PayloadBody);
        return $"{{\"schemaVersion\":{SchemaVersion},\"bodySha256\":\"{Hash(bodyJson)}\",\"body\":{bodyJson}}}\n";
    }

    public static void Write(string runDirectory, RunPayload payload) =>
        RunFiles.WriteAtomically(Path.Combine(runDirectory, RunFiles.Payload), Serialize(payload));

    /// <summary>Reads and checks <c>&lt;dir&gt;/payload.json</c>; every problem is a <see cref="ErrorCodes.Runner.PayloadInvalid"/> error.</summary>
    public static RunPayload Read(string runDirectory)
    {
        var path = Path.Combine(runDirectory, RunFiles.Payload);
        var info = new FileInfo(path);
        if (!info.Exists) throw Invalid($"{path} does not exist");
        if (info.Length > MaxBytes) throw Invalid($"{path} is {info.Length} bytes; a payload is at most {MaxBytes}");
        return Parse(File.ReadAllText(path));
    }

    public static RunPayload Parse(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw Invalid($"payload.json is not JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Invalid("payload.json must hold a JSON object");
            if (!root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number)
                throw Invalid("payload.json has no schemaVersion");
            if (!version.TryGetInt32(out var schema) || schema != SchemaVersion)
                throw Invalid($"payload schema version {version.GetRawText()} is not supported (this runner reads version {SchemaVersion})");
            if (!root.TryGetProperty("bodySha256", out var hash) || hash.ValueKind != JsonValueKind.String)
                throw Invalid("payload.json has no bodySha256");
            if (!root.TryGetProperty("body", out var bodyElement) || bodyElement.ValueKind != JsonValueKind.Object)
                throw Invalid("payload.json has no body object");
            var bodyJson = bodyElement.GetRawText();
            if (!string.Equals(Hash(bodyJson), hash.GetString(), StringComparison.OrdinalIgnoreCase))
                throw Invalid("the payload body does not match its bodySha256: the file was altered or damaged");
            return ToPayload(bodyElement);
        }
    }

    private static RunPayload ToPayload(JsonElement bodyElement)
    {
        PayloadBody body;
        try
        {
            body = bodyElement.Deserialize(PayloadJsonContext.Default.PayloadBody) ?? throw Invalid("the payload body is null");
        }
        catch (JsonException e)
        {
            throw Invalid($"the payload body is malformed: {e.Message}", e);
        }
        if (string.IsNullOrWhiteSpace(body.TaskId)) throw Invalid("the payload names no task");
        if (!Dialects.IsKnown(body.Dialect)) throw Invalid($"unknown dialect '{body.Dialect}' (expected {Dialects.OpenQasm2} or {Dialects.OpenQasm3})");
        // A command task samples nothing: its shots are 0.
        if (body.Shots <= 0 && body.Command is null) throw Invalid($"shots must be positive, got {body.Shots}");
        if (body.Command is { } command && CommandProblem(command) is { } problem) throw Invalid($"the command is invalid: {problem}");
        if (body.Options?.Trajectories is < 1) throw Invalid($"trajectories must be at least 1 or absent, got {body.Options.Trajectories}");
        if (body.Snapshot.ValueKind != JsonValueKind.Object) throw Invalid("the payload carries no bound snapshot");
        DeviceSnapshot snapshot;
        try
        {
            snapshot = SnapshotJson.Deserialize(body.Snapshot.GetRawText());
        }
        catch (QonduitException e)
        {
            throw Invalid($"the bound snapshot is invalid: {e.Message}", e);
        }
        return new RunPayload
        {
            TaskId = body.TaskId,
            Attempt = body.Attempt,
            Dialect = body.Dialect,
            Circuit = body.Circuit ?? "",
            Shots = body.Shots,
            Seed = body.Seed,
            Options = body.Options ?? new RunOptions(),
            Snapshot = snapshot,
            Command = body.Command,
        };
    }

    private static string? CommandProblem(CommandRun command) =>
        !TaskCommand.IsName(command.Name) ? $"name '{command.Name}' is not a command name"
        : command.Argv is null || command.Args is null ? "argv and args must be lists"
        : command.TimeoutSeconds < 1 ? $"timeoutSeconds must be at least 1, got {command.TimeoutSeconds}"
        : new TaskCommand(command.Name, command.Args, command.Stdin).Problem();

    private static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    private static RunnerException Invalid(string message, Exception? inner = null) => new(ErrorCodes.Runner.PayloadInvalid, message, inner);
}

internal sealed record PayloadBody(
    string TaskId,
    int Attempt,
    string Dialect,
    string? Circuit,
    int Shots,
    ulong Seed,
    RunOptions? Options,
    JsonElement Snapshot,
    // Left out of circuit payloads, so their bytes (and hash) are what they were before commands existed.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CommandRun? Command = null);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, RespectRequiredConstructorParameters = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(PayloadBody))]
internal sealed partial class PayloadJsonContext : JsonSerializerContext;
