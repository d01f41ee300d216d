namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    /// <summary>Placing a task by its resource requirement (docs/orchestration.md "Placement").</summary>
    public static class Placement
    {
        [ErrorCode("no resource could ever match the requirement: `kind`, `resource`, `num_qubits` and Boolean tags exclude every one (other indices are taken as possibly true)", Status = 422)]
        public const string NoMatchingResource = "placement.no-matching-resource";

        [ErrorCode("the circuit is inadmissible on every device the requirement may choose (`details.refused` says why for each)", Status = 422)]
        public const string NoAdmissibleResource = "placement.no-admissible-resource";

        [ErrorCode("a requirement without `device` may only select simulators (`kind=='sim'`) with `noise` ideal", Status = 400)]
        public const string DeviceRequired = "placement.device-required";

        [ErrorCode("`noise` is not `device` or `ideal`, or is given without a requirement", Status = 400)]
        public const string InvalidNoise = "placement.invalid-noise";

        [ErrorCode("`requirement` is missing or empty", Status = 400)]
        public const string MissingRequirement = "placement.missing-requirement";
    }
}
