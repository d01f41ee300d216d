using Qonduit.Circuits;

namespace Qonduit.Devices.Import;

/// <summary>Vendor calibration files that cannot be turned into a snapshot; the message names the file and the field.</summary>
public sealed class DeviceImportException(string message, Exception? inner = null)
    : QonduitException(ErrorCodes.Import.Malformed, message, inner)
{
}
