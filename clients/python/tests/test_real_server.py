"""The client against a real `qonduit serve`: leases are the control plane's own."""

import unittest

from qonduit import Estimator, LeaseNotFoundError, LeaseUnavailableError, ProblemError, QonduitService, Sampler

from .serve_process import ServeProcess

NATIVE_BELL = """OPENQASM 2.0;
include "qelib1.inc";
qreg q[2];
creg c[2];
sx q[0];
cz q[0],q[1];
measure q -> c;
"""

NATIVE_INPUT = """OPENQASM 3.0;
include "stdgates.inc";
input float[64] theta;
qubit[1] q;
bit[1] c;
rz(theta) q[0];
c[0] = measure q[0];
"""


class RealServerLeaseTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = ServeProcess()
        admin = QonduitService(cls.server.url, cls.server.keys["admin"])
        for device in ("py_wait", "py_spend", "py_tenants", "py_budget"):
            admin.call("PUT", f"v1/devices/{device}", {"generator": {"family": "line", "qubits": 3, "seed": 1}, "lanes": 1})

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def resource(self, user: str, device: str):
        return QonduitService(self.server.url, self.server.keys[user]).resource(device)

    def test_a_second_acquire_waits_then_is_unavailable_and_after_release_succeeds(self):
        alice = self.resource("alice", "py_wait")
        lease = alice.acquire(ttl_seconds=60, holder="py:test")
        self.assertEqual((lease.device, lease.lane, lease.holder), ("py_wait", 0, "py:test"))
        self.assertEqual(alice.leases()["lanesInUse"], 1)
        with self.assertRaises(LeaseUnavailableError) as refused:
            self.resource("bob", "py_wait").acquire(wait_ms=300)
        self.assertEqual((refused.exception.code, refused.exception.status), ("lease.unavailable", 409))
        self.assertEqual(refused.exception.problem["lanes"], 1)

        alice.release()
        alice.release(lease.token)
        bob = self.resource("bob", "py_wait")
        self.assertEqual(bob.acquire(ttl_seconds=60).lane, 0)
        bob.release()

    def test_tasks_sampled_under_a_lease_are_accounted_to_it(self):
        alice = self.resource("alice", "py_spend")
        lease = alice.acquire(ttl_seconds=120)
        try:
            result = Sampler(alice).run([(NATIVE_BELL, None)], shots=40).result()[0]
            self.assertEqual(sum(result.data.c.get_counts().values()), 40)
            spent = alice.service.call("GET", f"v1/leases/{lease.token}")
            self.assertEqual((spent["state"], spent["tasks"], spent["shots"]), ("active", 1, 40))
            self.assertGreater(alice.renew(600).expires_at, lease.expires_at)
        finally:
            alice.release()

    def test_a_trajectory_budget_bounds_the_simulations_and_the_result_says_so(self):
        alice = self.resource("alice", "py_budget")
        result = Sampler(alice, seed=3, trajectories=4).run([NATIVE_BELL], shots=200).result()[0]
        self.assertEqual(len(result.data.c.get_bitstrings()), 200)
        [task] = result.metadata["tasks"]
        self.assertEqual(task["trajectories"], 4)
        self.assertLessEqual(task["simulations"], 4)
        with self.assertRaises(ProblemError) as refused:
            alice.task_start(NATIVE_BELL, 10, "openqasm2", trajectories=0)
        self.assertEqual((refused.exception.status, refused.exception.code), (400, "task.invalid-trajectories"))

    def test_the_server_binds_parameters_and_refuses_an_unknown_name_with_its_code(self):
        alice = self.resource("alice", "py_budget")
        task = alice.task_start(NATIVE_INPUT, 20, "openqasm3", parameters={"theta": 3.141592653589793})
        self.assertEqual(sum(alice.task_wait(task)["counts"].values()), 20)
        with self.assertRaises(ProblemError) as refused:
            alice.task_start(NATIVE_INPUT, 20, "openqasm3", parameters={"theta": 1.0, "phi": 2.0})
        self.assertEqual((refused.exception.status, refused.exception.code), (422, "admission.unknown-parameter"))

    def test_another_tenant_can_neither_renew_nor_release_the_lease(self):
        alice = self.resource("alice", "py_tenants")
        lease = alice.acquire(ttl_seconds=60)
        bob = self.resource("bob", "py_tenants")
        with self.assertRaises(LeaseNotFoundError):
            bob.renew(token=lease.token)
        with self.assertRaises(LeaseNotFoundError):
            bob.release(lease.token)
        self.assertEqual(alice.leases()["lanesInUse"], 1)
        alice.release()
        with self.assertRaises(LeaseNotFoundError):
            alice.renew(token=lease.token)


if __name__ == "__main__":
    unittest.main()


# A star of interactions (q0 with every other qubit) does not embed in a ring: the server's transpiler must route it.
# The state is (|0010> + |1101>)/sqrt(2): ZZII = +1, IIZZ = -1, XXXX = +1, YYYY = -1 and IIIZ = 0.
STAR_GHZ = """OPENQASM 2.0;
include "qelib1.inc";
qreg q[4];
h q[0];
cx q[0],q[1];
cx q[0],q[2];
cx q[0],q[3];
x q[1];
"""


class RealServerEstimatorTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = ServeProcess()
        admin = QonduitService(cls.server.url, cls.server.keys["admin"])
        admin.call("PUT", "v1/devices/py_ring", {"generator": {"family": "ring", "qubits": 6, "seed": 1, "ideal": True}, "lanes": 1})

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_an_estimate_on_a_transpiling_device_agrees_with_the_ideal_value_within_three_standard_errors(self):
        ring = QonduitService(self.server.url, self.server.keys["alice"]).resource("py_ring")
        observable = {"ZZII": 0.5, "IIZZ": -0.25, "XXXX": 0.3, "YYYY": -0.2, "IIIZ": 0.4}
        data = Estimator(ring, seed=7).run([(STAR_GHZ, observable)], precision=1 / 2000 ** 0.5).result()[0].data
        self.assertGreater(data.stds, 0)
        self.assertLessEqual(abs(data.evs - 1.25), 3 * data.stds)
