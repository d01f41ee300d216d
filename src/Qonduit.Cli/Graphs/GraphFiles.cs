using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qonduit.Circuits;
using Qonduit.Contracts;
using Qonduit.Contracts.Graphs;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Qonduit.Cli.Graphs;

/// <summary>
/// A graph file as the API takes it: JSON, or YAML (`.yaml`, `.yml`) read by YamlDotNet into the same JSON — a plain
/// scalar that reads as a number, true, false or null is one; a quoted one is always a string.
/// </summary>
public static class GraphFiles
{
    /// <summary>Graph files are small; a bigger one is a mistake, not a graph.</summary>
    public const long MaxBytes = 4 * 1024 * 1024;

    public static GraphDefinition Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new QonduitException(ErrorCodes.Cli.FileNotFound, $"file '{path}' does not exist");
        if (info.Length > MaxBytes) throw new QonduitException(ErrorCodes.Graph.TooLarge, $"{path} is {info.Length:N0} bytes; a graph file is at most {MaxBytes:N0}");
        var text = File.ReadAllText(path);
        try
        {
            var json = IsYaml(path) ? Json(text)?.ToJsonString() ?? "null" : text;
            return JsonSerializer.Deserialize(json, WireJson.Default.GraphDefinition)
                ?? throw new QonduitException(ErrorCodes.Graph.Invalid, $"{path}: the file holds no graph");
        }
        catch (JsonException e)
        {
            throw new QonduitException(ErrorCodes.Graph.Invalid, $"{path}: {e.Message}");
        }
        catch (YamlException e)
        {
            throw new QonduitException(ErrorCodes.Graph.Invalid, $"{path}:{e.Start.Line}:{e.Start.Column}: {e.Message}");
        }
    }

    /// <summary>A JSON object of run inputs: inline JSON, or a file (JSON or YAML) when the text names one.</summary>
    public static JsonObject Inputs(string? text)
    {
        if (text is null) return [];
        var source = File.Exists(text) ? File.ReadAllText(text) : text;
        try
        {
            var node = File.Exists(text) && IsYaml(text) ? Json(source) : JsonNode.Parse(source);
            return node as JsonObject ?? throw new QonduitException(ErrorCodes.Graph.InvalidInputs, "inputs are a JSON object: {\"name\": value, ...}");
        }
        catch (JsonException e)
        {
            throw new QonduitException(ErrorCodes.Graph.InvalidInputs, $"inputs: {e.Message}");
        }
    }

    private static bool IsYaml(string path) => Path.GetExtension(path) is ".yaml" or ".yml";

    private static JsonNode? Json(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? null : Node(stream.Documents[0].RootNode);
    }

    private static JsonNode? Node(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? "", Node(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(Node)]),
        YamlScalarNode { Style: ScalarStyle.Plain } plain => Plain(plain.Value ?? ""),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? ""),
        _ => throw new QonduitException(ErrorCodes.Graph.Invalid, $"line {node.Start.Line}: anchors and aliases are not part of a graph file"),
    };

    private static JsonNode? Plain(string value) => value switch
    {
        "null" or "~" or "" => null,
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
        _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) => JsonValue.Create(number),
        _ => JsonValue.Create(value),
    };
}
