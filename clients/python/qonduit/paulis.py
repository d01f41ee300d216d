"""Qubit-wise commuting groups of Pauli terms: one basis measurement estimates every term of its group.

Pauli strings read like Qiskit's (the rightmost letter acts on qubit 0). A basis measured by ``qasm.measure_in_basis``
puts its non-identity qubits, lowest first, into register bits 0, 1, …
"""

from __future__ import annotations

from typing import Iterable, Mapping


def group_qubitwise(terms: Iterable[str]) -> dict[str, str]:
    """Each distinct non-identity term -> the basis of its group (greedy, first fit, in the terms' order)."""
    distinct = [term for term in dict.fromkeys(terms) if set(term) != {"I"}]
    bases: list[str] = []
    for term in distinct:
        for i, basis in enumerate(bases):
            if all(a == b or "I" in (a, b) for a, b in zip(basis, term)):
                bases[i] = "".join(b if a == "I" else a for a, b in zip(basis, term))
                break
        else:
            bases.append(term)
    # Bases only fill in identities, so the one a term joined still covers it; any earlier covering basis does too.
    return {term: next(b for b in bases if all(t in ("I", a) for a, t in zip(b, term))) for term in distinct}

def term_bits(basis: str, term: str) -> list[int]:
    """The register bits (of the basis measurement) whose parity is the term's eigenvalue sign."""
    measured = [q for q, letter in enumerate(reversed(basis)) if letter != "I"]
    return [bit for bit, q in enumerate(measured) if term[len(term) - 1 - q] != "I"]


def parity_expectation(counts: Mapping[str, int], bits: list[int]) -> tuple[float, int]:
    """<P> and the shot count, from counts whose leftmost key group is the basis register (declared last)."""
    total, signed = 0, 0
    for key, count in counts.items():
        group = key.split(" ")[0]
        ones = sum(group[len(group) - 1 - bit] == "1" for bit in bits)
        total += int(count)
        signed += int(count) * (-1 if ones % 2 else 1)
    return (signed / total if total else 0.0), total
