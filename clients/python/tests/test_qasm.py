import unittest

from qonduit import QasmError
from qonduit import qasm


class QasmTests(unittest.TestCase):
    def test_qubits_are_flattened_in_declaration_order(self):
        source = "OPENQASM 3.0;\nqubit[2] a;\nqubit b;\nqreg c[1];\n"
        self.assertEqual(qasm.qubits(source), ["a[0]", "a[1]", "b", "c[0]"])

    def test_classical_registers_are_listed_in_declaration_order_with_their_widths(self):
        source = "OPENQASM 3.0;\nbit[2] a;\nqubit[3] q;\nbit b;\ncreg c[3];\nbit[1] d = measure q[0];\n// bit[9] e;\n"
        self.assertEqual(qasm.classical_registers(source), [("a", 2), ("b", 1), ("c", 3), ("d", 1)])

    def test_input_names_follow_the_declarations(self):
        source = "OPENQASM 3.0;\ninput float[64] a;\ninput angle[32] b;\nqubit q;\n"
        self.assertEqual(qasm.input_parameters(source), ["a", "b"])

    def test_y_terms_rotate_with_sdg_then_h(self):
        source = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\n'
        measured, count = qasm.measure_in_basis(source, "YI")
        self.assertEqual(count, 1)
        self.assertIn("sdg q[1];\nh q[1];\nmeasure q[1] -> qonduit_obs[0];", measured)

    def test_without_a_gate_library_the_basis_change_uses_builtin_u(self):
        measured, _ = qasm.measure_in_basis("OPENQASM 3.0;\nqubit[1] q;\n", "X")
        self.assertIn("U(pi/2, 0, pi) q[0];", measured)

    def test_an_observable_of_the_wrong_width_or_alphabet_is_refused(self):
        with self.assertRaises(QasmError):
            qasm.measure_in_basis("OPENQASM 3.0;\nqubit[2] q;\n", "Z")
        with self.assertRaises(QasmError):
            qasm.pauli_terms("Z", 2)
        with self.assertRaises(QasmError):
            qasm.pauli_terms("ZA", 2)
        with self.assertRaises(QasmError):
            qasm.pauli_terms({"ZZ": float("nan")}, 2)
        self.assertEqual(qasm.pauli_terms({"zi": 2}, 2), [("ZI", 2.0)])


if __name__ == "__main__":
    unittest.main()
