"""Typed errors. Every error the server reports carries its RFC 7807 problem details."""

from __future__ import annotations

from typing import Any, Mapping


class QonduitError(Exception):
    """Base of every error this client raises; ``code`` is stable and machine-readable."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class ConfigurationError(QonduitError):
    """The job environment or the arguments do not name a reachable resource."""

    def __init__(self, message: str) -> None:
        super().__init__("qrmi.config-invalid", message)


class PrimitiveInputError(QonduitError):
    """A PUB, parameter array, observable or option the primitives cannot use; raised before any task starts."""

    def __init__(self, message: str) -> None:
        super().__init__("client.primitive-input-invalid", message)


class UnreachableError(QonduitError):
    """The control plane did not answer (refused, timed out, DNS)."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__("qrmi.resource-unreachable", f"{url} is unreachable: {reason}")
        self.url = url


class ProblemError(QonduitError):
    """The server refused a request; ``problem`` holds its problem details verbatim."""

    def __init__(self, status: int, problem: Mapping[str, Any]) -> None:
        self.status = status
        self.problem = dict(problem)
        self.title = str(problem.get("title") or f"HTTP {status}")
        self.detail = problem.get("detail")
        self.origin = problem.get("origin")
        self.correlation_id = problem.get("correlationId")
        code = str(problem.get("code") or ("http.client-error" if status < 500 else "http.server-error"))
        text = self.title + (f": {self.detail}" if self.detail else "")
        super().__init__(code, f"{text} (HTTP {status}, code {code})")


class LeaseUnavailableError(ProblemError):
    """409 lease.unavailable: no lane of the device became free within the wait."""


class LeaseNotFoundError(ProblemError):
    """The lease token is unknown, released or expired."""


class NotFoundError(ProblemError):
    """404: the device or task does not exist (or belongs to another user)."""


class TaskFailedError(QonduitError):
    """A task ended failed or cancelled; ``error`` is the task record's error object."""

    def __init__(self, task_id: str, state: str, error: Mapping[str, Any] | None) -> None:
        self.task_id = task_id
        self.state = state
        self.error = dict(error or {})
        reason = self.error.get("message")
        code = "qrmi.task-failed" if state == "failed" else "qrmi.task-cancelled"
        super().__init__(code, f"task {task_id} {state}" + (f": {reason}" if reason else ""))


class TaskTimeoutError(QonduitError):
    """The task did not reach a terminal state within the caller's timeout."""

    def __init__(self, task_id: str, seconds: float) -> None:
        super().__init__("qrmi.task-timeout", f"task {task_id} did not finish within {seconds:g} s")
        self.task_id = task_id


def problem_error(status: int, problem: Mapping[str, Any]) -> ProblemError:
    """The most specific error class for a problem document."""
    code = problem.get("code")
    if code == "lease.unavailable":
        return LeaseUnavailableError(status, problem)
    if code == "lease.not-found":
        return LeaseNotFoundError(status, problem)
    if status == 404:
        return NotFoundError(status, problem)
    return ProblemError(status, problem)
