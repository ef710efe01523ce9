"""What a job cost: training vs billable seconds (DescribeTrainingJob) at the on-demand price of
trainer/costs.py, and the dollars managed spot saved (SageMaker bills spot jobs for
``BillableTimeInSeconds`` only, at the on-demand rate)."""

from __future__ import annotations

from typing import Any

from trainer import costs


def format_duration(seconds: float) -> str:
    seconds = int(seconds)
    h, rem = divmod(seconds, 3600)
    return f"{h}h{rem // 60:02d}m" if h else f"{rem // 60}m{rem % 60:02d}s"


def billing_line(desc: dict[str, Any]) -> str:
    """Training vs billable time, what was billed at the on-demand price, and what managed
    spot saved (SageMaker bills spot jobs for ``BillableTimeInSeconds`` only). Empty until
    DescribeTrainingJob reports the times."""
    training = desc.get("TrainingTimeInSeconds")
    billable = desc.get("BillableTimeInSeconds", training)
    if training is None or billable is None:
        return ""
    text = f"time: {format_duration(training)} training, {format_duration(billable)} billable"
    resources = desc.get("ResourceConfig", {})
    inst = costs.INSTANCE_TYPES.get(resources.get("InstanceType", ""))
    spot = bool(desc.get("EnableManagedSpotTraining"))
    share = 1 - billable / training if spot and training > 0 else 0.0
    if inst is None:
        text += f" (no price for {resources.get('InstanceType', '?')} in trainer/costs.py)"
        return text + (f"; spot saved {share:.0%}" if spot else "")
    rate = inst.on_demand_per_hour * max(1, int(resources.get("InstanceCount", 1)))
    text += f" ≈ ${billable / 3600 * rate:,.2f} at ${rate:,.2f}/h on-demand"
    if spot:
        text += f"; spot saved {share:.0%} ≈ ${(training - billable) / 3600 * rate:,.2f}"
    return text
