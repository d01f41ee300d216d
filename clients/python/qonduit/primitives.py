"""Sampler and Estimator primitives over a Resource (Qiskit's V2 primitive shapes, simplified)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from . import qasm
from .service import Resource

Params = Mapping[str, float] | Sequence[float] | None


@dataclass(frozen=True)
class SamplerPubResult:
    counts: dict[str, int]
    shots: int
    task_id: str
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EstimatorPubResult:
    ev: float
    std: float
    task_ids: list[str]


class Sampler:
    """``trajectories`` is the error-pattern budget of every task (see ``Resource.task_start``); None runs exact."""

    def __init__(self, resource: Resource, default_shots: int = 1024, seed: int | None = None,
                 timeout: float | None = None, trajectories: int | None = None) -> None:
        self.resource = resource
        self.default_shots = default_shots
        self.seed = seed
        self.timeout = timeout
        self.trajectories = trajectories

    def run(self, pubs: Iterable[tuple[str, Params] | tuple[str] | str], shots: int | None = None) -> list[SamplerPubResult]:
        """Submits every pub first (they run concurrently), then waits for each in order."""
        shots = shots or self.default_shots
        started = []
        for pub in pubs:
            source, params = (pub, None) if isinstance(pub, str) else (pub[0], pub[1] if len(pub) > 1 else None)
            bound = qasm.bind(source, params)
            started.append(self.resource.task_start(bound, shots, qasm.dialect(bound), self.seed, trajectories=self.trajectories))
        results = []
        for task_id in started:
            doc = self.resource.task_wait(task_id, self.timeout)
            meta = {k: v for k, v in doc.items() if k != "counts"}
            results.append(SamplerPubResult({k: int(v) for k, v in doc["counts"].items()}, int(doc.get("shots", shots)), task_id, meta))
        return results


class Estimator:
    """Expectation values of Pauli observables, estimated from counts in each term's measurement basis."""

    def __init__(self, resource: Resource, default_shots: int = 4096, seed: int | None = None,
                 timeout: float | None = None) -> None:
        self.resource = resource
        self.default_shots = default_shots
        self.seed = seed
        self.timeout = timeout

    def run(self, pubs: Iterable[tuple[str, Any] | tuple[str, Any, Params]], shots: int | None = None) -> list[EstimatorPubResult]:
        shots = shots or self.default_shots
        plans = []
        for pub in pubs:
            source, observable, params = pub[0], pub[1], pub[2] if len(pub) > 2 else None
            bound = qasm.bind(source, params)
            terms = []
            for pauli, coefficient in qasm.pauli_terms(observable):
                if set(pauli) == {"I"}:
                    terms.append((coefficient, None))
                    continue
                measured, _ = qasm.measure_in_basis(bound, pauli)
                terms.append((coefficient, self.resource.task_start(measured, shots, qasm.dialect(measured), self.seed)))
            plans.append(terms)
        results = []
        for terms in plans:
            ev, variance, ids = 0.0, 0.0, []
            for coefficient, task_id in terms:
                if task_id is None:
                    ev += coefficient
                    continue
                doc = self.resource.task_wait(task_id, self.timeout)
                term_ev, n = _parity_expectation(doc["counts"])
                ev += coefficient * term_ev
                variance += coefficient * coefficient * (1 - term_ev * term_ev) / max(n, 1)
                ids.append(task_id)
            results.append(EstimatorPubResult(ev, math.sqrt(variance), ids))
        return results


def _parity_expectation(counts: Mapping[str, int]) -> tuple[float, int]:
    """<P> from counts whose leftmost key group is the measurement register (declared last)."""
    total, signed = 0, 0
    for key, count in counts.items():
        bits = key.split(" ")[0]
        total += int(count)
        signed += int(count) * (-1 if bits.count("1") % 2 else 1)
    return (signed / total if total else 0.0), total
