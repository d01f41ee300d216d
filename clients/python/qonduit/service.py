"""The control plane as a set of QPU resources (docs/architecture.md "REST API", docs/leases.md)."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Any, Mapping

from ._http import JsonHttp
from .errors import ConfigurationError, TaskFailedError, TaskTimeoutError

TERMINAL = ("completed", "failed", "cancelled")


@dataclass(frozen=True)
class Lease:
    """A granted lease (docs/leases.md). ``token`` is the secret capability; ``lease_id`` its public name."""

    token: str
    lease_id: str
    device: str
    lane: int
    expires_at: str
    holder: str = ""
    exclusive: bool = False

    @staticmethod
    def from_json(doc: Mapping[str, Any]) -> "Lease":
        return Lease(doc["token"], doc.get("leaseId", ""), doc.get("device", ""), int(doc.get("lane", 0)), doc.get("expiresAt", ""),
                     doc.get("holder", ""), bool(doc.get("exclusive", False)))


class QonduitService:
    """A Qonduit control plane: ``QonduitService(url, key)`` or ``QonduitService.from_job_environment()``."""

    def __init__(self, url: str, key: str | None = None, timeout: float = 30.0) -> None:
        self._http = JsonHttp(url, key, timeout)
        self._job_resources: list[Resource] | None = None

    @property
    def url(self) -> str:
        return self._http.url

    @classmethod
    def from_job_environment(cls, environ: Mapping[str, str] | None = None) -> "QonduitService":
        """The service of the QPUs the Slurm plugin acquired for this job (QRMI_JOB_QPU_* variables)."""
        env = os.environ if environ is None else environ
        names = _split(env.get("QRMI_JOB_QPU_RESOURCES") or env.get("SLURM_JOB_QPU_RESOURCES"))
        types = _split(env.get("QRMI_JOB_QPU_TYPES") or env.get("SLURM_JOB_QPU_TYPES"))
        if not names:
            raise ConfigurationError("no QRMI_JOB_QPU_RESOURCES in the environment: is this a job submitted with --qpu?")
        if types and len(types) != len(names):
            raise ConfigurationError(f"QRMI_JOB_QPU_RESOURCES names {len(names)} resources but QRMI_JOB_QPU_TYPES {len(types)}")
        service = None
        resources = []
        for i, name in enumerate(names):
            kind = types[i] if types else env.get(f"{name}_QRMI_TYPE", "qonduit-vqpu")
            if kind != "qonduit-vqpu":
                continue
            url = env.get(f"{name}_QRMI_QONDUIT_URL")
            if not url:
                raise ConfigurationError(f"resource {name!r} has no {name}_QRMI_QONDUIT_URL in the job environment")
            if service is None:
                service = cls(url, env.get(f"{name}_QRMI_QONDUIT_API_KEY"))
            elif service.url != url.rstrip("/") + "/":
                continue
            device = env.get(f"{name}_QRMI_QONDUIT_DEVICE") or name
            resources.append(Resource(service, name, device, env.get(f"{name}_QRMI_JOB_ACQUISITION_TOKEN")))
        if service is None:
            raise ConfigurationError(f"none of the job's resources {names} is a qonduit-vqpu (types {types})")
        service._job_resources = resources
        return service

    def resources(self) -> list["Resource"]:
        """The job's resources when built from the job environment, otherwise every device of the control plane."""
        if self._job_resources is not None:
            return list(self._job_resources)
        listing = self._http.call("GET", "v1/devices")
        items = listing.get("items", listing.get("devices", [])) if isinstance(listing, dict) else listing
        return [Resource(self, d.get("device") or d.get("id") or d["name"], d.get("device") or d.get("id") or d["name"])
                for d in items]

    def resource(self, name: str) -> "Resource":
        for r in self.resources():
            if r.name == name:
                return r
        return Resource(self, name, name)

    def call(self, method: str, path: str, body: Any = None, query: dict[str, Any] | None = None) -> Any:
        return self._http.call(method, path, body, query)


