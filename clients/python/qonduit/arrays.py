"""Nested lists with a shape, and numpy's broadcasting rules over them (the primitives' arrays, without numpy).

A shape is a tuple of ints; elements are kept flat in row-major (C) order, as numpy does.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Sequence

from .errors import PrimitiveInputError

Shape = tuple[int, ...]


def size(shape: Shape) -> int:
    return math.prod(shape)


def nested(value: Any, is_leaf: Callable[[Any], bool], what: str) -> tuple[Shape, list[Any]]:
    """The shape and flat leaves of a rectangular nest of lists/tuples; a ragged nest is refused."""
    if is_leaf(value):
        return (), [value]
    if hasattr(value, "tolist"):  # a numpy array, for those who have numpy
        return nested(value.tolist(), is_leaf, what)
    if not isinstance(value, (list, tuple)):
        raise PrimitiveInputError(f"{what}: {value!r} is neither a value nor a list of values")
    parts = [nested(item, is_leaf, what) for item in value]
    shapes = {shape for shape, _ in parts}
    if len(shapes) > 1:
        raise PrimitiveInputError(f"{what} is ragged: its lists have shapes {sorted(shapes)}")
    inner = shapes.pop() if shapes else ()
    return (len(value),) + inner, [leaf for _, leaves in parts for leaf in leaves]


def broadcast_shapes(*shapes: Shape, what: str = "arrays") -> Shape:
    """numpy's rule: align on the right; each axis has equal lengths or length 1."""
    rank = max((len(s) for s in shapes), default=0)
    result = []
    for axis in range(rank):
        lengths = {s[len(s) - rank + axis] for s in shapes if len(s) - rank + axis >= 0} - {1}
        if len(lengths) > 1:
            raise PrimitiveInputError(f"{what} with shapes {', '.join(map(str, shapes))} do not broadcast")
        result.append(lengths.pop() if lengths else 1)
    return tuple(result)


def broadcast_flat(flat: Sequence[Any], shape: Shape, target: Shape) -> list[Any]:
    """The elements of ``flat`` (of ``shape``) repeated to fill ``target`` (a broadcast of ``shape``)."""
    out = []
    for position in range(size(target)):
        index = unravel(position, target)[len(target) - len(shape):]
        source = 0
        for length, i in zip(shape, index):
            source = source * length + (0 if length == 1 else i)
        out.append(flat[source])
    return out


def unravel(position: int, shape: Shape) -> tuple[int, ...]:
    index = []
    for length in reversed(shape):
        position, i = divmod(position, length)
        index.append(i)
    return tuple(reversed(index))


def ravel(index: int | tuple[int, ...], shape: Shape) -> int:
    """The flat position of ``index`` (negative entries count from the end), bounds-checked."""
    index = (index,) if isinstance(index, int) else tuple(index)
    if len(index) != len(shape):
        raise IndexError(f"index {index} has {len(index)} axes but the array has shape {shape}")
    position = 0
    for length, i in zip(shape, index):
        if not -length <= i < length:
            raise IndexError(f"index {index} is out of bounds for shape {shape}")
        position = position * length + i % length
    return position


class ShapedList(list):
    """A nested list that knows its ``shape`` (like a numpy array's); ``a[i, j]`` is ``a[i][j]``."""

    def __init__(self, items: Sequence[Any], shape: Shape) -> None:
        super().__init__(items)
        self.shape = shape
        self.ndim = len(shape)
        self.size = size(shape)

    def __getitem__(self, index):
        if isinstance(index, tuple):
            item: Any = self
            for i in index:
                item = list.__getitem__(item, i)
            return item
        return super().__getitem__(index)

    def tolist(self) -> list[Any]:
        return [item.tolist() if isinstance(item, ShapedList) else item for item in self]


class ShapedFloat(float):
    """A number with ``shape == ()``: what a 0-d array of expectation values is here."""

    shape: Shape = ()
    ndim = 0
    size = 1

    def tolist(self) -> float:
        return float(self)


def shaped(flat: Sequence[Any], shape: Shape) -> Any:
    """Row-major ``flat`` as nested ShapedLists of ``shape``; a float when the shape is ()."""
    if not shape:
        return ShapedFloat(flat[0]) if isinstance(flat[0], (int, float)) else flat[0]
    stride = size(shape[1:])
    return ShapedList([shaped(flat[i * stride:(i + 1) * stride], shape[1:]) for i in range(shape[0])], shape)
