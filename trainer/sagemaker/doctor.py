"""``wavegan sagemaker doctor``: check everything a training job needs before launching one.

Credentials (STS), region, the execution role (exists, trusted by sagemaker.amazonaws.com,
allowed what the job does — via ``iam:SimulatePrincipalPolicy`` — and passing the SageMaker
SDK's own training-role check, which ``ModelTrainer`` runs before every launch), the bucket
(exists, same region, writable) and the GPU quota for the instance type, on-demand and spot.
Every failed check carries the exact fix; ``--request-quota`` files the increase through
Service Quotas and later runs show the request's status.
"""

from __future__ import annotations

import json
import os
import urllib.parse
from dataclasses import dataclass
from typing import Any

from trainer.sagemaker.errors import Context, bucket_denied_message, no_credentials_message
from trainer.sagemaker.policy import (
    SAGEMAKER_PRINCIPAL,
    execution_policy,
    role_name,
    role_setup_commands,
    trust_policy,
)
from trainer.sagemaker.settings import Settings

SDK_CHECK = "SDK role check"
PROBE_KEY = ".wavegan-doctor-probe"


@dataclass
class Check:
    """One line of the doctor's report: ``status`` is ok, warn or fail."""

    name: str
    status: str
    detail: str
    fix: str = ""

    @property
    def ok(self) -> bool:
        return self.status != "fail"


def _code(exc: Exception) -> str:
    return str(getattr(exc, "response", {}).get("Error", {}).get("Code", ""))


def _why(exc: Exception) -> str:
    """A short reason: the AWS error code, else the exception's first line (≤ 80 chars)."""
    return _code(exc) or (str(exc).splitlines() or [type(exc).__name__])[0][:80]


def _skippable() -> tuple[type[Exception], ...]:
    """Failures of optional checks (no permission, API missing, garbled answer)."""
    from botocore.exceptions import BotoCoreError, ClientError
    from botocore.parsers import ResponseParserError

    return BotoCoreError, ClientError, ResponseParserError


def check_credentials(sts) -> tuple[Check, dict[str, Any]]:
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        ident = sts.get_caller_identity()
    except (BotoCoreError, ClientError) as exc:
        return Check("credentials", "fail", f"{type(exc).__name__}: {exc}",
                     no_credentials_message()), {}
    return Check("credentials", "ok", f"account {ident['Account']} as {ident['Arn']}"), ident


def check_region(session, region: str) -> Check:
    known = session.get_available_regions("sagemaker")
    if known and region not in known:
        return Check("region", "fail", f"{region} has no SageMaker",
                     f"pass --region with one of: {', '.join(sorted(known)[:8])} …")
    return Check("region", "ok", region)


def _document(doc: Any) -> dict[str, Any]:
    if isinstance(doc, str):
        return json.loads(urllib.parse.unquote(doc))
    return doc or {}


def trusts_sagemaker(trust: dict[str, Any]) -> bool:
    for st in trust.get("Statement", []):
        services = st.get("Principal", {}).get("Service", [])
        services = [services] if isinstance(services, str) else services
        actions = st.get("Action", [])
        actions = [actions] if isinstance(actions, str) else actions
        if (st.get("Effect") == "Allow" and SAGEMAKER_PRINCIPAL in services
                and any(a in ("sts:AssumeRole", "sts:*") for a in actions)):
            return True
    return False


def _probe_resource(resource: str) -> str:
    """A concrete resource a statement's pattern covers (``*`` stays ``*``)."""
    if resource.endswith("repository/*"):
        return resource[:-1] + "tensorflow-training"
    return resource.replace("TrainingJobs*", "TrainingJobs").replace("/*", "/data/probe.wav")


def role_permission_requests(bucket: str, prefix: str) -> list[dict[str, Any]]:
    """SimulatePrincipalPolicy requests for each statement of the execution policy, each with a
    concrete resource the statement is meant to cover (no request context: as the SDK does)."""
    return [{"ActionNames": st["Action"], "ResourceArns": [_probe_resource(st["Resource"])]}
            for st in execution_policy(bucket, prefix)["Statement"]]


