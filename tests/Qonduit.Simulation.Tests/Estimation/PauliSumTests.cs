using System.Numerics;
using Qonduit.Simulation.Estimation;

namespace Qonduit.Simulation.Tests.Estimation;

public sealed class PauliSumTests
{
    [Fact]
    public void Parses_coefficients_signs_and_labels_in_qiskit_order()
    {
        var sum = PauliSum.Parse("0.5*ZZI - 0.2*XIX");
        Assert.Equal(3, sum.NumQubits);
        Assert.Collection(sum.Terms,
            t => Assert.Equal((0.5, "ZZI"), (t.Coefficient, t.Label)),
            t => Assert.Equal((-0.2, "XIX"), (t.Coefficient, t.Label)));
        Assert.Equal('I', sum.Terms[0].PauliOn(0));
        Assert.Equal('Z', sum.Terms[0].PauliOn(2));
        Assert.Equal([1, 2], sum.Terms[0].Support);
    }

    [Theory]
    [InlineData("ZZ", new[] { 1.0 })]
    [InlineData("-1.0*XX + 2*YY", new[] { -1.0, 2.0 })]
    [InlineData("  -XX+YY  ", new[] { -1.0, 1.0 })]
    [InlineData("1e-3 * ZI - .5*IZ", new[] { 1e-3, -0.5 })]
    public void Accepts_the_usual_spellings(string text, double[] coefficients)
    {
        Assert.Equal(coefficients, PauliSum.Parse(text).Terms.Select(t => t.Coefficient));
    }

    [Theory]
    [InlineData("", "simulation.observable-syntax")]
    [InlineData("0.5*", "simulation.observable-syntax")]
    [InlineData("0.5 ZZ", "simulation.observable-syntax")]
    [InlineData("ZZ ZZ", "simulation.observable-syntax")]
    [InlineData("ZA", "simulation.observable-syntax")]
    [InlineData("zz", "simulation.observable-syntax")]
    [InlineData("ZZ +", "simulation.observable-syntax")]
    [InlineData("1.2.3*ZZ", "simulation.observable-syntax")]
    [InlineData("ZZ + ZZZ", "simulation.observable-length")]
    public void Bad_observables_get_a_typed_error(string text, string code)
    {
        var error = Assert.Throws<ObservableException>(() => PauliSum.Parse(text));
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void Labels_must_match_the_circuit_width()
    {
        Assert.Equal("simulation.observable-length", Assert.Throws<ObservableException>(() => PauliSum.Parse("ZZ", numQubits: 3)).Code);
    }

    [Theory]
    [InlineData("ZZ", 1)]
    [InlineData("XX", 1)]
    [InlineData("YY", -1)]
    [InlineData("ZI", 0)]
    [InlineData("0.5*ZZ - 0.25*YY + 2*II", 2.75)]
    public void Bell_state_expectations_are_the_textbook_values(string observable, double expected)
    {
        var bell = new Complex[] { Math.Sqrt(0.5), 0, 0, Math.Sqrt(0.5) };
        Assert.Equal(expected, PauliSum.Parse(observable).Expectation(bell), 1e-12);
    }

    [Fact]
    public void Rightmost_letter_acts_on_qubit_zero()
    {
        // |01⟩ in Qiskit order: qubit 0 is 1, qubit 1 is 0.
        var state = new Complex[] { 0, 1, 0, 0 };
        Assert.Equal(-1, PauliSum.Parse("IZ").Expectation(state), 1e-12);
        Assert.Equal(1, PauliSum.Parse("ZI").Expectation(state), 1e-12);
    }

    [Fact]
    public void Y_expectation_carries_its_phase()
    {
        // (|0⟩ + i|1⟩)/√2 is the +1 eigenstate of Y.
        var state = new[] { new Complex(Math.Sqrt(0.5), 0), new Complex(0, Math.Sqrt(0.5)) };
        Assert.Equal(1, PauliSum.Parse("Y").Expectation(state), 1e-12);
        Assert.Equal(0, PauliSum.Parse("X").Expectation(state), 1e-12);
    }
}
