"""The job a primitive's ``run`` returns (Qiskit's PrimitiveJob shape): its tasks are already submitted."""

from __future__ import annotations

import uuid
from enum import Enum
from typing import Any, Callable

from .containers import PrimitiveResult
from .errors import ProblemError
from .service import TERMINAL, Resource


class JobStatus(str, Enum):
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    DONE = "DONE"
    CANCELLED = "CANCELLED"
    ERROR = "ERROR"


class PrimitiveJob:
    """``result()`` waits for every task and builds the result once; ``status()`` asks the server about the tasks
    still unfinished; ``cancel()`` cancels them."""

    def __init__(self, resource: Resource, task_ids: list[str], collect: Callable[[dict[str, dict[str, Any]]], PrimitiveResult],
                 timeout: float | None) -> None:
        self._job_id = str(uuid.uuid4())
        self._resource = resource
        self.task_ids = list(task_ids)
        self._collect = collect
        self._timeout = timeout
        self._states: dict[str, str] = {}
        self._result: PrimitiveResult | None = None

    def __repr__(self) -> str:
        return f"PrimitiveJob({self._job_id!r}, tasks={len(self.task_ids)})"

    def job_id(self) -> str:
        return self._job_id

    def status(self) -> JobStatus:
        for task_id in self.task_ids:
            if self._states.get(task_id) not in TERMINAL:
                self._states[task_id] = self._resource.task_status(task_id)
        states = set(self._states.values())
        if "failed" in states:
            return JobStatus.ERROR
        if "cancelled" in states:
            return JobStatus.CANCELLED
        if states <= {"completed"}:
            return JobStatus.DONE
        return JobStatus.QUEUED if states <= {"queued"} else JobStatus.RUNNING

    def done(self) -> bool:
        return self.status() == JobStatus.DONE

    def running(self) -> bool:
        return self.status() == JobStatus.RUNNING

    def in_final_state(self) -> bool:
        return self.status() in (JobStatus.DONE, JobStatus.CANCELLED, JobStatus.ERROR)

    def cancel(self) -> None:
        """Cancels every task not yet finished; those that finished meanwhile keep their outcome."""
        cancel_unfinished(self._resource, [t for t in self.task_ids if self._states.get(t) not in TERMINAL])

    def result(self) -> PrimitiveResult:
        """Waits for every task (raising TaskFailedError / TaskTimeoutError) and returns the PUB results in order."""
        if self._result is None:
            documents = {task_id: self._resource.task_wait(task_id, self._timeout) for task_id in self.task_ids}
            self._states.update({task_id: "completed" for task_id in documents})
            self._result = self._collect(documents)
        return self._result


def cancel_unfinished(resource: Resource, task_ids: list[str]) -> None:
    """Cancels each task; a 409 means it already reached a terminal state, which is what cancelling wants anyway."""
    for task_id in task_ids:
        try:
            resource.task_stop(task_id)
        except ProblemError as e:
            if e.status != 409:
                raise
