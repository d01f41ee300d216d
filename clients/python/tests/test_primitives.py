"""The V2-shaped primitives against a real `qonduit serve`: noiseless generated devices make the counts exact."""

import math
import unittest

from qonduit import Estimator, JobStatus, PrimitiveInputError, ProblemError, QonduitService, Sampler

from .serve_process import ServeProcess

BELL_LIKE = """OPENQASM 2.0;
include "qelib1.inc";
qreg q[2];
creg c[2];
x q[1];
measure q -> c;
"""

TWO_REGISTERS = """OPENQASM 3.0;
include "stdgates.inc";
qubit[3] q;
bit[1] flag;
bit[2] data;
x q[0];
x q[2];
flag[0] = measure q[0];
data[0] = measure q[1];
data[1] = measure q[2];
"""

# rx(a) on q[0] and rx(b) on q[1]: at 0 and pi every outcome is certain.
TWO_ANGLES = """OPENQASM 3.0;
include "stdgates.inc";
input float[64] a;
input float[64] b;
qubit[2] q;
bit[2] c;
rx(a) q[0];
rx(b) q[1];
c[0] = measure q[0];
c[1] = measure q[1];
"""

# The same state unmeasured, for the Estimator (a 3-qubit device has room for 3 classical bits).
TWO_ANGLES_STATE = """OPENQASM 3.0;
include "stdgates.inc";
input float[64] a;
input float[64] b;
qubit[2] q;
rx(a) q[0];
rx(b) q[1];
"""

ONE_ANGLE = """OPENQASM 3.0;
include "stdgates.inc";
input float[64] theta;
qubit[1] q;
rx(theta) q[0];
"""

PI = math.pi


class PrimitivesTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = ServeProcess(embedded_agent_slots=2)
        admin = QonduitService(cls.server.url, cls.server.keys["admin"])
        admin.call("PUT", "v1/devices/py_prims", {"generator": {"family": "line", "qubits": 3, "seed": 1, "ideal": True}, "lanes": 2})
        cls.service = QonduitService(cls.server.url, cls.server.keys["alice"])
        cls.qpu = cls.service.resource("py_prims")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def task(self, task_id: str) -> dict:
        return self.service.call("GET", f"v1/tasks/{task_id}")

    def test_each_pub_keeps_its_own_shots_over_the_run_and_default_shots(self):
        job = Sampler(self.qpu, default_shots=1024).run([(BELL_LIKE, None, 50), (BELL_LIKE,), BELL_LIKE], shots=20)
        first, second, third = job.result()
        self.assertEqual(first.data.c.get_counts(), {"10": 50})
        self.assertEqual((first.data.c.num_shots, second.data.c.num_shots, third.data.c.num_shots), (50, 20, 20))
        self.assertEqual([self.task(t)["shots"] for t in job.task_ids], [50, 20, 20])
        self.assertEqual(Sampler(self.qpu, default_shots=9).run([BELL_LIKE]).result()[0].data.c.num_shots, 9)

    def test_every_classical_register_is_its_own_bit_array(self):
        result = Sampler(self.qpu).run([(TWO_REGISTERS, None, 12)]).result()[0]
        self.assertEqual(sorted(result.data), ["data", "flag"])
        self.assertEqual(result.data.flag.get_counts(), {"1": 12})
        self.assertEqual(result.data.data.get_counts(), {"10": 12})
        self.assertEqual((result.data.flag.num_bits, result.data.data.num_bits), (1, 2))
        self.assertEqual(result.data.data.get_bitstrings(), ["10"] * 12)
        with self.assertRaises(AttributeError):
            result.data.c

    def test_parameter_arrays_become_one_task_each_and_results_take_the_broadcast_shape(self):
        job = Sampler(self.qpu).run([
            (TWO_ANGLES, {"a": PI, "b": 0.0}, 5),                               # scalar: shape ()
            (TWO_ANGLES, {"a": [0.0, PI], "b": 0.0}, 5),                        # 1-D: shape (2,)
            (TWO_ANGLES, {"a": [[0.0], [PI]], "b": [0.0, PI, 0.0]}, 5),         # 2-D by broadcasting: shape (2, 3)
            (TWO_ANGLES, [[PI, PI], [0.0, 0.0]], 5),                            # positional sets: shape (2,)
        ])
        self.assertEqual(len(job.task_ids), 1 + 2 + 6 + 2)
        scalar, line, grid, positional = job.result()
        self.assertEqual((scalar.data.c.shape, scalar.data.c.get_counts()), ((), {"01": 5}))
        self.assertEqual(line.data.c.shape, (2,))
        self.assertEqual((line.data.c.get_counts(0), line.data.c.get_counts(1)), ({"00": 5}, {"01": 5}))
        self.assertEqual(line.data.c.get_counts(), {"00": 5, "01": 5})
        self.assertEqual(grid.data.c.shape, (2, 3))
        self.assertEqual([[grid.data.c.get_bitstrings((i, j))[0] for j in range(3)] for i in range(2)],
                         [["00", "10", "00"], ["01", "11", "01"]])
        self.assertEqual((positional.data.c.get_counts(0), positional.data.c.get_counts(1)), ({"11": 5}, {"00": 5}))

    def test_observables_broadcast_against_parameters_into_evs_and_stds_of_that_shape(self):
        observables = [["Z"], [{"Z": 0.5, "I": 1.0}]]                           # shape (2, 1)
        job = Estimator(self.qpu).run([(ONE_ANGLE, observables, {"theta": [0.0, PI]}, 0.2)])
        result = job.result()[0]
        self.assertEqual((result.data.evs.shape, result.data.stds.shape), ((2, 2), (2, 2)))
        self.assertEqual(result.data.evs.tolist(), [[1.0, -1.0], [1.5, 0.5]])
        self.assertEqual(result.data.stds.tolist(), [[0.0, 0.0], [0.0, 0.0]])
        self.assertEqual(len(job.task_ids), 2, "one task per parameter set and Pauli term, shared across observables")

    def test_qubitwise_commuting_terms_share_one_task_and_each_reads_its_own_qubits(self):
        observables = ["ZZ", "ZI", "IZ", {"ZZ": 2.0, "IZ": -1.0, "II": 0.5}, "XX"]
        job = Estimator(self.qpu).run([(TWO_ANGLES_STATE, observables, {"a": PI, "b": 0.0}, 0.2)])
        self.assertEqual(job.result()[0].data.evs.tolist()[:4], [-1.0, 1.0, -1.0, -0.5])
        self.assertEqual(len(job.task_ids), 2, "ZZ, ZI and IZ in one Z basis, XX in its own")

    def test_precision_sets_the_shots_and_the_std_is_their_standard_error(self):
        job = Estimator(self.qpu, seed=7).run([(ONE_ANGLE, "X", {"theta": 0.0})], precision=0.1)
        result = job.result()[0]
        self.assertEqual([self.task(t)["shots"] for t in job.task_ids], [100])
        self.assertEqual((result.metadata["shots"], result.metadata["target_precision"]), (100, 0.1))
        self.assertLess(abs(result.data.evs), 0.5)
        self.assertAlmostEqual(float(result.data.stds), math.sqrt((1 - result.data.evs ** 2) / 100))
        self.assertGreater(result.data.stds, 0.05)
        pub_precision = Estimator(self.qpu).run([(ONE_ANGLE, "Z", {"theta": 0.0}, 0.5)], precision=0.1)
        self.assertEqual([self.task(t)["shots"] for t in pub_precision.task_ids], [4])

    def test_trajectories_reach_every_task_of_both_primitives(self):
        sampled = Sampler(self.qpu, trajectories=8).run([(TWO_ANGLES, {"a": [0.0, PI], "b": 0.0}, 10)])
        estimated = Estimator(self.qpu, trajectories=3).run([(ONE_ANGLE, ["Z", "X"], {"theta": 0.0}, 0.5)])
        self.assertEqual([self.task(t)["trajectories"] for t in sampled.task_ids], [8, 8])
        self.assertEqual([self.task(t)["trajectories"] for t in estimated.task_ids], [3, 3])
        self.assertEqual(estimated.result()[0].metadata["tasks"][0]["trajectories"], 3)
        sampled.result()

    def test_the_job_reports_its_id_and_status_and_builds_its_result_once(self):
        job = Sampler(self.qpu).run([(BELL_LIKE, None, 4)])
        self.assertTrue(job.job_id())
        self.assertIn(job.status(), (JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.DONE))
        result = job.result()
        self.assertIs(job.result(), result)
        self.assertEqual(job.status(), JobStatus.DONE)
        self.assertTrue(job.done())

    def test_bad_input_is_refused_before_any_task_starts_and_a_server_refusal_cancels_the_started_ones(self):
        before = self.task_ids()
        with self.assertRaises(PrimitiveInputError):
            Sampler(self.qpu).run([(BELL_LIKE, None, 5), (TWO_ANGLES, {"a": [0.0, 1.0], "b": [0.0, 1.0, 2.0]})])
        with self.assertRaises(PrimitiveInputError):
            Estimator(self.qpu).run([(ONE_ANGLE, "ZZ", {"theta": 0.0})])
        self.assertEqual(self.task_ids(), before)
        with self.assertRaises(ProblemError) as refused:
            Sampler(self.qpu).run([(BELL_LIKE, None, 5), (TWO_ANGLES, {"a": 0.0, "b": 0.0, "c": 1.0})])
        self.assertEqual(refused.exception.code, "admission.unknown-parameter")
        [started] = self.task_ids() - before
        self.assertIn(self.task(started)["state"], ("cancelled", "completed"))

    def task_ids(self) -> set:
        return {t["id"] for t in self.service.call("GET", "v1/tasks", query={"limit": 500})["items"]}

if __name__ == "__main__":
    unittest.main()
