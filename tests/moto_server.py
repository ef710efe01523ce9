"""A real HTTP AWS endpoint for tests: ``moto_server`` on 127.0.0.1 and a free port."""

from __future__ import annotations

import os
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
    env = {"AWS_ENDPOINT_URL": url, "AWS_ACCESS_KEY_ID": "testing",
           "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1",
           "AWS_REGION": "us-east-1", "SAGEMAKER_VALIDATE_ROLE": "false"}
    saved = {k: os.environ.get(k) for k in env}
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
