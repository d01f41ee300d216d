using Qonduit.Circuits;

namespace Qonduit.Agent.ControlPlane;

/// <summary>The control plane could not be reached or answered with a server error; nothing was decided, so the call is repeated.</summary>
public sealed class ControlPlaneUnavailableException(string message, Exception? inner = null)
    : QonduitException(ErrorCodes.Agent.ControlPlaneUnavailable, message, inner);
