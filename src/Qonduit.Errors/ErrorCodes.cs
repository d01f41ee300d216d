namespace Qonduit.Errors;

/// <summary>
/// Every stable error code Qonduit emits, one nested class per area (the code's first segment). A code is
/// `area.what-went-wrong` and never changes meaning; clients match on it. docs/error-codes.md is generated from this
/// registry (tests/Qonduit.Contracts.Tests/ErrorCodesTests.cs), and a test fails on any code emitted as a literal.
/// </summary>
public static partial class ErrorCodes;
