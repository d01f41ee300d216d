using Qonduit.Circuits;

namespace Qonduit.Agent.Scheduling;

/// <summary>
/// The scheduler could not be asked (its controller does not answer, a command failed unexpectedly). Nothing is
/// concluded about any job from it: the agent asks again on its next round.
/// </summary>
public sealed class SchedulerUnavailableException(string message) : QonduitException(ErrorCodes.Scheduler.Unavailable, message);
