using System.Text.RegularExpressions;
using System.Xml.Linq;
using Qonduit.Tests.Shared;

namespace Qonduit.IntegrationTests.Docs;

/// <summary>docs/architecture.md stays the map of the solution: a project added to Qonduit.slnx must be placed in it.</summary>
public sealed class ArchitectureDocTests
{
    [Fact]
    public void Every_project_of_the_solution_is_named_in_the_architecture()
    {
        var architecture = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "architecture.md"));
        var projects = XDocument.Load(Path.Combine(RepoPaths.Root, "Qonduit.slnx")).Descendants("Project")
            .Select(p => Path.GetFileNameWithoutExtension((string)p.Attribute("Path")!))
            .ToList();

        Assert.NotEmpty(projects);
        var missing = projects.Where(p => !Regex.IsMatch(architecture, $@"(?<![\w.]){Regex.Escape(p)}(?![\w.])")).ToList();
        Assert.True(missing.Count == 0, "docs/architecture.md does not name: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_file_the_architecture_names_exists()
    {
        var architecture = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "architecture.md"));
        var missing = Regex.Matches(architecture, @"`((?:src|tests|native|clients|benchmarks)/[^`<>*\s]+)`")
            .Select(m => m.Groups[1].Value)
            .Where(p => !File.Exists(Path.Combine(RepoPaths.Root, p)) && !Directory.Exists(Path.Combine(RepoPaths.Root, p)))
            .ToList();
        Assert.True(missing.Count == 0, "docs/architecture.md names paths that do not exist: " + string.Join(", ", missing));
    }
}