class Resource:
    """One device; tasks started here are accounted to ``lease_token`` when one is held."""

    def __init__(self, service: QonduitService, name: str, device: str, lease_token: str | None = None) -> None:
        self.service = service
        self.name = name
        self.device = device
        self.lease_token = lease_token

    def __repr__(self) -> str:
        return f"Resource({self.name!r}, device={self.device!r}, leased={self.lease_token is not None})"

    def target(self) -> dict[str, Any]:
        return self.service.call("GET", f"v1/devices/{self.device}")

    def acquire(self, ttl_seconds: int = 3600, exclusive: bool = False, wait_ms: int = 0, holder: str | None = None) -> Lease:
        """Leases a lane (every lane when ``exclusive``), waiting up to ``wait_ms`` for one; tasks started here then spend it.

        Raises ``LeaseUnavailableError`` (409 lease.unavailable) when no lane freed in time."""
        body = {"holder": holder or f"{os.environ.get('USER', 'python')}@python", "ttlSeconds": ttl_seconds,
                "exclusive": exclusive, "waitMs": wait_ms}
        lease = Lease.from_json(self.service.call("POST", f"v1/devices/{self.device}/leases", body))
        self.lease_token = lease.token
        return lease

    def renew(self, ttl_seconds: int | None = None, token: str | None = None) -> Lease:
        """Extends the lease to now + ``ttl_seconds`` (its own ttl when None); ``LeaseNotFoundError`` once it has ended."""
        token = token or self.lease_token
        if not token:
            raise ConfigurationError(f"resource {self.name!r} holds no lease to renew")
        body = {} if ttl_seconds is None else {"ttlSeconds": ttl_seconds}
        return Lease.from_json(self.service.call("POST", f"v1/leases/{token}/renew", body))

    def release(self, token: str | None = None) -> None:
        """Idempotent: releasing a released, expired or unknown token succeeds."""
        token = token or self.lease_token
        if token:
            self.service.call("DELETE", f"v1/leases/{token}")
        if token == self.lease_token:
            self.lease_token = None

    def leases(self) -> dict[str, Any]:
        """The device's lanes, lanes in use, queue depth and active leases (no tokens)."""
        return self.service.call("GET", f"v1/devices/{self.device}/leases")

    def task_start(self, circuit: str, shots: int, dialect: str, seed: int | None = None, transpile: bool | None = None,
                   trajectories: int | None = None, parameters: Mapping[str, float] | None = None) -> str:
        """Submits a circuit; ``transpile=False`` insists it is native to the device (the server's default transpiles it).

        ``parameters`` binds the circuit's OpenQASM 3 ``input float[64]`` declarations by name on the server, at
        admission: an unknown name, a missing binding or a non-finite value is refused with its problem details.

        ``trajectories=N`` draws at most N error patterns and spreads the shots over them: each shot is still an exact
        sample, shots sharing a pattern are correlated, and wide noisy circuits cost far less. None (the default) gives
        every shot its own pattern; the result's ``trajectories`` says which was used.
        """
        body: dict[str, Any] = {"device": self.device, "circuit": circuit, "dialect": dialect, "shots": shots}
        if seed is not None:
            body["seed"] = seed
        if transpile is not None:
            body["transpile"] = transpile
        if trajectories is not None:
            body["trajectories"] = trajectories
        if parameters:
            body["parameters"] = {name: float(value) for name, value in parameters.items()}
        if self.lease_token:
            body["leaseToken"] = self.lease_token
        return str(self.service.call("POST", "v1/tasks", body)["id"])

    def task_status(self, task_id: str) -> str:
        return self.service.call("GET", f"v1/tasks/{task_id}")["state"]

    def task_stop(self, task_id: str) -> None:
        self.service.call("POST", f"v1/tasks/{task_id}/cancel", {})

    def task_wait(self, task_id: str, timeout: float | None = None, poll: float = 0.1) -> dict[str, Any]:
        """Polls until the task is terminal; returns the result document of a completed task."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            record = self.service.call("GET", f"v1/tasks/{task_id}")
            state = record.get("state")
            if state in TERMINAL:
                break
            if deadline is not None and time.monotonic() > deadline:
                raise TaskTimeoutError(task_id, timeout)
            time.sleep(poll)
            poll = min(poll * 1.5, 1.0)
        if state != "completed":
            raise TaskFailedError(task_id, state, record.get("error"))
        answer = self.service.call("GET", f"v1/tasks/{task_id}/result")
        # The server wraps the runner's document: {taskId, state, boundSnapshotVersion, result: {...}, error}.
        result = dict(answer.get("result") or {})
        result.setdefault("boundSnapshotVersion", answer.get("boundSnapshotVersion"))
        return result


def _split(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split(",") if p.strip()]
