import math
import unittest

from qonduit import (ConfigurationError, Estimator, LeaseUnavailableError, NotFoundError, ProblemError, QonduitService,
                     Sampler, TaskFailedError, UnreachableError)

from .fake_control_plane import KEY, FakeControlPlane

BELL_LIKE = """OPENQASM 2.0;
include "qelib1.inc";
qreg q[2];
creg c[2];
x q[1];
measure q[0] -> c[0];
measure q[1] -> c[1];
"""

TWO_QUBITS_Q3 = """OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
x q[0];
"""


class ServiceTests(unittest.TestCase):
    def setUp(self):
        self.plane = FakeControlPlane(lanes=1).__enter__()
        self.service = QonduitService(self.plane.url, KEY)

    def tearDown(self):
        self.plane.__exit__(None, None, None)

    def test_resources_lists_the_control_planes_devices(self):
        self.assertEqual([r.name for r in self.service.resources()], ["fake_fez", "fake_torino"])

    def test_sampler_returns_counts_in_qiskit_bit_order(self):
        result = Sampler(self.service.resource("fake_fez")).run([(BELL_LIKE, None)], shots=100)
        self.assertEqual(result[0].counts, {"10": 100})
        self.assertEqual(result[0].shots, 100)
        self.assertEqual(result[0].metadata["boundSnapshotVersion"], 3)

    def test_a_sampler_with_a_trajectory_budget_submits_it_and_its_metadata_reports_it(self):
        result = Sampler(self.service.resource("fake_fez"), trajectories=64).run([BELL_LIKE], shots=100)
        self.assertEqual(next(iter(self.plane.tasks.values()))["body"]["trajectories"], 64)
        self.assertEqual(result[0].metadata["trajectories"], 64)

    def test_without_a_budget_no_trajectories_member_is_sent_so_the_task_runs_exact(self):
        self.service.resource("fake_fez").task_start(BELL_LIKE, 10, "openqasm2")
        self.assertNotIn("trajectories", next(iter(self.plane.tasks.values()))["body"])

    def test_sampler_binds_named_parameters_before_submitting(self):
        source = TWO_QUBITS_Q3.replace("x q[0];", "input float theta;\nrz(theta) q[0];\nbit[1] c;\nc[0] = measure q[0];")
        Sampler(self.service.resource("fake_fez")).run([(source, {"theta": 0.5})], shots=10)
        submitted = next(iter(self.plane.tasks.values()))["body"]["circuit"]
        self.assertIn("rz((0.5)) q[0];", submitted)
        self.assertNotIn("input", submitted)

    def test_task_start_sends_parameters_for_the_server_to_bind(self):
        self.service.resource("fake_fez").task_start(TWO_QUBITS_Q3, 10, "openqasm3", parameters={"theta": 1})
        self.assertEqual(next(iter(self.plane.tasks.values()))["body"]["parameters"], {"theta": 1.0})

    def test_estimator_reads_pauli_strings_right_to_left_like_qiskit(self):
        estimator = Estimator(self.service.resource("fake_fez"))
        zz, zi, iz = estimator.run([(TWO_QUBITS_Q3, "ZZ"), (TWO_QUBITS_Q3, "ZI"), (TWO_QUBITS_Q3, "IZ")], shots=50)
        self.assertEqual((zz.ev, zi.ev, iz.ev), (-1.0, 1.0, -1.0))
        self.assertEqual(zz.std, 0.0)

    def test_estimator_adds_coefficients_and_identity_terms(self):
        result = Estimator(self.service.resource("fake_fez")).run([(TWO_QUBITS_Q3, [("IZ", 0.5), ("II", 2.0)])])[0]
        self.assertTrue(math.isclose(result.ev, 1.5))
        self.assertEqual(len(result.task_ids), 1)

    def test_a_second_lease_on_a_one_lane_device_is_refused_with_its_problem_details(self):
        resource = self.service.resource("fake_fez")
        resource.acquire(ttl_seconds=60)
        with self.assertRaises(LeaseUnavailableError) as caught:
            self.service.resource("fake_fez").acquire(ttl_seconds=60)
        self.assertEqual(caught.exception.code, "lease.unavailable")
        self.assertEqual(caught.exception.status, 409)
        self.assertEqual(caught.exception.correlation_id, "c-1")

    def test_tasks_started_under_a_lease_carry_its_token_and_release_frees_the_lane(self):
        resource = self.service.resource("fake_fez")
        lease = resource.acquire(ttl_seconds=60)
        Sampler(resource).run([BELL_LIKE], shots=5)
        self.assertEqual(next(iter(self.plane.tasks.values()))["body"]["leaseToken"], lease.token)
        resource.release()
        self.assertEqual(self.plane.leases, {})
        self.service.resource("fake_fez").acquire(ttl_seconds=60)

    def test_a_failed_task_raises_with_the_records_error(self):
        with self.assertRaises(TaskFailedError) as caught:
            Sampler(self.service.resource("fake_fez")).run([BELL_LIKE + "// fail\n"])
        self.assertEqual(caught.exception.error["code"], "runner.crashed")

    def test_an_unknown_task_is_a_typed_not_found(self):
        with self.assertRaises(NotFoundError) as caught:
            self.service.resource("fake_fez").task_status("nope")
        self.assertEqual(caught.exception.code, "task.not-found")

    def test_a_wrong_key_is_a_problem_not_a_crash(self):
        with self.assertRaises(ProblemError) as caught:
            QonduitService(self.plane.url, "wrong").resources()
        self.assertEqual(caught.exception.status, 401)


class JobEnvironmentTests(unittest.TestCase):
    def test_from_job_environment_reaches_the_acquired_qpu_with_its_token(self):
        with FakeControlPlane(lanes=2) as plane:
            lease_token = QonduitService(plane.url, KEY).resource("fake_fez").acquire().token
            env = {"QRMI_JOB_QPU_RESOURCES": "fez", "QRMI_JOB_QPU_TYPES": "qonduit-vqpu",
                   "fez_QRMI_QONDUIT_URL": plane.url, "fez_QRMI_QONDUIT_API_KEY": KEY,
                   "fez_QRMI_QONDUIT_DEVICE": "fake_fez", "fez_QRMI_JOB_ACQUISITION_TOKEN": lease_token}
            service = QonduitService.from_job_environment(env)
            [resource] = service.resources()
            self.assertEqual((resource.name, resource.device, resource.lease_token), ("fez", "fake_fez", lease_token))
            Sampler(resource).run([BELL_LIKE], shots=3)
            self.assertEqual(next(iter(plane.tasks.values()))["body"]["leaseToken"], lease_token)

    def test_legacy_slurm_variables_are_read_too(self):
        env = {"SLURM_JOB_QPU_RESOURCES": "fez", "SLURM_JOB_QPU_TYPES": "qonduit-vqpu", "fez_QRMI_QONDUIT_URL": "http://127.0.0.1:9"}
        self.assertEqual(QonduitService.from_job_environment(env).resources()[0].device, "fez")

    def test_outside_a_qpu_job_the_error_says_so(self):
        with self.assertRaises(ConfigurationError):
            QonduitService.from_job_environment({})

    def test_a_server_that_does_not_answer_is_unreachable(self):
        with self.assertRaises(UnreachableError):
            QonduitService("http://127.0.0.1:9", KEY).resources()


if __name__ == "__main__":
    unittest.main()
