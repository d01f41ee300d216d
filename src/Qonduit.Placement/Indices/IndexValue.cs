using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Qonduit.Placement.Indices;

/// <summary>A reported value: a number (Numeric and Boolean indices) or a string.</summary>
public readonly record struct IndexValue
{
    private IndexValue(double number, string? text) => (Number, Text) = (number, text);

    public double Number { get; }

    /// <summary>Set for a String index, null for a number.</summary>
    public string? Text { get; }

    public static IndexValue Of(double number) => new(number, null);

    public static IndexValue Of(string text) => new(0, text ?? throw new ArgumentNullException(nameof(text)));

    public override string ToString() => Text ?? Number.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The value as the wire carries it: a JSON string for a String index, else a JSON number.</summary>
    public JsonElement ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (Text is { } text) writer.WriteStringValue(text);
            else writer.WriteNumberValue(Number);
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}

/// <summary>A value as it arrived: when, and how often its reporter sends it (the base of <see cref="Staleness"/>).</summary>
/// <param name="Interval"><see cref="Timeout.InfiniteTimeSpan"/> for a static value (`kind`, `num_qubits`) that never goes stale.</param>
public sealed record IndexSample(IndexValue Value, DateTimeOffset ReceivedAt, TimeSpan Interval);
