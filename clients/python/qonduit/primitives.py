"""Sampler and Estimator shaped like Qiskit's V2 primitives, over a Resource.

``run(pubs)`` checks every PUB, submits one task per element of each PUB's broadcast shape (the server binds the
parameter values) and returns a PrimitiveJob at once; ``job.result()[i].data`` is shaped like the PUB.
"""

from __future__ import annotations

import math
from typing import Any, Iterable, Mapping

from . import arrays, paulis, qasm
from .containers import BitArray, DataBin, EstimatorPubResult, PrimitiveResult, SamplerPubResult
from .errors import QonduitError
from .job import PrimitiveJob, cancel_unfinished
from .pubs import EstimatorPub, SamplerPub, estimator_pub, positive_float, positive_int, sampler_pub
from .service import Resource

Documents = dict[str, dict[str, Any]]


class _Primitive:
    def __init__(self, resource: Resource, seed: int | None, timeout: float | None, trajectories: int | None) -> None:
        self.resource = resource
        self.seed = seed
        self.timeout = timeout
        self.trajectories = None if trajectories is None else positive_int(trajectories, "trajectories")

    def _start(self, circuit: str, shots: int, bindings: Mapping[str, float]) -> str:
        return self.resource.task_start(circuit, shots, qasm.dialect(circuit), self.seed,
                                        trajectories=self.trajectories, parameters=bindings)

    def _start_all(self, plan: list[tuple[str, int, Mapping[str, float]]]) -> list[str]:
        """Starts every planned task; if one is refused, cancels those already started and re-raises."""
        started: list[str] = []
        try:
            for circuit, shots, bindings in plan:
                started.append(self._start(circuit, shots, bindings))
        except QonduitError:
            cancel_unfinished(self.resource, started)
            raise
        return started


class Sampler(_Primitive):
    """Samples PUBs ``(circuit, parameter_values, shots)``; shots come from the PUB, else ``run(shots=)``, else
    ``default_shots``. ``trajectories`` is every task's error-pattern budget (see ``Resource.task_start``); None
    runs every shot with its own pattern."""

    def __init__(self, resource: Resource, default_shots: int = 1024, seed: int | None = None,
                 timeout: float | None = None, trajectories: int | None = None) -> None:
        super().__init__(resource, seed, timeout, trajectories)
        self.default_shots = positive_int(default_shots, "default_shots")

    def run(self, pubs: Iterable[Any], *, shots: int | None = None) -> PrimitiveJob:
        shots = self.default_shots if shots is None else positive_int(shots, "shots")
        parsed = [sampler_pub(pub, i) for i, pub in enumerate(pubs)]
        plan = [(pub.circuit, pub.shots or shots, binding) for pub in parsed for binding in pub.bindings]
        task_ids = self._start_all(plan)

        def collect(documents: Documents) -> PrimitiveResult:
            results, at = [], 0
            for pub in parsed:
                ids = task_ids[at:at + len(pub.bindings)]
                at += len(ids)
                results.append(_sampler_result(pub, pub.shots or shots, ids, documents))
            return PrimitiveResult(results, {"version": 2})

        return PrimitiveJob(self.resource, task_ids, collect, self.timeout)


def _sampler_result(pub: SamplerPub, shots: int, ids: list[str], documents: Documents) -> SamplerPubResult:
    registers = qasm.classical_registers(pub.circuit)
    per_register: dict[str, list[dict[str, int]]] = {name: [] for name, _ in registers}
    for task_id in ids:
        for name, table in _split_registers(documents[task_id]["counts"], registers).items():
            per_register[name].append(table)
    data = {name: BitArray(per_register[name], pub.shape, width, shots) for name, width in registers}
    return SamplerPubResult(DataBin(data, pub.shape), _metadata(shots, ids, documents))


def _split_registers(counts: Mapping[str, int], registers: list[tuple[str, int]]) -> dict[str, dict[str, int]]:
    """Per-register counts from keys whose space-separated groups list the registers last-declared first."""
    tables: dict[str, dict[str, int]] = {name: {} for name, _ in registers}
    if not registers:
        return tables
    widths = [width for _, width in reversed(registers)]
    for key, count in counts.items():
        groups = key.split(" ")
        if [len(g) for g in groups] != widths:
            raise qasm.QasmError(f"count key {key!r} does not match the circuit's classical registers {registers}")
        for (name, _), group in zip(reversed(registers), groups):
            tables[name][group] = tables[name].get(group, 0) + int(count)
    return tables


