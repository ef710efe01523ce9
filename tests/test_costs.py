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


def test_multi_gpu_types_and_clusters():
    from trainer.costs import GPU_EFFICIENCY, NODE_EFFICIENCY, Cluster, cluster_estimate

    for name, gpus in (("ml.g5.12xlarge", 4), ("ml.g5.48xlarge", 8), ("ml.g6e.12xlarge", 4),
                       ("ml.p4d.24xlarge", 8), ("ml.p5.48xlarge", 8)):
        assert INSTANCE_TYPES[name].gpus == gpus
    g5 = INSTANCE_TYPES["ml.g5.xlarge"]
    one = Cluster(g5)
    assert (one.replicas, one.efficiency) == (1, 1.0)
    assert cluster_estimate(one, 7200, 2.0) == (7200, pytest.approx(1.0),
                                                pytest.approx(g5.on_demand_per_hour))
    big = INSTANCE_TYPES["ml.g5.12xlarge"]
    four = Cluster(big)
    assert (four.replicas, four.efficiency) == (4, GPU_EFFICIENCY)
    # 4 GPUs: the same slices in a quarter of the steps, each step at 90 % of one GPU's speed
    steps, hours, dollars = cluster_estimate(four, 7200, 2.0)
    assert steps == 1800 and hours == pytest.approx(1800 / (2.0 * GPU_EFFICIENCY) / 3600)
    assert dollars == pytest.approx(hours * big.on_demand_per_hour)
    eight = Cluster(big, instances=2)
    assert (eight.replicas, eight.efficiency) == (8, NODE_EFFICIENCY)
    steps, hours, spot = cluster_estimate(eight, 7200, 2.0, spot=True)
    assert steps == 900 and spot == pytest.approx(hours * 2 * big.spot_per_hour)
    assert "2x ml.g5.12xlarge = 8 GPUs" in eight.describe() and "80%" in eight.describe()
    with pytest.raises(ValueError):
        Cluster(big, instances=0)


def test_launch_cost_line_counts_instances_and_gpus():
    from trainer.sagemaker.launch import LaunchOptions, cost_line
    from wavegan.errors import UserError

    one = cost_line("ml.g5.xlarge", False, {"dim": 64})
    assert "200,000 steps at ~1.1 steps/s" in one and "global batch" not in one
    many = cost_line("ml.g5.12xlarge", False, {"dim": 64}, instance_count=2)
    assert "~$14.18/h on 2x ml.g5.12xlarge = 8 GPUs" in many
    assert "25,000 steps of global batch 512 (64 per GPU)" in many and "80% scaling" in many
    given = cost_line("ml.g5.12xlarge", True, {"max_steps": "1000", "batch_size": "32"})
    assert "1,000 steps of global batch 128 (32 per GPU)" in given and "spot" in given
    with pytest.raises(UserError, match="--instance-count 0"):
        LaunchOptions(data_s3="s3://b/d/", bucket="b", instance_count=0)


def test_scan_estimates_several_gpus_and_machines():
    from trainer.scan import sagemaker_estimates
    from wavegan.config import ModelConfig

    rows = {r["instance"]: r for r in sagemaker_estimates(ModelConfig(dim=64), 200_000, 64, 5,
                                                          instances=2)}
    one, four = rows["ml.g5.xlarge"], rows["ml.g5.12xlarge"]
    assert (one["gpus"], one["global_steps"], one["global_batch"]) == (2, 100_000, 128)
    assert (four["gpus"], four["global_steps"], four["global_batch"]) == (8, 25_000, 512)
    assert four["efficiency"] == 0.8 and four["hours"] < one["hours"]
    assert four["on_demand_usd"] == pytest.approx(
        four["hours"] * 2 * INSTANCE_TYPES["ml.g5.12xlarge"].on_demand_per_hour, rel=0.02)
