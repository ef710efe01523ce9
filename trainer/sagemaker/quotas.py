"""SageMaker GPU quotas through Service Quotas: read, request an increase, show the request.

Quota names are ``"<type> for training job usage"`` and ``"<type> for spot training job usage"``
(service code ``sagemaker``); new accounts start at 0 for most GPU types.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SERVICE = "sagemaker"
OPEN_STATUSES = ("PENDING", "CASE_OPENED")


def quota_name(instance_type: str, spot: bool) -> str:
    return f"{instance_type} for {'spot ' if spot else ''}training job usage"


@dataclass
class Quota:
    name: str
    code: str
    value: float
    pending: dict[str, Any] | None = None   # newest open increase request, if any


def find_quota(sq, instance_type: str, spot: bool) -> Quota | None:
    """The applied quota for the type (None if the region does not offer it)."""
    wanted = quota_name(instance_type, spot)
    for page in sq.get_paginator("list_service_quotas").paginate(ServiceCode=SERVICE):
        for q in page["Quotas"]:
            if q["QuotaName"] == wanted:
                return Quota(wanted, q["QuotaCode"], float(q["Value"]), _pending(sq, q))
    return None


def _pending(sq, q: dict[str, Any]) -> dict[str, Any] | None:
    history = sq.list_requested_service_quota_change_history_by_quota(
        ServiceCode=SERVICE, QuotaCode=q["QuotaCode"]).get("RequestedQuotas", [])
    open_ = [r for r in history if r.get("Status") in OPEN_STATUSES]
    return max(open_, key=lambda r: str(r.get("Created", "")), default=None)


def request_increase(sq, quota: Quota, desired: float = 1.0) -> dict[str, Any]:
    """File (or, when one is already open, return) an increase request to ``desired``."""
    if quota.pending is not None:
        return quota.pending
    out = sq.request_service_quota_increase(ServiceCode=SERVICE, QuotaCode=quota.code,
                                            DesiredValue=max(desired, quota.value + 1))
    return out["RequestedQuota"]


def describe_request(req: dict[str, Any]) -> str:
    return (f"increase to {float(req.get('DesiredValue', 0)):g} requested "
            f"{str(req.get('Created', ''))[:16]}: {req.get('Status', '?')}"
            + (f" (case {req['CaseId']})" if req.get("CaseId") else ""))
