"""PUB coercion and broadcasting without a server: bad input is refused before any task could start."""

import unittest

from qonduit import BitArray, PrimitiveInputError
from qonduit import arrays, paulis, pubs

TWO_INPUTS = """OPENQASM 3.0;
input float[64] a;
input float[64] b;
qubit[2] q;
bit[2] c;
"""


class ParameterArrayTests(unittest.TestCase):
    def test_named_arrays_broadcast_like_numpy(self):
        shape, sets = pubs.parameter_array(TWO_INPUTS, {"a": [[0], [1]], "b": [5, 6, 7]}, 0)
        self.assertEqual(shape, (2, 3))
        self.assertEqual(sets[4], {"a": 1.0, "b": 6.0})

    def test_a_tuple_key_reads_its_names_from_the_last_axis(self):
        shape, sets = pubs.parameter_array(TWO_INPUTS, {("a", "b"): [[0, 1], [2, 3]]}, 0)
        self.assertEqual((shape, sets[1]), ((2,), {"a": 2.0, "b": 3.0}))

    def test_positional_values_follow_the_input_declarations_on_the_last_axis(self):
        self.assertEqual(pubs.parameter_array(TWO_INPUTS, [1, 2], 0), ((), [{"a": 1.0, "b": 2.0}]))
        shape, sets = pubs.parameter_array(TWO_INPUTS, [[[1, 2]], [[3, 4]]], 0)
        self.assertEqual((shape, sets[1]), ((2, 1), {"a": 3.0, "b": 4.0}))

    def test_anything_with_tolist_is_read_as_its_nested_lists(self):
        class Array:
            def tolist(self):
                return [[0.5], [1.5]]

        shape, sets = pubs.parameter_array(TWO_INPUTS, {"a": Array(), "b": 0}, 0)
        self.assertEqual((shape, sets[1]), ((2, 1), {"a": 1.5, "b": 0.0}))

    def test_a_list_of_parameter_sets_has_the_lists_shape(self):
        shape, sets = pubs.parameter_array(TWO_INPUTS, [{"a": 1, "b": 2}, {"a": 3, "b": 4}], 0)
        self.assertEqual((shape, sets[1]), ((2,), {"a": 3.0, "b": 4.0}))

    def test_bad_arrays_are_refused_with_the_pub_named(self):
        for values in ({"a": [1, 2], "b": [1, 2, 3]}, {"a": [[1], [1, 2]]}, [1, 2, 3], {"a": float("inf")},
                       {"a b": 1}, [{"a": 1}, 2], {"a": "x"}):
            with self.subTest(values=values), self.assertRaises(PrimitiveInputError) as refused:
                pubs.parameter_array(TWO_INPUTS, values, 3)
            self.assertIn("PUB 3", str(refused.exception))
            self.assertEqual(refused.exception.code, "client.primitive-input-invalid")


class PubTests(unittest.TestCase):
    def test_a_bare_circuit_is_a_sampler_pub_and_trailing_members_are_optional(self):
        self.assertEqual(pubs.sampler_pub(TWO_INPUTS, 0).shape, ())
        self.assertEqual(pubs.sampler_pub((TWO_INPUTS, None, 7), 0).shots, 7)
        for bad in ((TWO_INPUTS, None, 0), (TWO_INPUTS, None, 2.5), (TWO_INPUTS, None, 1, 2), (42,)):
            with self.subTest(pub=bad), self.assertRaises(PrimitiveInputError):
                pubs.sampler_pub(bad, 0)

    def test_observables_broadcast_against_parameters_and_elements_share_parameter_sets(self):
        pub = pubs.estimator_pub((TWO_INPUTS, [["ZZ"], [{"XI": 2.0}]], {"a": [1, 2, 3], "b": 0}, 0.5), 0)
        self.assertEqual((pub.shape, pub.precision), ((2, 3), 0.5))
        self.assertEqual(pub.binding_of, [0, 1, 2, 0, 1, 2])
        self.assertEqual(pub.observables[3], [("XI", 2.0)])
        with self.assertRaises(PrimitiveInputError):
            pubs.estimator_pub((TWO_INPUTS, ["ZZ", "XX"], {"a": [1, 2, 3], "b": 0}), 0)
        with self.assertRaises(PrimitiveInputError):
            pubs.estimator_pub((TWO_INPUTS,), 0)


class PauliGroupingTests(unittest.TestCase):
    def test_qubitwise_commuting_terms_share_one_basis_and_read_their_own_bits(self):
        self.assertEqual(paulis.group_qubitwise(["ZZ", "ZI", "II", "IZ", "XX", "XI", "ZZ"]),
                         {"ZZ": "ZZ", "ZI": "ZZ", "IZ": "ZZ", "XX": "XX", "XI": "XX"})
        self.assertEqual(paulis.group_qubitwise(["ZI", "IX", "ZZ"]), {"ZI": "ZX", "IX": "ZX", "ZZ": "ZZ"})
        # Basis XIZ measures qubit 0 (Z) into bit 0 and qubit 2 (X) into bit 1.
        self.assertEqual((paulis.term_bits("XIZ", "XII"), paulis.term_bits("XIZ", "IIZ")), ([1], [0]))
        counts = {"10": 3, "11": 1}
        self.assertEqual(paulis.parity_expectation(counts, [1]), (-1.0, 4))
        self.assertEqual(paulis.parity_expectation(counts, [0]), (0.5, 4))
        self.assertEqual(paulis.parity_expectation(counts, [0, 1]), (-0.5, 4))


class ShapeTests(unittest.TestCase):
    def test_shaped_lists_index_like_arrays(self):
        evs = arrays.shaped([1, 2, 3, 4, 5, 6], (2, 3))
        self.assertEqual((evs.shape, evs[1].shape, evs[1, 2], evs.tolist()), ((2, 3), (3,), 6.0, [[1, 2, 3], [4, 5, 6]]))
        self.assertEqual(arrays.shaped([0.5], ()).shape, ())

    def test_a_bit_array_counts_one_element_or_all_of_them(self):
        bits = BitArray([{"0": 3}, {"1": 2}, {"0": 1, "1": 1}, {"1": 2}], (2, 2), num_bits=1, num_shots=2)
        self.assertEqual(bits.get_counts(), {"0": 4, "1": 5})
        self.assertEqual(bits.get_counts((1, 0)), {"0": 1, "1": 1})
        self.assertEqual(bits[1].get_counts(1), {"1": 2})
        self.assertEqual(bits.get_counts(1), {"0": 1, "1": 3})
        self.assertEqual(bits.get_bitstrings((0, 1)), ["1", "1"])
        with self.assertRaises(IndexError):
            bits.get_counts((2, 0))


if __name__ == "__main__":
    unittest.main()
