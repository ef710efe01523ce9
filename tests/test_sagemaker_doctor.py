"""`wavegan sagemaker doctor`, settings and policy against moto_server over real HTTP.

Moto lacks SimulatePrincipalPolicy and SageMaker quotas: the simulation is evaluated from the
role's stored policies (``tests/moto_server.py``), quotas come from a botocore Stubber on the same
real clients."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from types import SimpleNamespace

import boto3
import pytest
from botocore.stub import Stubber

from tests.moto_server import SAGEMAKER_TRUST, make_role, moto_server
from trainer.sagemaker import doctor, quotas
from trainer.sagemaker.policy import execution_policy
from trainer.sagemaker.settings import Settings, resolve, save_file

BUCKET = "drums-sagemaker-doc"


@pytest.fixture(scope="module")
def aws():
    with moto_server():
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket=BUCKET)
        s3.create_bucket(Bucket="drums-eu", CreateBucketConfiguration={
            "LocationConstraint": "eu-west-1"})
        iam = boto3.client("iam")
        good = make_role(iam, "wavegan-exec", BUCKET)
        ec2_trust = json.loads(json.dumps(SAGEMAKER_TRUST).replace("sagemaker", "ec2"))
        bad = make_role(iam, "ec2-only", BUCKET, trust=ec2_trust)
        policy = execution_policy(BUCKET)
        for st in policy["Statement"]:
            st["Action"] = [a for a in st["Action"] if a != "s3:PutObject"]
        no_put = make_role(iam, "no-put", BUCKET, policy=policy)
        yield SimpleNamespace(good=good, bad=bad, no_put=no_put)


def quota_client(value: float, history: list | None = None, expect_request: bool = False):
    sq = boto3.client("service-quotas")
    stub = Stubber(sq)
    name = quotas.quota_name("ml.g5.xlarge", True)
    stub.add_response("list_service_quotas", {"Quotas": [
        {"QuotaName": quotas.quota_name("ml.g5.xlarge", False), "QuotaCode": "L-OD", "Value": 4},
        {"QuotaName": name, "QuotaCode": "L-SPOT", "Value": value}]},
        {"ServiceCode": "sagemaker"})
    stub.add_response("list_requested_service_quota_change_history_by_quota",
                      {"RequestedQuotas": history or []},
                      {"ServiceCode": "sagemaker", "QuotaCode": "L-SPOT"})
    if expect_request:
        stub.add_response("request_service_quota_increase", {"RequestedQuota": {
            "Id": "req-1", "Status": "PENDING", "DesiredValue": 1.0, "QuotaName": name}},
            {"ServiceCode": "sagemaker", "QuotaCode": "L-SPOT", "DesiredValue": 1.0})
    stub.activate()
    return sq, stub


def by_name(checks):
    return {c.name: c for c in checks}


def test_role_trust_permissions_and_bucket(aws):
    settings = Settings(region="us-east-1", role=aws.good, bucket=BUCKET)
    iam = boto3.client("iam")
    checks = by_name(doctor.check_role(iam, settings)
                     + doctor.check_bucket(boto3.client("s3"), settings))
    assert [c.status for c in checks.values()] == ["ok"] * 7, checks
    assert "wavegan-doctor" in checks["bucket writable"].detail
    settings.role = aws.no_put
    denied = by_name(doctor.check_role(iam, settings))
    assert denied["role permissions"].status == "fail"
    assert denied["role permissions"].detail == (
        f"denied: s3:PutObject on arn:aws:s3:::{BUCKET}/wavegan/data/probe.wav")
    assert "put-role-policy --role-name no-put" in denied["role permissions"].fix
    assert denied["SDK role check"].status == "ok"   # the SDK checks only account-wide ones


def test_untrusted_missing_role_and_bad_buckets(aws):
    s3 = boto3.client("s3")
    iam = boto3.client("iam")
    untrusted = by_name(doctor.check_role(iam, Settings(role=aws.bad, bucket=BUCKET)))
    assert untrusted["role trust"].status == "fail"
    assert "update-assume-role-policy --role-name ec2-only" in untrusted["role trust"].fix
    missing = doctor.check_role(iam, Settings(
        role=aws.good.replace("wavegan-exec", "nobody"), bucket=BUCKET))
    assert missing[0].status == "fail" and "aws iam create-role --role-name nobody" in missing[
        0].fix
    gone = doctor.check_bucket(s3, Settings(region="us-east-1", bucket="no-such-bucket"))
    assert gone[0].status == "fail" and gone[0].fix == (
        "aws s3 mb s3://no-such-bucket --region us-east-1")
    eu = by_name(doctor.check_bucket(s3, Settings(region="us-east-1", bucket="drums-eu")))
    assert eu["bucket region"].status == "fail" and "--region eu-west-1" in eu[
        "bucket region"].fix


def test_quota_zero_fails_then_request_is_filed_and_shown():
    sq, stub = quota_client(0)
    check = doctor.check_quota(sq, "ml.g5.xlarge", spot=True)
    stub.assert_no_pending_responses()
    assert check.status == "fail" and check.name.endswith("for spot training job usage")
    assert check.fix == "wavegan sagemaker doctor --instance-type ml.g5.xlarge --spot " \
                        "--request-quota"
    sq, stub = quota_client(0, expect_request=True)
    filed = doctor.check_quota(sq, "ml.g5.xlarge", spot=True, request=True)
    stub.assert_no_pending_responses()
    assert "requested" in filed.detail and "PENDING" in filed.detail
    open_request = [{"Status": "CASE_OPENED", "DesiredValue": 1.0, "Created": "2026-11-24",
                     "CaseId": "c-42"}]
    sq, stub = quota_client(0, history=open_request)   # no second request is filed
    later = doctor.check_quota(sq, "ml.g5.xlarge", spot=True, request=True)
    stub.assert_no_pending_responses()
    assert "CASE_OPENED" in later.detail and "c-42" in later.detail
    assert later.fix.startswith("wait for the request")
    sq, _ = quota_client(2)
    assert doctor.check_quota(sq, "ml.g5.xlarge", spot=True).status == "ok"


def test_run_doctor_end_to_end(aws):
    settings = Settings(region="us-east-1", role=aws.good, bucket=BUCKET)
    sq = boto3.client("service-quotas")
    stub = Stubber(sq)
    listing = {"Quotas": [{"QuotaName": quotas.quota_name("ml.g5.xlarge", spot), "Value": v,
                           "QuotaCode": code} for spot, v, code in ((False, 4, "L-OD"),
                                                                    (True, 0, "L-SPOT"))]}
    for code in ("L-OD", "L-SPOT"):
        stub.add_response("list_service_quotas", listing)
        stub.add_response("list_requested_service_quota_change_history_by_quota",
                          {"RequestedQuotas": []}, {"ServiceCode": "sagemaker", "QuotaCode": code})
    stub.activate()
    checks = doctor.run_doctor(boto3.Session(), settings, spot=True, clients={
        "service-quotas": sq})
    names = [c.name for c in checks]
    assert names[:2] == ["credentials", "region"] and "123456789012" in checks[0].detail
    report = doctor.format_checks(checks)
    assert "[FAIL] quota ml.g5.xlarge for spot training job usage" in report
    assert "[ok  ] quota ml.g5.xlarge for training job usage: 4 instance(s)" in report


def _cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "wavegan.cli", "sagemaker", *args],
                          capture_output=True, text=True, env=env, timeout=120)


def test_cli_without_credentials_says_how_to_get_them(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "none"),
               AWS_CONFIG_FILE=str(tmp_path / "none"), AWS_EC2_METADATA_DISABLED="true",
               WAVEGAN_SAGEMAKER_CONFIG=str(tmp_path / "sm.toml"))
    out = _cli("doctor", "--region", "us-east-1", env=env)
    assert out.returncode == 1
    assert "[FAIL] credentials" in out.stdout and "aws configure" in out.stdout
    listed = _cli("list", "--region", "us-east-1", env=env)
    assert listed.returncode == 1 and "no AWS credentials found" in listed.stderr


def test_settings_precedence_and_policy_cli(tmp_path, monkeypatch):
    path = tmp_path / "sagemaker.toml"
    monkeypatch.setenv("WAVEGAN_SAGEMAKER_CONFIG", str(path))
    monkeypatch.setenv("AWS_REGION", "eu-central-1")
    args = SimpleNamespace(bucket=None, role=None, region=None, prefix=None, profile=None)
    assert resolve(args).region == "eu-central-1"           # environment
    save_file({"bucket": "saved-sagemaker", "region": "us-west-2"})
    assert (resolve(args).bucket, resolve(args).region) == ("saved-sagemaker", "us-west-2")
    args.bucket = "flag-bucket"                               # flag beats the file
    assert resolve(args).bucket == "flag-bucket" and resolve(args).prefix == "wavegan"
    with pytest.raises(Exception, match="--role .*configure"):
        resolve(args).need("role")
    env = {**os.environ, "WAVEGAN_SAGEMAKER_CONFIG": str(path)}
    role = _cli("policy", env=env)                            # bucket from the saved file
    doc = json.loads(role.stdout)
    assert "arn:aws:s3:::saved-sagemaker/wavegan/*" in json.dumps(doc)
    user = json.loads(_cli("policy", "--for", "user", "--role", "arn:aws:iam::1:role/r",
                           env=env).stdout)
    pass_role = next(s for s in user["Statement"] if "iam:PassRole" in s["Action"])
    assert pass_role["Resource"] == "arn:aws:iam::1:role/r"
    trust = json.loads(_cli("policy", "--for", "trust", "--account", "111122223333",
                            env=env).stdout)
    assert trust["Statement"][0]["Condition"] == {
        "StringEquals": {"aws:SourceAccount": "111122223333"}}
    for d in (doc, user):
        assert "FullAccess" not in json.dumps(d)
        assert not any(a.endswith(":*") or a == "*" for s in d["Statement"] for a in s["Action"])
