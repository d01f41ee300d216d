using Qonduit.Circuits.Qasm;

namespace Qonduit.Circuits.Tests.Qasm;

/// <summary>A parse stops with `limits.deadline` once the caller's token fires.</summary>
public sealed class QasmDeadlineTests
{
    [Fact]
    public void A_cancelled_token_stops_the_parse_at_once()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var e = Assert.Throws<QasmDeadlineException>(() => QasmParser.Parse("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nh q[0];\n", "<circuit>",
            QasmLimits.Default, QasmIncludePolicy.StandardOnly, cancelled.Token));
        Assert.Equal(ErrorCodes.Limits.Deadline, e.Code);
    }

    [Fact]
    public void A_deadline_that_passes_during_expansion_stops_it()
    {
        // 2^22 operations under a limit that allows them: seconds of work, stopped by a 50 ms deadline.
        var source = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit q;\ngate g0 a { x a; }\n"
            + string.Concat(Enumerable.Range(1, 22).Select(i => $"gate g{i} a {{ g{i - 1} a; g{i - 1} a; }}\n")) + "g22 q;\n";
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var e = Assert.Throws<QasmDeadlineException>(() =>
            QasmParser.Parse(source, "<circuit>", new QasmLimits { MaxInstructions = 1 << 23 }, QasmIncludePolicy.StandardOnly, deadline.Token));
        Assert.Equal(ErrorCodes.Limits.Deadline, e.Code);
    }
}
