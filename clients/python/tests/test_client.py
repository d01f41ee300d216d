"""The client against a real `qonduit serve` (serve_process.py): devices are generated noiseless, so counts are exact."""

import math
import unittest

from qonduit import (ConfigurationError, Estimator, JobStatus, LeaseUnavailableError, NotFoundError, ProblemError,
                     QonduitService, Sampler, TaskFailedError, UnreachableError)

from .serve_process import ServeProcess

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

DEVICES = ("py_fez", "py_torino", "py_refused", "py_spent", "py_job")


def register(server: ServeProcess, device: str, lanes: int = 1) -> None:
    admin = QonduitService(server.url, server.keys["admin"])
    admin.call("PUT", f"v1/devices/{device}", {"generator": {"family": "line", "qubits": 3, "seed": 1, "ideal": True}, "lanes": lanes})


class ServiceTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = ServeProcess()
        for device in DEVICES:
            register(cls.server, device, lanes=2 if device == "py_job" else 1)
        cls.service = QonduitService(cls.server.url, cls.server.keys["alice"])

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def task(self, task_id: str) -> dict:
        return self.service.call("GET", f"v1/tasks/{task_id}")

    def test_resources_lists_the_control_planes_devices(self):
        self.assertEqual(sorted(r.name for r in self.service.resources()), sorted(DEVICES))

    def test_sampler_returns_counts_in_qiskit_bit_order(self):
        result = Sampler(self.service.resource("py_fez")).run([(BELL_LIKE, None)], shots=100).result()
        self.assertEqual(result[0].data.c.get_counts(), {"10": 100})
        self.assertEqual(result[0].data.c.num_shots, 100)
        self.assertEqual(result[0].metadata["tasks"][0]["boundSnapshotVersion"], 1)

    def test_a_sampler_with_a_trajectory_budget_submits_it_and_its_metadata_reports_it(self):
        result = Sampler(self.service.resource("py_fez"), trajectories=64).run([BELL_LIKE], shots=100).result()
        self.assertEqual(self.task(result[0].metadata["task_ids"][0])["trajectories"], 64)
        self.assertEqual(result[0].metadata["tasks"][0]["trajectories"], 64)

    def test_without_a_budget_no_trajectories_member_is_sent_so_the_task_runs_exact(self):
        task_id = self.service.resource("py_fez").task_start(BELL_LIKE, 10, "openqasm2")
        self.assertIsNone(self.task(task_id)["trajectories"])

    def test_sampler_parameters_are_bound_by_the_server(self):
        source = TWO_QUBITS_Q3.replace("x q[0];", "input float[64] theta;\nrx(theta) q[0];\nbit[1] c;\nc[0] = measure q[0];")
        job = Sampler(self.service.resource("py_torino")).run([(source, {"theta": math.pi})], shots=10)
        self.assertEqual(job.result()[0].data.c.get_counts(), {"1": 10})

    def test_estimator_reads_pauli_strings_right_to_left_like_qiskit(self):
        estimator = Estimator(self.service.resource("py_torino"))
        zz, zi, iz = estimator.run([(TWO_QUBITS_Q3, "ZZ"), (TWO_QUBITS_Q3, "ZI"), (TWO_QUBITS_Q3, "IZ")], precision=0.2).result()
        self.assertEqual((zz.data.evs, zi.data.evs, iz.data.evs), (-1.0, 1.0, -1.0))
        self.assertEqual((zz.data.evs.shape, zz.data.stds), ((), 0.0))

    def test_estimator_adds_coefficients_and_identity_terms(self):
        job = Estimator(self.service.resource("py_torino")).run([(TWO_QUBITS_Q3, {"IZ": 0.5, "II": 2.0})], precision=0.2)
        self.assertTrue(math.isclose(job.result()[0].data.evs, 1.5))
        self.assertEqual(len(job.task_ids), 1)

    def test_a_second_lease_on_a_one_lane_device_is_refused_with_its_problem_details(self):
        resource = self.service.resource("py_refused")
        resource.acquire(ttl_seconds=60)
        with self.assertRaises(LeaseUnavailableError) as caught:
            self.service.resource("py_refused").acquire(ttl_seconds=60)
        self.assertEqual(caught.exception.code, "lease.unavailable")
        self.assertEqual(caught.exception.status, 409)
        self.assertTrue(caught.exception.correlation_id)

    def test_tasks_started_under_a_lease_carry_its_token_and_release_frees_the_lane(self):
        resource = self.service.resource("py_spent")
        lease = resource.acquire(ttl_seconds=60)
        job = Sampler(resource).run([BELL_LIKE], shots=5)
        self.assertEqual(self.task(job.task_ids[0])["leaseId"], lease.lease_id)
        job.result()
        resource.release()
        self.assertEqual(resource.leases()["lanesInUse"], 0)
        self.service.resource("py_spent").acquire(ttl_seconds=60)

    def test_an_unknown_task_is_a_typed_not_found(self):
        with self.assertRaises(NotFoundError) as caught:
            self.service.resource("py_fez").task_status("nope")
        self.assertEqual(caught.exception.code, "task.not-found")

    def test_a_wrong_key_is_a_problem_not_a_crash(self):
        with self.assertRaises(ProblemError) as caught:
            QonduitService(self.server.url, "wrong").resources()
        self.assertEqual(caught.exception.status, 401)

    def test_from_job_environment_reaches_the_acquired_qpu_with_its_token(self):
        alice = self.server.keys["alice"]
        lease = self.service.resource("py_job").acquire()
        env = {"QRMI_JOB_QPU_RESOURCES": "fez", "QRMI_JOB_QPU_TYPES": "qonduit-vqpu",
               "fez_QRMI_QONDUIT_URL": self.server.url, "fez_QRMI_QONDUIT_API_KEY": alice,
               "fez_QRMI_QONDUIT_DEVICE": "py_job", "fez_QRMI_JOB_ACQUISITION_TOKEN": lease.token}
        service = QonduitService.from_job_environment(env)
        [resource] = service.resources()
        self.assertEqual((resource.name, resource.device, resource.lease_token), ("fez", "py_job", lease.token))
        job = Sampler(resource).run([BELL_LIKE], shots=3)
        self.assertEqual(self.task(job.task_ids[0])["leaseId"], lease.lease_id)


