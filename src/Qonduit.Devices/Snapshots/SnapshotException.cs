using Qonduit.Circuits;

namespace Qonduit.Devices.Snapshots;

/// <summary>A snapshot that cannot be read or used: bad JSON, an impossible calibration, an unknown device.</summary>
public sealed class SnapshotException(string code, string message, Exception? inner = null) : QonduitException(code, message, inner)
{
    /// <summary>The text is not JSON, or not the snapshot schema (missing or unknown property, wrong type).</summary>
    public const string MalformedJson = "snapshot.malformed-json";

    /// <summary>The JSON is well formed but describes an impossible device (see <see cref="SnapshotValidator"/>).</summary>
    public const string Invalid = "snapshot.invalid";

    /// <summary>Neither a readable snapshot file nor a bundled device of that name.</summary>
    public const string NotFound = "snapshot.not-found";

    /// <summary>A snapshot file larger than <see cref="SnapshotJson.MaxFileBytes"/>.</summary>
    public const string TooLarge = "snapshot.too-large";
}
