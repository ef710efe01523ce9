"""The cost table's arithmetic."""

from __future__ import annotations

import pytest

from trainer.costs import INSTANCE_TYPES, estimate, relative_cost, scaled_steps_per_sec


def test_estimate_and_scaling():
    assert estimate(7200, 2.0, 3.0) == pytest.approx((1.0, 3.0))
    assert relative_cost(64, 16384) == 1.0
    assert relative_cost(32, 16384) == 0.25 and relative_cost(64, 65536) == 4.0
    # a spectral branch as wide as the critic: 5 critic updates at 1.54x + 1 generator update
    assert relative_cost(16, 16384, 32, spec_critic=16) / relative_cost(16, 16384, 32) \
        == pytest.approx((5 * 1.54 + 1) / 6)
    g5 = INSTANCE_TYPES["ml.g5.xlarge"]
    assert scaled_steps_per_sec(g5, dim=32, slice_len=16384) == pytest.approx(
        4 * g5.ref_steps_per_sec)
    assert all(0 < t.spot_per_hour < t.on_demand_per_hour for t in INSTANCE_TYPES.values())
    with pytest.raises(ValueError):
        estimate(1, 0, 1)
