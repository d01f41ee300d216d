"""Result containers shaped like Qiskit's V2 primitives': PrimitiveResult of PubResults whose ``data`` is a DataBin.

A Sampler's DataBin has one BitArray per classical register (``data.c.get_counts()``); an Estimator's has ``evs`` and
``stds`` (ShapedList / ShapedFloat, see arrays.py). Every array has the PUB's broadcast ``shape``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterator, Mapping, Sequence

from .arrays import Shape, ravel, size


class BitArray:
    """One classical register's outcomes for every element of a PUB's shape (as counts: the server returns no
    per-shot memory, so ``get_bitstrings`` lists the outcomes grouped by value, not in shot order)."""

    def __init__(self, counts: Sequence[Mapping[str, int]], shape: Shape, num_bits: int, num_shots: int) -> None:
        if len(counts) != size(shape):
            raise ValueError(f"{len(counts)} count tables for shape {shape}")
        self._counts = [dict(c) for c in counts]
        self.shape = shape
        self.ndim = len(shape)
        self.size = size(shape)
        self.num_bits = num_bits
        self.num_shots = num_shots

    def __repr__(self) -> str:
        return f"BitArray(shape={self.shape}, num_shots={self.num_shots}, num_bits={self.num_bits})"

    def __getitem__(self, index: int | tuple[int, ...]) -> "BitArray":
        """The sub-array at ``index`` along the leading axes (``b[1]`` of a (2, 3) array has shape (3,))."""
        index = (index,) if isinstance(index, int) else tuple(index)
        if len(index) > len(self.shape):
            raise IndexError(f"index {index} has {len(index)} axes but the array has shape {self.shape}")
        rest = self.shape[len(index):]
        start = ravel(index + (0,) * len(rest), self.shape)
        return BitArray(self._counts[start:start + size(rest)], rest, self.num_bits, self.num_shots)

    def get_counts(self, loc: int | tuple[int, ...] | None = None) -> dict[str, int]:
        """Outcome counts at ``loc`` (an element, or a leading index summing a sub-array), or over every element."""
        tables = self._counts if loc is None else self[loc]._counts
        total: Counter[str] = Counter()
        for table in tables:
            total.update(table)
        return dict(total)

    def get_int_counts(self, loc: int | tuple[int, ...] | None = None) -> dict[int, int]:
        return {int(key, 2) if key else 0: n for key, n in self.get_counts(loc).items()}

    def get_bitstrings(self, loc: int | tuple[int, ...] | None = None) -> list[str]:
        """One bitstring per shot (highest bit on the left), every element's shots when ``loc`` is None."""
        return [key for key, n in sorted(self.get_counts(loc).items(), key=lambda kv: -kv[1]) for _ in range(n)]


class DataBin(Mapping[str, Any]):
    """Named result fields, read as attributes (``data.evs``, ``data.c``) or as a mapping."""

    def __init__(self, fields: Mapping[str, Any], shape: Shape) -> None:
        self._fields = dict(fields)
        self.shape = shape

    def __getattr__(self, name: str) -> Any:
        fields = self.__dict__.get("_fields", {})
        if name in fields:
            return fields[name]
        raise AttributeError(f"no field {name!r} in this result's data (it has {', '.join(fields) or 'none'})")

    def __getitem__(self, name: str) -> Any:
        return self._fields[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def __repr__(self) -> str:
        return f"DataBin<{self.shape}>({', '.join(self._fields)})"


class PubResult:
    """One PUB's ``data`` (a DataBin) and ``metadata`` (shots, the task ids in row-major order, each task's result
    document without its counts)."""

    def __init__(self, data: DataBin, metadata: Mapping[str, Any]) -> None:
        self.data = data
        self.metadata = dict(metadata)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(data={self.data!r})"


class SamplerPubResult(PubResult):
    pass


class EstimatorPubResult(PubResult):
    pass


class PrimitiveResult(Sequence[PubResult]):
    """The PUB results in submission order, and the job's ``metadata``."""

    def __init__(self, pub_results: Sequence[PubResult], metadata: Mapping[str, Any] | None = None) -> None:
        self._pub_results = list(pub_results)
        self.metadata = dict(metadata or {})

    def __getitem__(self, index):  # type: ignore[override]
        return self._pub_results[index]

    def __len__(self) -> int:
        return len(self._pub_results)

    def __repr__(self) -> str:
        return f"PrimitiveResult({self._pub_results!r}, metadata={self.metadata!r})"
