using Qonduit.Circuits;

namespace Qonduit.Contracts.RunDirectories;

/// <summary>A typed runner failure; its code lands in error.json and, through the agent, in REPORT-FAILED with origin `runner`.</summary>
public sealed class RunnerException(string code, string message, Exception? inner = null) : QonduitException(code, message, inner);
