namespace Qonduit.Devices.Import;

/// <summary>
/// Converts the `unit` strings of IBM properties files. The published files use "us" for T1/T2 and "ns" for lengths,
/// but the schema allows any SI prefix (and "dt" for lengths), so nothing assumes the unit.
/// </summary>
internal static class IbmUnits
{
    public static double ToMicroseconds(double value, string unit, string what) => unit switch
    {
        "us" or "µs" => value,
        "ns" => value / 1e3,
        "ms" => value * 1e3,
        "s" => value * 1e6,
        _ => throw new DeviceImportException($"{what}: unknown time unit '{unit}' (expected s, ms, us or ns)"),
    };

    public static double ToNanoseconds(double value, string unit, double? dtNs, string what) => unit switch
    {
        "ns" => value,
        "us" or "µs" => value * 1e3,
        "ms" => value * 1e6,
        "s" => value * 1e9,
        "dt" when dtNs is { } dt => value * dt,
        "dt" => throw new DeviceImportException($"{what} is in 'dt' but the configuration gives no dt"),
        _ => throw new DeviceImportException($"{what}: unknown time unit '{unit}' (expected s, ms, us, ns or dt)"),
    };
}