def check_role(iam, settings: Settings, account: str = "") -> list[Check]:
    from botocore.exceptions import ClientError

    setup = role_setup_commands(role_name(settings.role), settings.bucket or "BUCKET",
                                settings.prefix, account)
    if not settings.role:
        return [Check("role", "fail", "no execution role given",
                      f"create one, then `wavegan sagemaker configure --role ARN`:\n{setup}")]
    try:
        role = iam.get_role(RoleName=role_name(settings.role))["Role"]
    except ClientError as exc:
        if _code(exc) == "NoSuchEntity":
            return [Check("role", "fail", f"{settings.role} does not exist",
                          f"create it:\n{setup}")]
        return [Check("role", "warn", f"cannot read the role ({_code(exc)}); skipped", "")]
    checks = [Check("role", "ok", role["Arn"])]
    if trusts_sagemaker(_document(role.get("AssumeRolePolicyDocument"))):
        checks.append(Check("role trust", "ok", f"{SAGEMAKER_PRINCIPAL} may assume it"))
    else:
        trust = json.dumps(trust_policy(account), separators=(",", ":"))
        checks.append(Check("role trust", "fail", f"{SAGEMAKER_PRINCIPAL} may not assume it",
                            f"aws iam update-assume-role-policy --role-name "
                            f"{role['RoleName']} --policy-document '{trust}'"))
    checks.append(check_role_permissions(iam, role["Arn"], settings))
    checks.append(check_sdk_role(iam, role["Arn"], settings))
    return checks


def _policy_fix(settings: Settings, role_arn: str) -> str:
    return (f"wavegan sagemaker policy --bucket {settings.bucket or 'BUCKET'} --prefix "
            f"{settings.prefix} > wavegan-policy.json && aws iam put-role-policy --role-name "
            f"{role_name(role_arn)} --policy-name wavegan --policy-document "
            f"file://wavegan-policy.json")


def check_sdk_role(iam, role_arn: str, settings: Settings) -> Check:
    """The verdict of the SageMaker SDK's own training-role gate (``iam_role_resolver``), the
    check ``ModelTrainer`` runs before it creates a job, with the denied actions named."""
    if os.environ.get("SAGEMAKER_VALIDATE_ROLE", "true").lower() in ("false", "0", "no"):
        return Check(SDK_CHECK, "warn", "SAGEMAKER_VALIDATE_ROLE is off: the SDK skips it",
                     "unset SAGEMAKER_VALIDATE_ROLE to have the role checked")
    try:
        from sagemaker.core.helper import iam_role_resolver as resolver

        evaluate = resolver._evaluate_permissions
    except (ImportError, AttributeError) as exc:
        return Check(SDK_CHECK, "warn", f"not available in this SageMaker SDK ({exc}); skipped",
                     "pip install -e '.[sagemaker]'")
    try:
        verdict, denied = evaluate(iam, role_arn, "training")
    except _skippable() as exc:
        return Check(SDK_CHECK, "warn", f"the SDK could not simulate ({_why(exc)}); skipped",
                     "allow yourself iam:SimulatePrincipalPolicy on the role")
    if verdict is None:
        return Check(SDK_CHECK, "warn", "the SDK cannot verify the role (you lack "
                     "iam:SimulatePrincipalPolicy, or an SCP / permissions boundary hides it); "
                     "launch will proceed and AWS decides",
                     "allow yourself iam:SimulatePrincipalPolicy on the role")
    if verdict is False:
        return Check(SDK_CHECK, "fail", "launch would end in RoleValidationError: denied "
                     + (", ".join(denied) or "(the role is gone)"), _policy_fix(settings, role_arn))
    count = len(resolver._get_smoke_test_actions("training"))
    return Check(SDK_CHECK, "ok", f"passes ({count} account-wide actions simulated)")


def check_role_permissions(iam, role_arn: str, settings: Settings) -> Check:
    denied: list[str] = []
    try:
        for request in role_permission_requests(settings.bucket or "BUCKET", settings.prefix):
            result = iam.simulate_principal_policy(PolicySourceArn=role_arn, **request)
            denied += [f"{r['EvalActionName']} on {r['EvalResourceName']}"
                       for r in result["EvaluationResults"] if r["EvalDecision"] != "allowed"]
    except _skippable() as exc:
        return Check("role permissions", "warn",
                     f"could not simulate the role's policies ({_why(exc)}); skipped",
                     "allow yourself iam:SimulatePrincipalPolicy to have this checked")
    if denied:
        return Check("role permissions", "fail", "denied: " + "; ".join(denied),
                     _policy_fix(settings, role_arn))
    return Check("role permissions", "ok", "S3 prefix, logs, metrics and the image pull allowed")


