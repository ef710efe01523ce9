"""A real HTTP AWS endpoint for tests: ``moto_server`` on 127.0.0.1 and a free port.

Moto does not implement ``iam:SimulatePrincipalPolicy``, which the SageMaker SDK's role check
(run by ``ModelTrainer`` before every launch) and ``doctor`` call. Inside :func:`moto_server`
every botocore IAM client — in this process and in ``wavegan`` subprocesses, including the ones
the SDK creates itself — answers it by evaluating the role's inline and attached policies as
stored in moto (:func:`simulate`): botocore's client plugin hook
(``BOTOCORE_EXPERIMENTAL__PLUGINS``) calls :func:`initialize_client_plugin` on each new client.
The same hook adds the training/billable times moto never reports, when a test asks for them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def moto_server():
    """Start moto_server, point boto3 at it (env), yield the endpoint URL, stop it after."""
    port = _free_port()
    exe = shutil.which("moto_server") or os.path.join(os.path.dirname(sys.executable),
                                                      "moto_server")
    proc = subprocess.Popen([exe, "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/moto-api/", timeout=1)
            break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("moto_server did not start") from None
            time.sleep(0.2)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = {"AWS_ENDPOINT_URL": url, "AWS_ACCESS_KEY_ID": "testing",
           "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1",
           "AWS_REGION": "us-east-1", "BOTOCORE_EXPERIMENTAL__PLUGINS": PLUGIN,
           "PYTHONPATH": os.pathsep.join(filter(None, (root, os.environ.get("PYTHONPATH"))))}
    saved = {k: os.environ.get(k) for k in (*env, "SAGEMAKER_VALIDATE_ROLE")}
    os.environ.pop("SAGEMAKER_VALIDATE_ROLE", None)   # the SDK's role check always runs
    os.environ.update(env)
    try:
        yield url
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        proc.terminate()
        proc.wait(10)


SAGEMAKER_TRUST = {"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"},
    "Action": "sts:AssumeRole"}]}
PLUGIN = "iam_simulation=tests.moto_server"


def make_role(iam, name: str, bucket: str, prefix: str = "wavegan", *,
              policy: dict | None = None, trust: dict | None = None,
              attached: bool = False) -> str:
    """Create an execution role with ``policy`` (default: ``wavegan sagemaker policy``'s for
    the bucket/prefix) inline, or as a managed policy when ``attached``; return its ARN."""
    from trainer.sagemaker.policy import execution_policy

    doc = json.dumps(policy if policy is not None else execution_policy(bucket, prefix))
    arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(
        trust or SAGEMAKER_TRUST))["Role"]["Arn"]
    if attached:
        managed = iam.create_policy(PolicyName=f"{name}-policy", PolicyDocument=doc)
        iam.attach_role_policy(RoleName=name, PolicyArn=managed["Policy"]["Arn"])
    else:
        iam.put_role_policy(RoleName=name, PolicyName="wavegan", PolicyDocument=doc)
    return arn


# -- iam:SimulatePrincipalPolicy, evaluated from the role's stored policies ------------------
def _listed(value) -> list:
    return [] if value is None else [value] if isinstance(value, (str, dict)) else list(value)


def _glob(pattern: str, value: str, fold: bool = False) -> bool:
    """IAM's wildcard match: ``*`` any run, ``?`` one character."""
    rx = re.escape(pattern).replace(r"\*", ".*").replace(r"\?", ".")
    return re.fullmatch(rx, value, re.IGNORECASE if fold else 0) is not None


def _covers(st: dict, key: str, value: str, fold: bool = False) -> bool:
    if key in st:
        return any(_glob(p, value, fold) for p in _listed(st[key]))
    return not any(_glob(p, value, fold) for p in _listed(st.get("Not" + key)))


def _condition_holds(condition: dict | None, context: dict[str, list[str]]) -> bool:
    """String/Arn Equals/Like (and their IfExists forms); any other operator, or a key the
    request does not carry, fails — as in IAM's simulator without context entries."""
    for operator, tests in (condition or {}).items():
        if_exists = operator.endswith("IfExists")
        op = operator.removesuffix("IfExists")
        if op not in ("StringEquals", "StringLike", "ArnEquals", "ArnLike"):
            return False
        for key, wanted in tests.items():
            given = context.get(key.lower())
            if given is None:
                if not if_exists:
                    return False
                continue
            like = op.endswith("Like")
            if not any((_glob(w, g) if like else w == g)
                       for w in _listed(wanted) for g in given):
                return False
    return True


