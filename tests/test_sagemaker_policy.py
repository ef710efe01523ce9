"""The execution role's policy against the installed SageMaker SDK's own training role check.

The policy document is compared with the SDK's lists (``_get_smoke_test_actions("training")``,
``IAM_POLICY_CONFIG["training"]``); then ``ModelTrainer`` runs its real check against moto, whose
missing ``iam:SimulatePrincipalPolicy`` is answered from the role's stored policies
(``tests/moto_server.py``), so a policy that lacks an action fails the launch."""

from __future__ import annotations

import copy
import os

import boto3
import pytest

from tests.moto_server import make_role, moto_server, simulate
from trainer.sagemaker import doctor
from trainer.sagemaker.errors import RoleRefused
from trainer.sagemaker.launch import LaunchOptions, launch
from trainer.sagemaker.policy import (
    SDK_POLICIES_GRANTED,
    SDK_POLICIES_NOT_NEEDED,
    execution_policy,
    trust_policy,
)
from trainer.sagemaker.settings import Settings

pytest.importorskip("sagemaker", reason="the [sagemaker] extra is installed by `make test`")
from sagemaker.core.helper.iam_policies import IAM_POLICY_CONFIG  # noqa: E402
from sagemaker.core.helper.iam_role_resolver import _get_smoke_test_actions  # noqa: E402

BUCKET = "policy-sagemaker"
EC2 = "ec2:DescribeVpcs"


def _statements(doc):
    return [st for st in doc["Statement"]]


def test_unscoped_actions_are_exactly_what_the_sdk_simulates_without_conditions():
    ours = execution_policy(BUCKET, "wavegan")
    unscoped = [st for st in _statements(ours) if st["Resource"] == "*"]
    assert all("Condition" not in st for st in unscoped)
    granted = {a for st in unscoped for a in st["Action"]}
    assert granted == set(_get_smoke_test_actions("training"))
    # no statement is unscoped with a condition, none scoped is a wildcard in disguise
    assert all(st["Resource"] != "*" for st in _statements(ours) if "Condition" in st)
    assert simulate([ours], "cloudwatch:PutMetricData") == "allowed"   # no context needed


def test_every_sdk_training_policy_is_granted_or_knowingly_left_out():
    sdk = IAM_POLICY_CONFIG["training"]["policies"]
    assert not set(SDK_POLICIES_GRANTED) & set(SDK_POLICIES_NOT_NEEDED)
    assert set(sdk) == set(SDK_POLICIES_GRANTED) | set(SDK_POLICIES_NOT_NEEDED), (
        "the SDK's training role changed: decide for each new policy in policy.py")
    ours = [execution_policy(BUCKET, "wavegan")]
    for name in SDK_POLICIES_GRANTED:
        for st in sdk[name]["Statement"]:
            for action in st["Action"]:
                if st["Resource"] == "S3_PLACEHOLDER":
                    targets = [f"arn:aws:s3:::{BUCKET}", f"arn:aws:s3:::{BUCKET}/wavegan/x.wav"]
                else:
                    targets = [st["Resource"].replace("*", "x") if st["Resource"] != "*"
                               else "*"]
                assert any(simulate(ours, action, t) == "allowed" for t in targets), (
                    name, action, targets)


def test_data_stays_scoped_to_the_bucket_prefix_and_the_trust_to_the_account():
    ours = [execution_policy(BUCKET, "wavegan")]
    assert simulate(ours, "s3:GetObject", f"arn:aws:s3:::{BUCKET}/wavegan/data/a.wav") == "allowed"
    assert simulate(ours, "s3:GetObject", f"arn:aws:s3:::{BUCKET}/other/a.wav") == "implicitDeny"
    assert simulate(ours, "s3:GetObject", "arn:aws:s3:::someone-else/wavegan/a") == "implicitDeny"
    assert simulate(ours, "s3:GetObject") == "implicitDeny"
    trust = trust_policy("123456789012")["Statement"][0]
    assert trust["Principal"] == {"Service": "sagemaker.amazonaws.com"}
    assert trust["Condition"] == {"StringEquals": {"aws:SourceAccount": "123456789012"}}
    sdk_trust = IAM_POLICY_CONFIG["training"]["trust_policy"]["Statement"][0]
    assert trust["Principal"] == sdk_trust["Principal"] and set(trust["Condition"][
        "StringEquals"]) == set(sdk_trust["Condition"]["StringEquals"])


