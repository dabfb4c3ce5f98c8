"""The grouping benchmark's figures: the mean over several orders of asking, with their range."""

import numpy as np

from vraagbaak.eval import grouping


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def test_figures_are_the_mean_over_orders_and_depend_on_the_order():
    # b is alike to a and to c (cosine 0.95 each), a and c are not (0.81): with complete linkage, b joins
    # whichever of a and c came first, so the pair (a, b) is together in some orders and not in others.
    a, c = _unit(1.0, 0.0, 0.0), _unit(0.81, 0.5864, 0.0)
    b = _unit(*(a + c))
    far = _unit(0.0, 0.0, 1.0)
    vectors = {"a": a, "b": b, "c": c, "far": far}
    pairs = [{"id": "par-001", "a": "a", "b": "b", "same": True},
             {"id": "par-002", "a": "a", "b": "far", "same": False},
             {"id": "par-003", "a": "c", "b": "b", "same": True}]
    result = grouping.figures(pairs, vectors, similarity=0.9, orders=12)
    assert result["orders"] == 12
    assert result["others_together"] == 0.0
    low, high = result["same_together_range"]
    assert low == high == 0.5  # b always joins exactly one of a and c
    together_with_a = [grouping.grouped_together(pairs, vectors, 0.9, order)[0] for order in range(12)]
    assert any(together_with_a) and not all(together_with_a)
    assert result["same_together"] == 0.5
