namespace Qonduit.Errors;

public static partial class ErrorCodes
{
    /// <summary>A task's resource requirement (docs/orchestration.md "The requirement language"), refused when it is submitted.</summary>
    public static class Requirement
    {
        [ErrorCode("the resource requirement does not parse, or passes the length or nesting bound (`detail` names the 1-based column)", Status = 400)]
        public const string Syntax = "requirement.syntax";

        [ErrorCode("the requirement uses a section Qonduit parses but does not place by yet (span[], same[])", Status = 400)]
        public const string Unsupported = "requirement.unsupported";

        [ErrorCode("rusage[] names an index that is not declared consumable", Status = 400)]
        public const string NotConsumable = "requirement.not-consumable";
    }
}
