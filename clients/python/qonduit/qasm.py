"""OpenQASM text helpers the primitives need: dialect, qubit registers, parameter binding, basis measurement.

Parameters bind by name: every free identifier outside gate bodies that a binding names is replaced by its value,
and an OpenQASM 3 ``input`` declaration of a bound name is removed. Gate bodies are left alone because they can
only see their own formal parameters. The same rule is implemented by Qonduit.Qrmi.Primitives in .NET.
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping, Sequence

from .errors import QonduitError

OPENQASM2 = "openqasm2"
OPENQASM3 = "openqasm3"

_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_QREG2 = re.compile(r"\bqreg\s+([A-Za-z_]\w*)\s*\[\s*(\d+)\s*\]\s*;")
_QUBIT3 = re.compile(r"\bqubit\s*(?:\[\s*(\d+)\s*\])?\s+([A-Za-z_]\w*)\s*;")
_INPUT = re.compile(r"\binput\s+(?:float|angle)(?:\s*\[\s*\d+\s*\])?\s+([A-Za-z_]\w*)\s*;[ \t]*\n?")
_GATE_HEADER = re.compile(r"\b(?:gate|opaque)\b[^{;]*")


class QasmError(QonduitError):
    def __init__(self, message: str) -> None:
        super().__init__("client.primitive-input-invalid", message)


def dialect(source: str) -> str:
    for line in source.splitlines():
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        return OPENQASM2 if line.startswith("OPENQASM 2") else OPENQASM3
    return OPENQASM3


def qubits(source: str) -> list[str]:
    """Every qubit reference in declaration order (Qiskit's flat qubit order)."""
    code = _COMMENT.sub("", source)
    found: list[tuple[int, list[str]]] = []
    for m in _QREG2.finditer(code):
        found.append((m.start(), [f"{m.group(1)}[{i}]" for i in range(int(m.group(2)))]))
    for m in _QUBIT3.finditer(code):
        size, name = m.group(1), m.group(2)
        found.append((m.start(), [name] if size is None else [f"{name}[{i}]" for i in range(int(size))]))
    return [q for _, refs in sorted(found) for q in refs]


def input_parameters(source: str) -> list[str]:
    return [m.group(1) for m in _INPUT.finditer(_COMMENT.sub("", source))]


def bind(source: str, params: Mapping[str, float] | Sequence[float] | None) -> str:
    """Substitutes values for named parameters (a sequence follows the ``input`` declarations' order)."""
    if params is None or len(params) == 0:
        return source
    if not isinstance(params, Mapping):
        names = input_parameters(source)
        if len(names) != len(params):
            raise QasmError(f"{len(params)} parameter values given but the circuit declares {len(names)} inputs {names}")
        params = dict(zip(names, params))
    for name in params:
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise QasmError(f"parameter name {name!r} is not an identifier")
    values = {name: repr(float(value)) for name, value in params.items()}
    source = _INPUT.sub(lambda m: "" if m.group(1) in values else m.group(0), source)
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, values)) + r")\b")
    return "".join(piece if in_gate else pattern.sub(lambda m: f"({values[m.group(1)]})", piece)
                   for piece, in_gate in _split_gate_bodies(source))


def _split_gate_bodies(source: str) -> Iterable[tuple[str, bool]]:
    """Alternating pieces of the source: outside gate definitions (False) and gate definitions (True)."""
    position = 0
    for header in _GATE_HEADER.finditer(source):
        if header.start() < position:
            continue
        brace = source.find("{", header.end())
        if brace != header.end() and source[header.end():brace].strip():
            continue
        depth, end = 0, brace
        while end < len(source):
            depth += {"{": 1, "}": -1}.get(source[end], 0)
            end += 1
            if depth == 0:
                break
        yield source[position:header.start()], False
        yield source[header.start():end], True
        position = end
    yield source[position:], False


def pauli_terms(observable) -> list[tuple[str, float]]:
    """A Pauli string, a {pauli: coefficient} mapping or a list of (pauli, coefficient) pairs."""
    if isinstance(observable, str):
        terms = [(observable, 1.0)]
    elif isinstance(observable, Mapping):
        terms = [(str(p), float(c)) for p, c in observable.items()]
    else:
        terms = [(str(p), float(c)) for p, c in observable]
    for pauli, _ in terms:
        if not pauli or set(pauli.upper()) - set("IXYZ"):
            raise QasmError(f"observable term {pauli!r} is not a Pauli string over I, X, Y, Z")
    return [(p.upper(), c) for p, c in terms]


MEASURE_REGISTER = "qonduit_obs"


def measure_in_basis(source: str, pauli: str) -> tuple[str, int]:
    """Appends the basis change and measurements of a Pauli term; returns the source and the measured qubit count.

    The term reads like Qiskit's: its rightmost letter acts on qubit 0. The new classical register is declared
    last, so it is the leftmost group of every count key.
    """
    refs = qubits(source)
    if len(pauli) != len(refs):
        raise QasmError(f"observable {pauli!r} has {len(pauli)} letters but the circuit has {len(refs)} qubits")
    support = [(i, letter) for i, letter in enumerate(reversed(pauli)) if letter != "I"]
    v2 = dialect(source) == OPENQASM2
    library = "qelib1.inc" in source if v2 else "stdgates.inc" in source
    h = "h {};" if library else "U(pi/2, 0, pi) {};"
    sdg = "sdg {};" if library else "U(0, 0, -pi/2) {};"
    lines = ["", f"creg {MEASURE_REGISTER}[{len(support)}];" if v2 else f"bit[{len(support)}] {MEASURE_REGISTER};"]
    for j, (i, letter) in enumerate(support):
        q = refs[i]
        if letter == "Y":
            lines.append(sdg.format(q))
        if letter in "XY":
            lines.append(h.format(q))
        lines.append(f"measure {q} -> {MEASURE_REGISTER}[{j}];" if v2 else f"{MEASURE_REGISTER}[{j}] = measure {q};")
    return source.rstrip() + "\n".join(lines) + "\n", len(support)
