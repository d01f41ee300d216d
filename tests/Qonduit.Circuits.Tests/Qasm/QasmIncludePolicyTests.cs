using Qonduit.Circuits.Ir;
using Qonduit.Circuits.Qasm;

namespace Qonduit.Circuits.Tests.Qasm;

/// <summary>`include` reads only the standard includes, or files under the directory the caller allows.</summary>
public sealed class QasmIncludePolicyTests : IDisposable
{
    private const string Secret = "secret_token_value_42";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("qasm-include-policy");

    public QasmIncludePolicyTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "allowed", "lib"));
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "outside"));
        File.WriteAllText(Path.Combine(_folder.FullName, "outside", "secret.txt"), Secret + ";\n");
        File.WriteAllText(Path.Combine(_folder.FullName, "allowed", "lib", "mine.inc"), "gate flip a { x a; }\n");
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private string Allowed => Path.Combine(_folder.FullName, "allowed");

    private string SecretPath => Path.Combine(_folder.FullName, "outside", "secret.txt");

    private static QasmException Refused(string include, QasmIncludePolicy policy, string dialect = "2.0") =>
        Assert.Throws<QasmException>(() => QasmParser.Parse($"OPENQASM {dialect};\ninclude \"{include}\";\n", "<circuit>", QasmLimits.Default, policy));

    [Theory]
    [InlineData("2.0")]
    [InlineData("3.0")]
    public void A_text_may_include_no_file_and_the_refusal_is_the_same_whether_the_file_exists_or_not(string dialect)
    {
        var existing = Refused(SecretPath, QasmIncludePolicy.StandardOnly, dialect);
        var missing = Refused(SecretPath + ".missing", QasmIncludePolicy.StandardOnly, dialect);
        Assert.Equal(ErrorCodes.Qasm.IncludeForbidden, existing.Code);
        Assert.Equal(existing.Code, missing.Code);
        Assert.Equal(existing.Reason, missing.Reason.Replace(".missing", "", StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, existing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_for_a_string_is_standard_includes_only()
    {
        var e = Assert.Throws<QasmException>(() => QasmParser.Parse($"OPENQASM 2.0;\ninclude \"{SecretPath}\";\n"));
        Assert.Equal(ErrorCodes.Qasm.IncludeForbidden, e.Code);
        Assert.Equal(2, QasmParser.Parse("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nh q[0];\nrz(1) q[0];\n").Instructions.Count);
    }

    [Theory]
    [InlineData("../outside/secret.txt")]
    [InlineData("lib/../../outside/secret.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("/proc/self/environ")]
    [InlineData("/dev/zero")]
    public void Escapes_from_the_include_directory_are_forbidden(string include)
    {
        var e = Refused(include, QasmIncludePolicy.UnderDirectory(Allowed));
        Assert.Equal(ErrorCodes.Qasm.IncludeForbidden, e.Code);
        Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_absolute_path_into_the_include_directory_is_forbidden_too() =>
        Assert.Equal(ErrorCodes.Qasm.IncludeForbidden, Refused(Path.Combine(Allowed, "lib", "mine.inc"), QasmIncludePolicy.UnderDirectory(Allowed)).Code);

    [Fact]
    public void A_symlink_that_leads_out_of_the_include_directory_is_forbidden_whether_its_target_exists_or_not()
    {
        File.CreateSymbolicLink(Path.Combine(Allowed, "leak.inc"), SecretPath);
        File.CreateSymbolicLink(Path.Combine(Allowed, "dangling.inc"), SecretPath + ".missing");
        Directory.CreateSymbolicLink(Path.Combine(Allowed, "up"), Path.Combine(_folder.FullName, "outside"));
        var policy = QasmIncludePolicy.UnderDirectory(Allowed);
        foreach (var include in new[] { "leak.inc", "dangling.inc", "up/secret.txt" })
        {
            var e = Refused(include, policy);
            Assert.Equal(ErrorCodes.Qasm.IncludeForbidden, e.Code);
            Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_symlink_that_stays_inside_the_include_directory_is_read()
    {
        File.CreateSymbolicLink(Path.Combine(Allowed, "alias.inc"), Path.Combine(Allowed, "lib", "mine.inc"));
        var circuit = QasmParser.Parse("OPENQASM 2.0;\ninclude \"qelib1.inc\";\ninclude \"alias.inc\";\nqreg q[1];\nflip q[0];\n", "<circuit>", QasmLimits.Default, QasmIncludePolicy.UnderDirectory(Allowed));
        Assert.Equal("x", Assert.IsType<Instruction.Gate>(Assert.Single(circuit.Instructions)).Name);
    }

    [Fact]
    public void A_file_under_the_include_directory_is_read_relative_to_it()
    {
        var circuit = QasmParser.Parse("OPENQASM 2.0;\ninclude \"qelib1.inc\";\ninclude \"lib/mine.inc\";\nqreg q[1];\nflip q[0];\n", "<circuit>", QasmLimits.Default, QasmIncludePolicy.UnderDirectory(Allowed));
        Assert.Equal("x", Assert.IsType<Instruction.Gate>(Assert.Single(circuit.Instructions)).Name);
    }

    [Fact]
    public void A_missing_file_under_the_include_directory_is_reported_as_missing()
    {
        var e = Refused("lib/absent.inc", QasmIncludePolicy.UnderDirectory(Allowed));
        Assert.Equal(ErrorCodes.Qasm.Include, e.Code);
    }

    [Fact]
    public void A_local_file_may_include_files_under_its_own_directory_only()
    {
        var main = Path.Combine(Allowed, "main.qasm");
        File.WriteAllText(main, "OPENQASM 2.0;\ninclude \"qelib1.inc\";\ninclude \"lib/mine.inc\";\nqreg q[1];\nflip q[0];\n");
        Assert.Single(QasmParser.ParseFile(main).Instructions);
        File.WriteAllText(main, "OPENQASM 2.0;\ninclude \"../outside/secret.txt\";\n");
        Assert.Equal(ErrorCodes.Qasm.IncludeForbidden, Assert.Throws<QasmException>(() => QasmParser.ParseFile(main)).Code);
    }

    [Fact]
    public void An_include_larger_than_the_byte_bound_is_refused_before_it_is_read()
    {
        File.WriteAllText(Path.Combine(Allowed, "big.inc"), new string(' ', 10_000));
        var e = Assert.Throws<QasmLimitException>(() => QasmParser.Parse("OPENQASM 2.0;\ninclude \"big.inc\";\n", "<circuit>",
            new QasmLimits { MaxIncludeBytes = 4096 }, QasmIncludePolicy.UnderDirectory(Allowed)));
        Assert.Equal(nameof(QasmLimits.MaxIncludeBytes), e.Limit);
    }

    [Fact]
    public void A_device_inside_the_include_directory_is_not_read_past_one_byte()
    {
        // /dev/zero claims 0 bytes and never ends; one byte past the claimed size tells it from a regular file.
        var e = Assert.Throws<QasmException>(() => QasmParser.Parse("OPENQASM 2.0;\ninclude \"zero\";\n", "<circuit>", QasmLimits.Default,
            QasmIncludePolicy.UnderDirectory("/dev")));
        Assert.Equal(ErrorCodes.Qasm.Include, e.Code);
        Assert.Contains("not a regular file", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_device_given_as_the_circuit_file_is_refused()
    {
        var e = Assert.Throws<QasmException>(() => QasmParser.ParseFile("/dev/zero"));
        Assert.Equal(ErrorCodes.Qasm.Include, e.Code);
    }
}