def simulate(documents: list[dict], action: str, resource: str = "*",
             context: dict[str, list[str]] | None = None) -> str:
    """``allowed``, ``explicitDeny`` or ``implicitDeny`` for one action on one resource."""
    decision = "implicitDeny"
    for doc in documents:
        for st in _listed(doc.get("Statement")):
            if (_covers(st, "Action", action, fold=True) and _covers(st, "Resource", resource)
                    and _condition_holds(st.get("Condition"), context or {})):
                if st.get("Effect") == "Deny":
                    return "explicitDeny"
                decision = "allowed"
    return decision


def _document(doc) -> dict:
    import urllib.parse

    return json.loads(urllib.parse.unquote(doc)) if isinstance(doc, str) else doc


def role_documents(iam, role_arn: str) -> list[dict]:
    """The role's inline and attached (default version) policy documents, from moto."""
    name = role_arn.rsplit("/", 1)[-1]
    docs = [_document(iam.get_role_policy(RoleName=name, PolicyName=p)["PolicyDocument"])
            for p in iam.list_role_policies(RoleName=name)["PolicyNames"]]
    for att in iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]:
        version = iam.get_policy(PolicyArn=att["PolicyArn"])["Policy"]["DefaultVersionId"]
        docs.append(_document(iam.get_policy_version(
            PolicyArn=att["PolicyArn"], VersionId=version)["PolicyVersion"]["Document"]))
    return docs


TIMES_ENV = "WAVEGAN_TEST_TRAINING_TIMES"   # "training,billable" seconds moto never reports


def _add_training_times(client) -> None:
    """DescribeTrainingJob answers carry TrainingTimeInSeconds / BillableTimeInSeconds from
    ``$WAVEGAN_TEST_TRAINING_TIMES`` (what AWS reports once a job has run)."""
    if not os.environ.get(TIMES_ENV):
        return
    training, billable = (int(x) for x in os.environ[TIMES_ENV].split(","))

    def add(parsed, **_):
        if "TrainingJobName" in parsed:
            parsed.setdefault("TrainingTimeInSeconds", training)
            parsed.setdefault("BillableTimeInSeconds", billable)

    client.meta.events.register("after-call.sagemaker.DescribeTrainingJob", add)


def initialize_client_plugin(client) -> None:
    """botocore client plugin: an IAM client answers SimulatePrincipalPolicy itself; a SageMaker
    client adds the training times moto leaves out when asked to."""
    if client.meta.service_model.service_name == "sagemaker":
        _add_training_times(client)
    if client.meta.service_model.service_name != "iam":
        return
    from botocore.awsrequest import AWSResponse
    from botocore.exceptions import ClientError

    def keep_params(params, context, **_):
        context["simulate"] = dict(params)

    def answer_simulation(context, **_):
        params = context["simulate"]
        entries = {e["ContextKeyName"].lower(): e["ContextKeyValues"]
                   for e in params.get("ContextEntries", [])}
        try:
            docs = role_documents(client, params["PolicySourceArn"])
        except ClientError as exc:
            return AWSResponse("https://stub.invalid/", 404, {}, None), exc.response
        results = [{"EvalActionName": a, "EvalResourceName": r,
                    "EvalDecision": simulate(docs, a, r, entries)}
                   for a in params["ActionNames"] for r in params.get("ResourceArns") or ["*"]]
        return (AWSResponse("https://stub.invalid/", 200, {}, None),
                {"EvaluationResults": results, "IsTruncated": False})

    client.meta.events.register("before-parameter-build.iam.SimulatePrincipalPolicy",
                                keep_params)
    client.meta.events.register("before-call.iam.SimulatePrincipalPolicy", answer_simulation)


def answer(target, operation: str, parsed: dict, status: int = 200, service: str = "") -> None:
    """Make a client (or every client a boto3 Session creates later for ``service``) answer
    ``operation`` with ``parsed`` instead of sending it — a botocore ``before-call`` hook, for
    APIs moto lacks; status >= 300 raises the ClientError AWS would."""
    from botocore.awsrequest import AWSResponse

    if hasattr(target, "meta"):
        events, service = target.meta.events, target.meta.service_model.service_id.hyphenize()
    else:
        events = target.events

    def hook(**_):
        return AWSResponse("https://stub.invalid/", status, {}, None), parsed

    events.register(f"before-call.{service}.{operation}", hook)


def error(code: str, message: str) -> dict:
    return {"Error": {"Code": code, "Message": message}, "ResponseMetadata": {}}
