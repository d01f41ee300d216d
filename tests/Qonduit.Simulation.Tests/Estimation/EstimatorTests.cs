using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;
using Qonduit.Simulation.Estimation;
using Qonduit.Simulation.Tests.Noise;

namespace Qonduit.Simulation.Tests.Estimation;

public sealed class EstimatorTests
{
    private static readonly EstimatorOptions ExactOptions = new();

    [Theory]
    [InlineData("ZZ", 1)]
    [InlineData("XX", 1)]
    [InlineData("YY", -1)]
    [InlineData("ZI", 0)]
    [InlineData("-1.0*XX + 2*YY", -3)]
    public void Bell_state_expectations_are_exact(string observable, double expected)
    {
        var result = Estimator.Run(Bell(measured: false), observable, null, ExactOptions);
        Assert.Equal(expected, result.Value, 1e-12);
        Assert.Null(result.StandardError);
    }

    [Fact]
    public void A_circuits_final_measurements_are_ignored()
    {
        Assert.Equal(1, Estimator.Run(Bell(measured: true), "XX", null, ExactOptions).Value, 1e-12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.7)]
    [InlineData(2.5)]
    public void A_rotated_qubit_has_cosine_along_z_and_sine_along_x(double theta)
    {
        var circuit = Rotated(theta);
        Assert.Equal(Math.Cos(theta), Estimator.Run(circuit, "Z", null, ExactOptions).Value, 1e-12);
        Assert.Equal(Math.Sin(theta), Estimator.Run(circuit, "X", null, ExactOptions).Value, 1e-12);
        Assert.Equal(0, Estimator.Run(circuit, "Y", null, ExactOptions).Value, 1e-12);
    }

    [Fact]
    public void A_weighted_sum_in_qiskit_label_order_on_ghz()
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 3);
        b.Gate("h", 0).Gate("cx", 0, 1).Gate("cx", 1, 2).Gate("x", 0);
        // x on qubit 0 (rightmost letter): |001⟩ + |110⟩, so ZZI = +1, IZZ = −1, XXX = +1.
        var result = Estimator.Run(b.Build(), "0.5*ZZI - 0.2*XXX + 0.25*IZZ", null, ExactOptions);
        Assert.Equal(0.5 - 0.2 - 0.25, result.Value, 1e-12);
        Assert.Equal([1.0, 1.0, -1.0], result.Terms.Select(t => Math.Round(t.Expectation, 12)));
    }

    [Fact]
    public void Sampled_estimates_carry_a_standard_error_that_covers_the_exact_value()
    {
        const int shots = 10_000;
        var theta = 1.0;
        var result = Estimator.Run(Rotated(theta), "0.5*Z + X", null, new EstimatorOptions { Shots = shots, Seed = 17 });
        var expectedError = Math.Sqrt(0.25 * (1 - Math.Pow(Math.Cos(theta), 2)) / shots + (1 - Math.Pow(Math.Sin(theta), 2)) / shots);
        Assert.Equal(expectedError, result.StandardError!.Value, expectedError * 0.1);
        Assert.InRange(result.Value, 0.5 * Math.Cos(theta) + Math.Sin(theta) - 4 * expectedError, 0.5 * Math.Cos(theta) + Math.Sin(theta) + 4 * expectedError);
        Assert.Equal(result, Estimator.Run(Rotated(theta), "0.5*Z + X", null, new EstimatorOptions { Shots = shots, Seed = 17 }) with { Terms = result.Terms });
    }

    [Fact]
    public void Device_noise_lowers_the_exact_correlation_and_sampling_agrees_with_it()
    {
        // Error-free 1q gates and readout, so the basis change a sampled term adds brings (almost) no noise of its own.
        var device = Calibrations.Line(2, sxError: 0, czError: 0.05, readoutError: 0);
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 2);
        // sx|0⟩ is the −1 eigenstate of Y; cz maps Y⊗I to Y⊗Z, so ⟨ZY⟩ = −1 without noise.
        b.Gate("sx", 0).Gate("sx", 1).Gate("cz", 0, 1);
        var circuit = b.Build();
        var ideal = Estimator.Run(circuit, "ZY", null, ExactOptions).Value;
        var exact = Estimator.Run(circuit, "ZY", device, ExactOptions).Value;
        Assert.Equal(-1, ideal, 1e-12);
        Assert.True(Math.Abs(exact) < 0.97, $"noisy |⟨ZY⟩| = {Math.Abs(exact)}");
        var sampled = Estimator.Run(circuit, "ZY", device, new EstimatorOptions { Shots = 20_000, Seed = 4 });
        Assert.InRange(sampled.Value, exact - 4 * sampled.StandardError!.Value, exact + 4 * sampled.StandardError.Value);
    }

    [Fact]
    public void An_observable_of_the_wrong_width_is_a_typed_error()
    {
        var error = Assert.Throws<ObservableException>(() => Estimator.Run(Bell(measured: false), "ZZZ", null, ExactOptions));
        Assert.Equal("simulation.observable-length", error.Code);
    }

    private static Circuit Bell(bool measured)
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 2);
        b.AddClassicalRegister("c", 2);
        b.Gate("h", 0).Gate("cx", 0, 1);
        if (measured) b.Measure(0, 0).Measure(1, 1);
        return b.Build();
    }

    private static Circuit Rotated(double theta)
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 1);
        return b.Gate("ry", [ParameterExpression.Of(theta)], 0).Build();
    }
}
