using System.Collections.Immutable;
using Qonduit.Circuits.Ir;
using Qonduit.Simulation.Execution;

namespace Qonduit.Simulation.Tests.Execution;

public sealed class CountKeysTests
{
    private static readonly CountKeys Keys = new(ImmutableArray.Create(new ClassicalRegister("a", 2, 0), new ClassicalRegister("b", 3, 2)), 5);

    [Fact]
    public void Keys_put_the_last_register_first_and_the_highest_bit_left()
    {
        // a = [a0=1, a1=0], b = [b0=0, b1=0, b2=1]
        Assert.Equal("100 01", Keys.Format([true, false, false, false, true]));
    }

    [Fact]
    public void Parsing_a_key_inverts_formatting_with_or_without_spaces()
    {
        bool[] clbits = [true, false, false, true, true];
        Assert.Equal(clbits, Keys.Parse(Keys.Format(clbits)));
        Assert.Equal(clbits, Keys.Parse(Keys.Format(clbits).Replace(" ", "", StringComparison.Ordinal)));
        Assert.Null(Keys.Parse("1001"));
        Assert.Null(Keys.Parse("10x01"));
    }
}
