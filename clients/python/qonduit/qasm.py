"""OpenQASM text helpers the primitives need: dialect, qubit and classical registers, input names, basis measurement.

Parameters are bound by the server (POST /v1/tasks ``parameters``), so the text is never rewritten for them.
"""

from __future__ import annotations

import math
import re
from typing import Any, Mapping

from .errors import PrimitiveInputError

OPENQASM2 = "openqasm2"
OPENQASM3 = "openqasm3"

_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_QREG2 = re.compile(r"\bqreg\s+([A-Za-z_]\w*)\s*\[\s*(\d+)\s*\]\s*;")
_QUBIT3 = re.compile(r"\bqubit\s*(?:\[\s*(\d+)\s*\])?\s+([A-Za-z_]\w*)\s*;")
_INPUT = re.compile(r"\binput\s+(?:float|angle)(?:\s*\[\s*\d+\s*\])?\s+([A-Za-z_]\w*)\s*;[ \t]*\n?")
_CREG = re.compile(r"\bcreg\s+([A-Za-z_]\w*)\s*(?:\[\s*(\d+)\s*\])?\s*;")
_BIT3 = re.compile(r"\bbit\s*(?:\[\s*(\d+)\s*\])?\s+([A-Za-z_]\w*)\s*[;=]")


class QasmError(PrimitiveInputError):
    """The circuit text does not fit what a primitive asks of it."""


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


def classical_registers(source: str) -> list[tuple[str, int]]:
    """(name, size) of every classical register in declaration order, the order a count key lists them in reverse."""
    code = _COMMENT.sub("", source)
    found = [(m.start(), m.group(1), int(m.group(2) or 1)) for m in _CREG.finditer(code)]
    found += [(m.start(), m.group(2), int(m.group(1) or 1)) for m in _BIT3.finditer(code)]
    return [(name, width) for _, name, width in sorted(found)]


def input_parameters(source: str) -> list[str]:
    return [m.group(1) for m in _INPUT.finditer(_COMMENT.sub("", source))]


def pauli_terms(observable: str | Mapping[str, Any], width: int) -> list[tuple[str, float]]:
    """A Pauli string or a {pauli: coefficient} mapping (Qiskit's observable forms), each term ``width`` letters."""
    terms = [(observable, 1.0)] if isinstance(observable, str) else list(observable.items())
    checked = []
    for pauli, coefficient in terms:
        if not isinstance(pauli, str) or not pauli or set(pauli.upper()) - set("IXYZ"):
            raise QasmError(f"observable term {pauli!r} is not a Pauli string over I, X, Y, Z")
        if len(pauli) != width:
            raise QasmError(f"observable {pauli!r} has {len(pauli)} letters but the circuit has {width} qubits")
        if isinstance(coefficient, bool) or not isinstance(coefficient, (int, float)) or not math.isfinite(coefficient):
            raise QasmError(f"observable term {pauli!r} has coefficient {coefficient!r}, not a finite real number")
        checked.append((pauli.upper(), float(coefficient)))
    return checked


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
