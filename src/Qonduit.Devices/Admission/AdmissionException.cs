using Qonduit.Circuits;

namespace Qonduit.Devices.Admission;

/// <summary>Thrown by callers that must refuse an inadmissible circuit (submission); carries the whole report.</summary>
public sealed class AdmissionException(AdmissibilityReport report)
    : QonduitException(ErrorCodes.Admission.Rejected, Describe(report))
{
    public AdmissibilityReport Report { get; } = report;

    private static string Describe(AdmissibilityReport report)
    {
        var first = report.Violations.Take(10).Select(v => v.ToString());
        var more = report.Violations.Count > 10 ? $"\n  … and {report.Violations.Count - 10} more" : "";
        return $"the circuit is not admissible on '{report.Device}' ({report.Violations.Count} violation(s)):\n  {string.Join("\n  ", first)}{more}";
    }
}