class WithoutAnAgentTests(unittest.TestCase):
    """A server whose tasks wait for an agent that never comes: an admin decides how they end."""

    @classmethod
    def setUpClass(cls):
        cls.server = ServeProcess(embedded_agent_slots=0)
        register(cls.server, "py_idle")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_a_failed_task_raises_with_the_records_error(self):
        resource = QonduitService(self.server.url, self.server.keys["alice"]).resource("py_idle")
        task_id = resource.task_start(BELL_LIKE, 10, "openqasm2")
        admin = QonduitService(self.server.url, self.server.keys["admin"])
        admin.call("POST", f"v1/tasks/{task_id}/force-fail", {"reason": "the QPU is under maintenance"})
        with self.assertRaises(TaskFailedError) as caught:
            resource.task_wait(task_id)
        self.assertEqual(caught.exception.error["code"], "admin.force-failed")

    def test_a_cancelled_job_cancels_its_tasks_and_its_result_says_so(self):
        resource = QonduitService(self.server.url, self.server.keys["alice"]).resource("py_idle")
        job = Sampler(resource).run([BELL_LIKE, (BELL_LIKE, None, 3)])
        self.assertEqual(job.status(), JobStatus.QUEUED)
        job.cancel()
        self.assertEqual([resource.task_status(t) for t in job.task_ids], ["cancelled", "cancelled"])
        self.assertEqual(job.status(), JobStatus.CANCELLED)
        with self.assertRaises(TaskFailedError) as caught:
            job.result()
        self.assertEqual(caught.exception.code, "qrmi.task-cancelled")


class JobEnvironmentTests(unittest.TestCase):
    def test_legacy_slurm_variables_are_read_too(self):
        env = {"SLURM_JOB_QPU_RESOURCES": "fez", "SLURM_JOB_QPU_TYPES": "qonduit-vqpu", "fez_QRMI_QONDUIT_URL": "http://127.0.0.1:9"}
        self.assertEqual(QonduitService.from_job_environment(env).resources()[0].device, "fez")

    def test_outside_a_qpu_job_the_error_says_so(self):
        with self.assertRaises(ConfigurationError):
            QonduitService.from_job_environment({})

    def test_a_server_that_does_not_answer_is_unreachable(self):
        with self.assertRaises(UnreachableError):
            QonduitService("http://127.0.0.1:9", "key").resources()


if __name__ == "__main__":
    unittest.main()
