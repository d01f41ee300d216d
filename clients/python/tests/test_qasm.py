import unittest

from qonduit import QasmError
from qonduit import qasm


class QasmTests(unittest.TestCase):
    def test_qubits_are_flattened_in_declaration_order(self):
        source = "OPENQASM 3.0;\nqubit[2] a;\nqubit b;\nqreg c[1];\n"
        self.assertEqual(qasm.qubits(source), ["a[0]", "a[1]", "b", "c[0]"])

    def test_binding_leaves_gate_bodies_alone(self):
        source = ("OPENQASM 3.0;\ninput float theta;\ngate g(theta) a { rz(theta) a; }\nqubit q;\ng(theta) q;\n")
        bound = qasm.bind(source, {"theta": 0.25})
        self.assertIn("gate g(theta) a { rz(theta) a; }", bound)
        self.assertIn("g((0.25)) q;", bound)

    def test_positional_values_follow_the_input_declarations(self):
        source = "OPENQASM 3.0;\ninput float a;\ninput angle[32] b;\nqubit q;\nrx(a) q;\nry(b) q;\n"
        bound = qasm.bind(source, [1.0, 2.0])
        self.assertIn("rx((1.0)) q;", bound)
        self.assertIn("ry((2.0)) q;", bound)
        with self.assertRaises(QasmError):
            qasm.bind(source, [1.0])

    def test_y_terms_rotate_with_sdg_then_h(self):
        source = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\n'
        measured, count = qasm.measure_in_basis(source, "YI")
        self.assertEqual(count, 1)
        self.assertIn("sdg q[1];\nh q[1];\nmeasure q[1] -> qonduit_obs[0];", measured)

    def test_without_a_gate_library_the_basis_change_uses_builtin_u(self):
        measured, _ = qasm.measure_in_basis("OPENQASM 3.0;\nqubit[1] q;\n", "X")
        self.assertIn("U(pi/2, 0, pi) q[0];", measured)

    def test_an_observable_of_the_wrong_width_is_refused(self):
        with self.assertRaises(QasmError):
            qasm.measure_in_basis("OPENQASM 3.0;\nqubit[2] q;\n", "Z")
        with self.assertRaises(QasmError):
            qasm.pauli_terms("ZA")


if __name__ == "__main__":
    unittest.main()
