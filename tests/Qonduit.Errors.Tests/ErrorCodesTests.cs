using Qonduit.Tests.Shared;

namespace Qonduit.Errors.Tests;

public sealed class ErrorCodesTests
{
    [Fact]
    public void Every_code_is_dotted_unique_in_its_area_and_says_what_it_means()
    {
        Assert.NotEmpty(ErrorCodeRegistry.All);
        Assert.All(ErrorCodeRegistry.All, c =>
        {
            Assert.Matches(ErrorCodeRegistry.DottedStyle(), c.Code);
            Assert.StartsWith(c.Area + ".", c.Code, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(c.Meaning), $"{c.Constant} has no [ErrorCode(meaning)]");
            Assert.True(c.Status is 0 or (>= 400 and < 600), $"{c.Constant}: {c.Status} is not an error status");
        });
        var duplicates = ErrorCodeRegistry.All.GroupBy(c => c.Code).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Docs_error_codes_md_is_generated_from_the_registry()
    {
        var path = Path.Combine(RepoPaths.Root, "docs", "error-codes.md");
        var generated = ErrorCodeRegistry.Markdown();
        if (Environment.GetEnvironmentVariable("QONDUIT_REGENERATE_DOCS") == "1") File.WriteAllText(path, generated);
        var checkedIn = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        Assert.True(checkedIn == generated,
            "docs/error-codes.md differs from the registry in src/Qonduit.Errors; regenerate it with " +
            "`QONDUIT_REGENERATE_DOCS=1 dotnet test tests/Qonduit.Errors.Tests` and commit the file.");
    }
}
