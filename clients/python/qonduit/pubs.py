"""PUBs (primitive unified blocs) and their parameter and observable arrays, as Qiskit's V2 primitives take them.

Parameter values (Qiskit's BindingsArray, with nested lists for arrays) are one of:
  - None: the circuit has no inputs; shape ().
  - a mapping {name: value or nested list}: every entry broadcasts against the others; a tuple of names as key
    takes arrays whose last axis holds those names' values ({("a", "b"): [[0, 1], [2, 3]]} has shape (2,)).
  - nested lists of numbers whose last axis follows the circuit's ``input`` declarations ([[0.1, 0.2]] is shape (1,)
    for two inputs; a flat list is one parameter set, shape ()).
  - nested lists of {name: number} mappings, one parameter set each; the shape is the lists'.
Every element of the shape becomes one task; the server binds its values to the circuit's ``input`` declarations.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any, Mapping

from . import arrays, qasm
from .arrays import Shape
from .errors import PrimitiveInputError

Bindings = dict[str, float]


@dataclass(frozen=True)
class SamplerPub:
    circuit: str
    shape: Shape
    bindings: list[Bindings]
    shots: int | None


@dataclass(frozen=True)
class EstimatorPub:
    """``observables`` and ``binding_of`` (an index into ``bindings``) have one entry per element of ``shape``."""

    circuit: str
    shape: Shape
    bindings: list[Bindings]
    binding_of: list[int]
    observables: list[list[tuple[str, float]]]
    precision: float | None


def sampler_pub(pub: Any, position: int) -> SamplerPub:
    """``circuit``, ``(circuit,)``, ``(circuit, parameter_values)`` or ``(circuit, parameter_values, shots)``."""
    members = _members(pub, position, 1, 3, "(circuit, parameter_values, shots)")
    circuit = _circuit(members[0], position)
    shape, bindings = parameter_array(circuit, members[1] if len(members) > 1 else None, position)
    shots = members[2] if len(members) > 2 else None
    if shots is not None:
        shots = positive_int(shots, f"PUB {position}: shots")
    return SamplerPub(circuit, shape, bindings, shots)


def estimator_pub(pub: Any, position: int) -> EstimatorPub:
    """``(circuit, observables)``, ``(circuit, observables, parameter_values)`` or with a fourth member ``precision``;
    the observables broadcast against the parameter values."""
    members = _members(pub, position, 2, 4, "(circuit, observables, parameter_values, precision)")
    circuit = _circuit(members[0], position)
    obs_shape, observables = arrays.nested(members[1], lambda o: isinstance(o, (str, Mapping)), f"PUB {position}: observables")
    width = len(qasm.qubits(circuit))
    terms = [qasm.pauli_terms(o, width) for o in observables]
    param_shape, bindings = parameter_array(circuit, members[2] if len(members) > 2 else None, position)
    shape = arrays.broadcast_shapes(obs_shape, param_shape, what=f"PUB {position}: observables and parameter values")
    precision = members[3] if len(members) > 3 else None
    if precision is not None:
        precision = positive_float(precision, f"PUB {position}: precision")
    return EstimatorPub(circuit, shape, bindings, arrays.broadcast_flat(range(len(bindings)), param_shape, shape),
                        arrays.broadcast_flat(terms, obs_shape, shape), precision)


def parameter_array(circuit: str, values: Any, position: int) -> tuple[Shape, list[Bindings]]:
    what = f"PUB {position}: parameter values"
    if values is None or (isinstance(values, (Mapping, list, tuple)) and len(values) == 0):
        return (), [{}]
    if isinstance(values, Mapping):
        return _from_mapping(values, what)
    shape, leaves = arrays.nested(values, lambda v: isinstance(v, (Mapping, numbers.Real)), what)
    if all(isinstance(leaf, Mapping) for leaf in leaves):
        return shape, [{name: _number(v, f"{what}: {name}") for name, v in leaf.items()} for leaf in leaves]
    if any(isinstance(leaf, Mapping) for leaf in leaves):
        raise PrimitiveInputError(f"{what} mix numbers and parameter-set mappings")
    names = qasm.input_parameters(circuit)
    if not shape or shape[-1] != len(names):
        raise PrimitiveInputError(f"{what} have shape {shape} but their last axis must hold the circuit's "
                                  f"{len(names)} inputs {names} (in declaration order)")
    numbers_ = [_number(v, what) for v in leaves]
    k = len(names)
    return shape[:-1], [dict(zip(names, numbers_[i * k:(i + 1) * k])) for i in range(len(numbers_) // k)]


def _from_mapping(values: Mapping[Any, Any], what: str) -> tuple[Shape, list[Bindings]]:
    entries = []
    for key, value in values.items():
        names = key if isinstance(key, tuple) else (key,)
        for name in names:
            if not isinstance(name, str) or not name.isidentifier():
                raise PrimitiveInputError(f"{what}: parameter name {name!r} is not an identifier")
        shape, leaves = arrays.nested(value, lambda v: isinstance(v, numbers.Real), f"{what}: {key}")
        leaves = [_number(v, f"{what}: {key}") for v in leaves]
        if isinstance(key, tuple):
            if not shape or shape[-1] != len(names):
                raise PrimitiveInputError(f"{what}: {key} needs a last axis of {len(names)} values, not shape {shape}")
            shape = shape[:-1]
            rows = [dict(zip(names, leaves[i * len(names):(i + 1) * len(names)])) for i in range(arrays.size(shape))]
        else:
            rows = [{key: v} for v in leaves]
        entries.append((shape, rows))
    shape = arrays.broadcast_shapes(*(s for s, _ in entries), what=what)
    bindings: list[Bindings] = [{} for _ in range(arrays.size(shape))]
    for entry_shape, rows in entries:
        for binding, row in zip(bindings, arrays.broadcast_flat(rows, entry_shape, shape)):
            binding.update(row)
    return shape, bindings


def positive_int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise PrimitiveInputError(f"{what} must be a positive integer, not {value!r}")
    return int(value)


def positive_float(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value) or value <= 0:
        raise PrimitiveInputError(f"{what} must be a positive finite number, not {value!r}")
    return float(value)


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        raise PrimitiveInputError(f"{what}: {value!r} is not a finite number")
    return float(value)


def _members(pub: Any, position: int, least: int, most: int, form: str) -> tuple[Any, ...]:
    members = (pub,) if isinstance(pub, str) else pub
    if not isinstance(members, (tuple, list)) or not least <= len(members) <= most:
        raise PrimitiveInputError(f"PUB {position} must be {form} with at least {least} member(s), not {pub!r:.80}")
    return tuple(members)


def _circuit(circuit: Any, position: int) -> str:
    if not isinstance(circuit, str) or not circuit.strip():
        raise PrimitiveInputError(f"PUB {position}: the circuit must be OpenQASM text, not {type(circuit).__name__}")
    return circuit