class Estimator(_Primitive):
    """Expectation values of PUBs ``(circuit, observables, parameter_values, precision)``: observables are Pauli
    strings (rightmost letter on qubit 0, as in Qiskit) or {pauli: coefficient} mappings, in nested lists for arrays.

    The Pauli terms of each parameter set are grouped qubit-wise commuting; each group is one task measuring in its
    basis, with ⌈1/precision²⌉ shots (precision from the PUB, else ``run(precision=)``, else ``default_precision``).
    ``stds`` bound the standard error: Σ|c|·σ(P)/√shots, which holds however the grouped terms correlate."""

    def __init__(self, resource: Resource, default_precision: float = 0.015625, seed: int | None = None,
                 timeout: float | None = None, trajectories: int | None = None) -> None:
        super().__init__(resource, seed, timeout, trajectories)
        self.default_precision = positive_float(default_precision, "default_precision")

    def run(self, pubs: Iterable[Any], *, precision: float | None = None) -> PrimitiveJob:
        precision = self.default_precision if precision is None else positive_float(precision, "precision")
        parsed = [estimator_pub(pub, i) for i, pub in enumerate(pubs)]
        plan: list[tuple[str, int, Mapping[str, float]]] = []
        term_tasks: list[dict[tuple[int, str], tuple[int, str]]] = []
        for pub in parsed:
            shots = _shots(pub.precision or precision)
            # (parameter set, Pauli term) -> (its task's position in the plan, the basis that task measures): the
            # terms of one parameter set, over every observable broadcast against it, share qubit-wise commuting bases.
            planned: dict[tuple[int, str], tuple[int, str]] = {}
            for set_index in sorted(set(pub.binding_of)):
                terms = [term for of, observable in zip(pub.binding_of, pub.observables) if of == set_index for term, _ in observable]
                positions: dict[str, int] = {}
                for term, basis in paulis.group_qubitwise(terms).items():
                    if basis not in positions:
                        positions[basis] = len(plan)
                        plan.append((qasm.measure_in_basis(pub.circuit, basis)[0], shots, pub.bindings[set_index]))
                    planned[(set_index, term)] = (positions[basis], basis)
            term_tasks.append(planned)
        task_ids = self._start_all(plan)

        def collect(documents: Documents) -> PrimitiveResult:
            return PrimitiveResult([_estimator_result(pub, pub.precision or precision,
                                                      {key: (task_ids[i], basis) for key, (i, basis) in planned.items()},
                                                      documents)
                                    for pub, planned in zip(parsed, term_tasks)], {"version": 2})

        return PrimitiveJob(self.resource, task_ids, collect, self.timeout)


def _estimator_result(pub: EstimatorPub, precision: float, tasks: dict[tuple[int, str], tuple[str, str]],
                      documents: Documents) -> EstimatorPubResult:
    evs, stds = [], []
    for set_index, terms in zip(pub.binding_of, pub.observables):
        ev, spread = 0.0, 0.0
        for pauli, coefficient in terms:
            if set(pauli) == {"I"}:
                ev += coefficient
                continue
            task_id, basis = tasks[(set_index, pauli)]
            term_ev, shots = paulis.parity_expectation(documents[task_id]["counts"], paulis.term_bits(basis, pauli))
            ev += coefficient * term_ev
            spread += abs(coefficient) * math.sqrt(max(0.0, 1 - term_ev * term_ev) / max(shots, 1))
        evs.append(ev)
        stds.append(spread)
    data = DataBin({"evs": arrays.shaped(evs, pub.shape), "stds": arrays.shaped(stds, pub.shape)}, pub.shape)
    ids = list(dict.fromkeys(task_id for task_id, _ in tasks.values()))
    metadata = {"target_precision": precision, **_metadata(_shots(precision), ids, documents)}
    return EstimatorPubResult(data, metadata)


def _shots(precision: float) -> int:
    return math.ceil(1.0 / (precision * precision))


def _metadata(shots: int, ids: list[str], documents: Documents) -> dict[str, Any]:
    return {"shots": shots, "task_ids": ids,
            "tasks": [{k: v for k, v in documents[task_id].items() if k != "counts"} for task_id in ids]}