def check_bucket(s3, settings: Settings) -> list[Check]:
    from botocore.exceptions import ClientError

    ctx = Context(bucket=settings.bucket, region=settings.region)
    if not settings.bucket:
        return [Check("bucket", "fail", "no bucket given",
                      f"aws s3 mb s3://my-drums-sagemaker --region {settings.region} && "
                      f"wavegan sagemaker configure --bucket my-drums-sagemaker")]
    try:
        s3.head_bucket(Bucket=settings.bucket)
        location = s3.get_bucket_location(Bucket=settings.bucket)["LocationConstraint"]
    except ClientError as exc:
        if _code(exc) in ("404", "NoSuchBucket"):
            return [Check("bucket", "fail", f"s3://{settings.bucket} does not exist",
                          f"aws s3 mb s3://{settings.bucket} --region {settings.region}")]
        if _code(exc) in ("403", "AccessDenied"):
            return [Check("bucket", "fail", "access denied", bucket_denied_message(ctx))]
        raise
    region = location or "us-east-1"
    checks = [Check("bucket", "ok", f"s3://{settings.bucket}")]
    if region != settings.region:
        checks.append(Check("bucket region", "fail",
                            f"bucket in {region}, jobs in {settings.region}",
                            f"pass --region {region} (or `wavegan sagemaker configure "
                            f"--region {region}`), or use a bucket in {settings.region}"))
    else:
        checks.append(Check("bucket region", "ok", region))
    key = f"{settings.prefix.strip('/')}/{PROBE_KEY}"
    try:
        s3.put_object(Bucket=settings.bucket, Key=key, Body=b"ok")
        s3.delete_object(Bucket=settings.bucket, Key=key)
    except ClientError as exc:
        checks.append(Check("bucket writable", "fail", f"cannot write {key} ({_code(exc)})",
                            bucket_denied_message(ctx)))
    else:
        checks.append(Check("bucket writable", "ok", f"wrote and removed s3://"
                                                     f"{settings.bucket}/{key}"))
    return checks


def check_quota(sq, instance_type: str, spot: bool, request: bool = False) -> Check:
    """Fail when the quota is 0; with ``request`` file the increase (or show the open one)."""
    from trainer.sagemaker import quotas

    name = quotas.quota_name(instance_type, spot)
    try:
        quota = quotas.find_quota(sq, instance_type, spot)
    except _skippable() as exc:
        return Check(f"quota {name}", "warn", f"cannot read quotas ({_why(exc)}); skipped",
                     "allow yourself servicequotas:ListServiceQuotas")
    if quota is None:
        return Check(f"quota {name}", "fail", "no such quota in this region",
                     "pick another --instance-type or --region")
    pending = quota.pending
    if request and quota.value < 1:
        pending = quotas.request_increase(sq, quota)
    status = f"; {quotas.describe_request(pending)}" if pending else ""
    if quota.value >= 1:
        return Check(f"quota {name}", "ok", f"{quota.value:g} instance(s){status}")
    spot_flag = " --spot" if spot else ""
    fix = ("wait for the request; rerun doctor to see its status" if pending else
           f"wavegan sagemaker doctor --instance-type {instance_type}{spot_flag} "
           f"--request-quota")
    return Check(f"quota {name}", "fail", f"0 instances{status}", fix)


def run_doctor(session, settings: Settings, *, spot: bool, request_quota: bool = False,
               clients: dict[str, Any] | None = None) -> list[Check]:
    """All checks in order; later checks are skipped when there are no credentials.
    ``clients`` may supply ready boto3 clients by service name (tests add hooks to them)."""
    clients = dict(clients or {})

    def client(name: str):
        if name not in clients:
            clients[name] = session.client(name, region_name=settings.region)
        return clients[name]

    creds, ident = check_credentials(client("sts"))
    checks = [creds, check_region(session, settings.region)]
    if not creds.ok:
        return checks
    checks += check_role(client("iam"), settings, ident.get("Account", ""))
    checks += check_bucket(client("s3"), settings)
    checks.append(check_quota(client("service-quotas"), settings.instance_type, False,
                              request_quota and not spot))
    if spot:
        checks.append(check_quota(client("service-quotas"), settings.instance_type, True,
                                  request_quota))
    return checks


def format_checks(checks: list[Check]) -> str:
    marks = {"ok": "ok  ", "warn": "warn", "fail": "FAIL"}
    lines = []
    for c in checks:
        lines.append(f"[{marks[c.status]}] {c.name}: {c.detail}")
        if c.status != "ok" and c.fix:
            lines += [f"       fix: {line}" if i == 0 else f"            {line}"
                      for i, line in enumerate(c.fix.splitlines())]
    return "\n".join(lines)