def _without(doc: dict, action: str) -> dict:
    doc = copy.deepcopy(doc)
    for st in doc["Statement"]:
        st["Action"] = [a for a in st["Action"] if a != action]
    return doc


def _with_metrics_condition(doc: dict) -> dict:
    """The policy before issue 22: PutMetricData granted only for one namespace."""
    doc = _without(doc, "cloudwatch:PutMetricData")
    doc["Statement"].append({"Effect": "Allow", "Action": ["cloudwatch:PutMetricData"],
                             "Resource": "*", "Condition": {"StringEquals": {
                                 "cloudwatch:namespace": "/aws/sagemaker/TrainingJobs"}}})
    return doc


@pytest.fixture(scope="module")
def roles():
    assert "SAGEMAKER_VALIDATE_ROLE" not in os.environ
    with moto_server():
        boto3.client("s3").create_bucket(Bucket=BUCKET)
        iam = boto3.client("iam")
        good = execution_policy(BUCKET, "wavegan")
        yield {"inline": make_role(iam, "inline", BUCKET),
               "attached": make_role(iam, "attached", BUCKET, attached=True),
               "no-ec2": make_role(iam, "no-ec2", BUCKET, policy=_without(good, EC2)),
               "conditional": make_role(iam, "conditional", BUCKET,
                                        policy=_with_metrics_condition(good)),
               "denied": make_role(iam, "denied", BUCKET, policy={
                   **good, "Statement": good["Statement"] + [
                       {"Effect": "Deny", "Action": "ec2:*", "Resource": "*"}]})}


def _launch(role: str) -> str:
    return launch(LaunchOptions(data_s3=f"s3://{BUCKET}/wavegan/data/x/", bucket=BUCKET,
                                role=role, job_name="wavegan-policy"))


@pytest.mark.parametrize("kind", ["inline", "attached"])
def test_the_sdks_own_role_check_passes_our_policy(roles, kind):
    name = _launch(roles[kind])
    desc = boto3.client("sagemaker").describe_training_job(TrainingJobName=name)
    assert desc["RoleArn"] == roles[kind]


@pytest.mark.parametrize("kind, denied", [("no-ec2", [EC2]),
                                          ("conditional", ["cloudwatch:PutMetricData"]),
                                          ("denied", ["ec2:CreateNetworkInterface", EC2])])
def test_the_sdks_own_role_check_refuses_a_role_missing_an_action(roles, kind, denied):
    from sagemaker.core.helper.iam_role_resolver import RoleValidationError

    before = len(boto3.client("sagemaker").list_training_jobs()["TrainingJobSummaries"])
    with pytest.raises(RoleRefused) as refused:
        _launch(roles[kind])
    assert isinstance(refused.value.__cause__, RoleValidationError)
    text = str(refused.value)
    assert "\n" not in text and all(a in text for a in denied), text
    assert f"policy --bucket {BUCKET}" in text
    after = len(boto3.client("sagemaker").list_training_jobs()["TrainingJobSummaries"])
    assert after == before   # refused before any job was created


def test_doctor_reports_the_sdks_verdict_with_the_denied_actions(roles):
    iam = boto3.client("iam")
    settings = Settings(region="us-east-1", bucket=BUCKET)
    good = {c.name: c for c in doctor.check_role(iam, Settings(
        region="us-east-1", bucket=BUCKET, role=roles["inline"]))}
    assert good["SDK role check"].status == "ok", good
    assert good["role permissions"].status == "ok", good
    bad = {c.name: c for c in doctor.check_role(iam, Settings(
        region="us-east-1", bucket=BUCKET, role=roles["conditional"]))}
    sdk = bad["SDK role check"]
    assert sdk.status == "fail" and "RoleValidationError" in sdk.detail
    assert "cloudwatch:PutMetricData" in sdk.detail and "put-role-policy --role-name " \
        "conditional" in sdk.fix
    no_ec2 = doctor.check_sdk_role(iam, roles["no-ec2"], settings)
    assert no_ec2.status == "fail" and no_ec2.detail.endswith(EC2)
