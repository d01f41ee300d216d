using Qonduit.Circuits;

namespace Qonduit.Agent.ControlPlane;

/// <summary>
/// The control plane refused the agent id (403 agent.id-bound-to-other-key): it is bound to another key. Nothing this agent
/// does can change that, so it stops; an admin rebinds the id (`qonduit keys bind-agent`) or the agent takes another id.
/// </summary>
public sealed class AgentIdTakenException(string message) : QonduitException(ErrorCodes.Agent.IdBoundToOtherKey, message)
{
}
