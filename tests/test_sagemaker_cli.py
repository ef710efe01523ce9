"""The `wavegan sagemaker` console commands end to end against moto_server (real HTTP):
configure → launch (upload with progress, job, console link, cost, --wait) → status → stop."""

from __future__ import annotations

import os
import subprocess
import sys

import boto3
import pytest
import soundfile as sf

from tests.drums import groove
from tests.moto_server import make_role, moto_server

pytest.importorskip("sagemaker", reason="the [sagemaker] extra is installed by `make test`")

BUCKET = "cli-sagemaker"


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    with moto_server():
        boto3.client("s3").create_bucket(Bucket=BUCKET)
        role = make_role(boto3.client("iam"), "wavegan-exec", BUCKET)
        cfg = tmp_path_factory.mktemp("cfg") / "sagemaker.toml"
        yield {**os.environ, "WAVEGAN_SAGEMAKER_CONFIG": str(cfg), "COLUMNS": "120",
               "ROLE": role}


def wavegan(env, *args):
    return subprocess.run([sys.executable, "-m", "wavegan.cli", "sagemaker", *args], env=env,
                          capture_output=True, text=True, timeout=180)


def test_configure_launch_wait_status_stop(env, tmp_path):
    for i in range(2):
        audio, _ = groove(16000, 1.5, seed=i)
        sf.write(tmp_path / f"take{i}.wav", audio, 16000)
    saved = wavegan(env, "configure", "--bucket", BUCKET, "--role", env["ROLE"],
                    "--region", "us-east-1")
    assert saved.returncode == 0 and f"bucket = {BUCKET}" in saved.stdout
    args = ("launch", "--data", str(tmp_path), "--spot", "--max-run", "90m", "--max-wait", "3h",
            "--dim", "16", "--max-steps", "1000", "--hp", "preview_count=4", "--wait",
            "--poll", "0", "--previews-to", str(tmp_path / "previews"))
    first = wavegan(env, *args)
    assert first.returncode == 0, first.stderr[-3000:]
    out = first.stdout
    assert "data: 2 uploaded, 0 unchanged" in out
    job = next(x.split()[1] for x in out.splitlines() if x.startswith("job: "))
    assert (f"console: https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1"
            f"#/jobs/{job}") in out
    cost = next(x for x in out.splitlines() if x.startswith("cost: "))
    assert "ml.g5.xlarge" in cost and "spot" in cost and "1,000 steps" in cost
    assert "== status: Completed" in out          # --wait watched it (moto completes at once)
    desc = boto3.client("sagemaker").describe_training_job(TrainingJobName=job)
    assert desc["HyperParameters"]["dim"] == "16"
    assert desc["HyperParameters"]["preview_count"] == "4"
    assert desc["HyperParameters"]["max_time"] == "4800"   # --max-run 90m minus 10 min
    assert desc["StoppingCondition"] == {"MaxRuntimeInSeconds": 5400,
                                         "MaxWaitTimeInSeconds": 10800}
    assert desc["RoleArn"] == env["ROLE"]
    code = next(c for c in desc["InputDataConfig"] if c["ChannelName"] == "code")
    assert_bundle_uploaded(code["DataSource"]["S3DataSource"]["S3Uri"])
    again = wavegan(env, *args[:-5])  # no --wait
    assert again.returncode == 0 and "data: 0 uploaded, 2 unchanged" in again.stdout
    train = next(c for c in desc["InputDataConfig"] if c["ChannelName"] == "train")
    dataset = train["DataSource"]["S3DataSource"]["S3Uri"]
    assert dataset.startswith(f"s3://{BUCKET}/wavegan/data/") and f"-> {dataset}" in out
    listed = wavegan(env, "list")                 # bucket from the saved settings
    assert listed.returncode == 0, listed.stderr[-2000:]
    assert f"datasets in s3://{BUCKET}/wavegan/data/: 1" in listed.stdout
    line = next(x for x in listed.stdout.splitlines() if dataset.split("/")[-2] in x)
    size = sum(f.stat().st_size for f in tmp_path.glob("*.wav"))
    assert "2 files" in line and f"{size / 1000:.1f} KB" in line and f"from {tmp_path}" in line
    status = wavegan(env, "status", job)
    assert status.returncode == 0 and status.stdout.startswith(f"{job}: Completed")
    stop = wavegan(env, "stop", job)
    assert stop.returncode == 1 and "nothing to stop" in stop.stderr
    resumed = wavegan(env, "resume", job, "--max-steps", "2000", "--ema", "0.999")
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert f"resuming {job} from {desc['CheckpointConfig']['S3Uri']}" in resumed.stdout
    new = next(x.split()[1] for x in resumed.stdout.splitlines() if x.startswith("job: "))
    new_desc = boto3.client("sagemaker").describe_training_job(TrainingJobName=new)
    assert new_desc["CheckpointConfig"] == desc["CheckpointConfig"]
    assert new_desc["HyperParameters"]["max_steps"] == "2000"
    assert new_desc["HyperParameters"]["ema"] == "0.999"
    assert new_desc["HyperParameters"]["dim"] == "16"   # the rest is the old job's
    assert new_desc["HyperParameters"]["max_time"] == "4800"
    download_and_load(env, job, tmp_path)
    bad = wavegan(env, "launch", "--data", str(tmp_path), "--max-wait", "soon")
    assert bad.returncode == 2 and "expected e.g. 2d, 12h" in bad.stderr


def download_and_load(env, job: str, tmp_path, *args: str, region: str = "us-east-1") -> None:
    """Put a real checkpoint where the job's model.tar.gz goes, then `download` (with ``args``)
    must unpack a folder that loads."""
    import tarfile

    from tests.conftest import make_checkpoint
    from wavegan.checkpoint import load_checkpoint

    ckpt = make_checkpoint(tmp_path / "final", slice_len=16384, sample_rate=16000, dim=2)
    with tarfile.open(tmp_path / "model.tar.gz", "w:gz") as tar:
        for f in ckpt.iterdir():
            tar.add(f, arcname=f.name)
    uri = boto3.client("sagemaker", region_name=region).describe_training_job(
        TrainingJobName=job)["ModelArtifacts"]["S3ModelArtifacts"]
    bucket, _, key = uri[5:].partition("/")
    boto3.client("s3", region_name=region).upload_file(str(tmp_path / "model.tar.gz"), bucket,
                                                       key)
    out = wavegan(env, "download", job, "--to", str(tmp_path / "kit"), *args)
    assert out.returncode == 0, out.stderr[-2000:]
    assert f"checkpoint: {tmp_path / 'kit'}" in out.stdout and "wavegan serve" in out.stdout
    assert load_checkpoint(tmp_path / "kit").config.dim == 2


def assert_bundle_uploaded(uri: str) -> None:
    """The code channel holds our entry script, requirements (no TensorFlow) and packages."""
    import io
    import tarfile

    s3 = boto3.client("s3")
    bucket, _, prefix = uri[5:].partition("/")
    files: dict[str, bytes] = {}
    for obj in s3.list_objects_v2(Bucket=bucket, Prefix=prefix)["Contents"]:
        body = s3.get_object(Bucket=bucket, Key=obj["Key"])["Body"].read()
        if obj["Key"].endswith((".tar.gz", ".tgz")):
            with tarfile.open(fileobj=io.BytesIO(body)) as tar:
                files.update({m.name.lstrip("./"): tar.extractfile(m).read()
                              for m in tar.getmembers() if m.isfile()})
        else:
            files[obj["Key"][len(prefix):].lstrip("/")] = body
    assert b"from trainer.entry import main" in files["sagemaker_entry.py"]
    requirements = files["requirements.txt"].decode()
    assert "soundfile" in requirements and "tensorflow" not in requirements
    assert "trainer/entry.py" in files and "wavegan/models.py" in files
    assert not any("__pycache__" in f or f.startswith("tests/") or f.endswith(".wav")
                   for f in files), sorted(files)


def test_play_without_an_audio_device_keeps_watching(tmp_path):
    """In a subprocess whose JACK server does not exist (PortAudio must not open a JACK
    client inside the test process while the session's jackd runs), playing reports why it
    cannot and returns False instead of raising."""
    audio, _ = groove(16000, 0.5, seed=3)
    sf.write(tmp_path / "preview_00.wav", audio, 16000)
    code = ("import sys; from pathlib import Path; from trainer.sagemaker.watch import "
            "play_newest; said = []; ok = play_newest(Path(sys.argv[1]), said.append); "
            "print(ok); print(said[0])")
    env = {**os.environ, "JACK_DEFAULT_SERVER": "wg-no-such-server", "JACK_NO_START_SERVER": "1"}
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                         text=True, env=env, timeout=60)
    ok, said = out.stdout.splitlines()[-2:]
    assert ok == "False" and said.startswith("-- cannot play preview_00.wav"), out.stdout


def test_doctor_cli_passes_a_good_account_and_names_fixes(env):
    """Real calls to moto; its missing IAM simulation and quota APIs become warnings, not
    crashes."""
    good = wavegan(env, "doctor", "--bucket", BUCKET, "--role", env["ROLE"], "--region",
                   "us-east-1", "--spot")
    assert good.returncode == 0, good.stdout + good.stderr[-2000:]
    assert "[ok  ] role trust: sagemaker.amazonaws.com may assume it" in good.stdout
    assert "[ok  ] SDK role check: passes (11 account-wide actions simulated)" in good.stdout
    assert "[ok  ] bucket writable" in good.stdout and "ready to launch" in good.stdout
    assert "[warn] quota ml.g5.xlarge for spot training job usage" in good.stdout
    bad = wavegan(env, "doctor", "--bucket", "no-such-drums", "--role",
                  env["ROLE"].replace("wavegan-exec", "ghost"), "--region", "us-east-1")
    assert bad.returncode == 1 and "2 problem(s) to fix" in bad.stdout
    assert "fix: aws s3 mb s3://no-such-drums --region us-east-1" in bad.stdout
    assert "aws iam create-role --role-name ghost" in bad.stdout


def aws_home(tmp_path, env, **extra: str) -> dict[str, str]:
    """``env`` with no credentials in it and a private HOME / AWS config: only what the test
    writes into ``tmp_path/.aws`` exists."""
    aws = tmp_path / ".aws"
    (aws / "sso" / "cache").mkdir(parents=True, exist_ok=True)
    out = {k: v for k, v in env.items()
           if k not in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                        "AWS_PROFILE", "AWS_DEFAULT_PROFILE")}
    return {**out, "HOME": str(tmp_path), "AWS_CONFIG_FILE": str(aws / "config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(aws / "credentials"),
            "AWS_EC2_METADATA_DISABLED": "true", "AWS_MAX_ATTEMPTS": "1",
            "WAVEGAN_SAGEMAKER_CONFIG": str(tmp_path / "sagemaker.toml"), **extra}


def one_error_line(out: subprocess.CompletedProcess) -> str:
    """The run failed with exit code 1 and exactly one ``error:`` line, no traceback."""
    assert out.returncode == 1, (out.returncode, out.stdout, out.stderr[-2000:])
    assert "Traceback" not in out.stderr, out.stderr[-2000:]
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), out.stderr[-2000:]
    return lines[0]


def test_launch_uses_the_named_profile_for_the_job_too(env, tmp_path):
    """Credentials only in a named profile: upload and job creation both use --profile."""
    home = aws_home(tmp_path, env)
    (tmp_path / ".aws" / "credentials").write_text(
        "[drums]\naws_access_key_id = testing\naws_secret_access_key = testing\n")
    (tmp_path / ".aws" / "config").write_text("[profile drums]\nregion = us-east-1\n")
    audio, _ = groove(16000, 1.0, seed=5)
    (tmp_path / "data").mkdir()
    sf.write(tmp_path / "data" / "take.wav", audio, 16000)
    args = ("launch", "--data", str(tmp_path / "data"), "--bucket", BUCKET, "--role",
            env["ROLE"], "--region", "us-east-1", "--job-name", "wavegan-profile")
    without = wavegan(home, *args)   # the environment itself has no credentials
    assert "no AWS credentials found" in one_error_line(without)
    out = wavegan(home, *args, "--profile", "drums")
    assert out.returncode == 0, out.stderr[-3000:]
    job = next(x.split()[1] for x in out.stdout.splitlines() if x.startswith("job: "))
    desc = boto3.client("sagemaker").describe_training_job(TrainingJobName=job)
    assert desc["RoleArn"] == env["ROLE"] and job.startswith("wavegan-profile-")


def test_every_action_uses_the_named_profile_and_its_region(env, tmp_path):
    """Credentials and region only in a named profile of a temporary AWS config (eu-west-1,
    where the bucket is): every action works with the profile saved by `configure`, and with
    --profile; without it there are no credentials. A job found in eu-west-1 proves the
    profile's region was used too."""
    from tests.moto_server import make_role

    eu = "cli-sagemaker-eu"
    boto3.client("s3").create_bucket(Bucket=eu, CreateBucketConfiguration={
        "LocationConstraint": "eu-west-1"})
    role = make_role(boto3.client("iam"), "wavegan-eu", eu)
    home = {k: v for k, v in aws_home(tmp_path, env).items()
            if k not in ("AWS_REGION", "AWS_DEFAULT_REGION")}
    (tmp_path / ".aws" / "credentials").write_text(
        "[drums]\naws_access_key_id = testing\naws_secret_access_key = testing\n")
    (tmp_path / ".aws" / "config").write_text("[profile drums]\nregion = eu-west-1\n")
    (tmp_path / "data").mkdir()
    sf.write(tmp_path / "data" / "take.wav", groove(16000, 1.0, seed=6)[0], 16000)
    assert "no AWS credentials found" in one_error_line(wavegan(home, "list"))
    assert wavegan(home, "configure", "--profile", "drums", "--bucket", eu, "--role",
                   role).returncode == 0
    doctor = wavegan(home, "doctor")
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr[-2000:]
    assert "[ok  ] bucket region: eu-west-1" in doctor.stdout
    assert "[ok  ] SDK role check" in doctor.stdout
    launched = wavegan(home, "launch", "--data", str(tmp_path / "data"), "--job-name",
                       "wavegan-eu")
    assert launched.returncode == 0, launched.stderr[-3000:]
    assert "region=eu-west-1" in launched.stdout
    job = next(x.split()[1] for x in launched.stdout.splitlines() if x.startswith("job: "))
    assert boto3.client("sagemaker", region_name="eu-west-1").describe_training_job(
        TrainingJobName=job)["RoleArn"] == role
    results = {action: wavegan(home, *args) for action, args in (
        ("status", ("status", job)), ("watch", ("watch", job, "--poll", "0", "--previews-to",
                                               str(tmp_path / "previews"))),
        ("list", ("list",)), ("stop", ("stop", job)),
        ("resume", ("resume", job, "--max-steps", "5")),
        ("trust", ("policy", "--for", "trust")))}
    assert results["status"].stdout.startswith(f"{job}: Completed"), results["status"].stderr
    assert "== status: Completed" in results["watch"].stdout
    assert job in results["list"].stdout and f"s3://{eu}/wavegan/data/: 1" in results[
        "list"].stdout
    assert "nothing to stop" in one_error_line(results["stop"])   # found, in eu-west-1
    assert results["resume"].returncode == 0, results["resume"].stderr[-2000:]
    assert '"aws:SourceAccount": "123456789012"' in results["trust"].stdout
    download_and_load(home, job, tmp_path, region="eu-west-1")
    # the same with --profile and no saved settings
    flags = {**home, "WAVEGAN_SAGEMAKER_CONFIG": str(tmp_path / "empty.toml")}
    assert "no AWS credentials found" in one_error_line(wavegan(flags, "status", job))
    status = wavegan(flags, "status", job, "--profile", "drums")
    assert status.returncode == 0 and status.stdout.startswith(f"{job}: Completed")
    listed = wavegan(flags, "list", "--profile", "drums", "--bucket", eu)
    assert listed.returncode == 0 and job in listed.stdout and "1 files" in listed.stdout


SSO = """[profile legacy]
sso_start_url = https://example.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111111111111
sso_role_name = Dev
region = us-east-1

[profile modern]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = Dev
region = us-east-1

[sso-session corp]
sso_start_url = https://example.awsapps.com/start
sso_region = us-east-1
"""


def test_aws_setup_errors_are_one_line_with_the_fix(env, tmp_path):
    import hashlib
    import json

    home = aws_home(tmp_path, env)
    (tmp_path / ".aws" / "config").write_text(SSO)
    missing = one_error_line(wavegan(home, "doctor", "--profile", "nosuch", "--bucket", BUCKET))
    assert "AWS profile 'nosuch' not found" in missing and "--profile" in missing
    # expired SSO logins: a legacy profile (UnauthorizedSSOTokenError) and an sso-session one
    # (TokenRetrievalError), from botocore's real token cache
    for key in ("https://example.awsapps.com/start", "corp"):
        name = hashlib.sha1(key.encode()).hexdigest()
        (tmp_path / ".aws" / "sso" / "cache" / f"{name}.json").write_text(json.dumps({
            "startUrl": "https://example.awsapps.com/start", "region": "us-east-1",
            "accessToken": "expired", "expiresAt": "2020-01-01T00:00:00Z"}))
    for profile in ("legacy", "modern"):
        line = one_error_line(wavegan(home, "list", "--profile", profile))
        assert f"`aws sso login --profile {profile}`" in line, line
    typo = one_error_line(wavegan(env, "list", "--region", "us-eats-1"))
    assert "unknown AWS region 'us-eats-1'" in typo and "did you mean us-east-1" in typo
    import socket

    with socket.socket() as s:   # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}"
    offline = {**env, "AWS_ENDPOINT_URL": url, "AWS_MAX_ATTEMPTS": "1"}
    line = one_error_line(wavegan(offline, "status", "wavegan-x", "--region", "eu-west-1"))
    assert f"cannot reach AWS at {url}" in line and "check --region (eu-west-1)" in line


def test_a_region_without_the_tensorflow_image_is_a_user_error():
    """The SDK's own ValueError (its image table, offline) becomes a fixable message."""
    from trainer.sagemaker.launch import image_uri
    from wavegan.errors import UserError

    with pytest.raises(UserError, match="region 'xx-fake-1': the SageMaker SDK knows no "
                                        "TensorFlow 2.21 training image there"):
        image_uri("xx-fake-1", "ml.g5.xlarge")


def test_the_sdk_pin_is_the_lowest_that_knows_the_image():
    """pyproject's pin is launch's SDK_REQUIREMENT, and the installed SDK resolves the image."""
    import re
    from pathlib import Path

    from trainer.sagemaker.launch import SDK_REQUIREMENT, TF_VERSION, image_uri

    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text()
    pins = re.findall(r'^sagemaker = \["([^"]+)"\]', pyproject, re.M)
    assert pins == [SDK_REQUIREMENT] == ["sagemaker>=3.22,<4"]
    assert f"tensorflow-training:{TF_VERSION}" in image_uri("us-east-1", "ml.g5.xlarge")


def test_an_sdk_without_the_image_is_one_error_line(env, monkeypatch, capsys):
    """The SDK's own ValueError, as sagemaker-core 2.21 raises it (its image table lists no TF
    2.21: simulated by dropping 2.21 from the installed table), becomes one line with the
    upgrade command, in `wavegan sagemaker launch`."""
    from sagemaker.core import image_uris

    from wavegan.cli import main

    real = image_uris.config_for_framework

    def without_2_21(framework):
        config = real(framework)
        training = config["training"]
        training["versions"].pop("2.21.0", None)
        training.get("version_aliases", {}).pop("2.21", None)
        return config

    monkeypatch.setattr(image_uris, "config_for_framework", without_2_21)
    with pytest.raises(ValueError, match="Unsupported"):   # the SDK's own error, unwrapped
        image_uris.retrieve(framework="tensorflow", region="us-east-1", version="2.21",
                            py_version="py312", image_scope="training",
                            instance_type="ml.g5.xlarge")
    monkeypatch.setenv("WAVEGAN_SAGEMAKER_CONFIG", env["WAVEGAN_SAGEMAKER_CONFIG"])
    code = main(["sagemaker", "launch", "--data", f"s3://{BUCKET}/wavegan/data/x/", "--bucket",
                 BUCKET, "--role", env["ROLE"], "--region", "us-east-1"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: the installed SageMaker SDK (sagemaker ")
    assert "TensorFlow 2.21 training image: pip install -U 'sagemaker>=3.22,<4'" in lines[0]


def test_launch_on_several_multi_gpu_instances_and_resume_keeps_the_count(env):
    launched = wavegan(env, "launch", "--data", f"s3://{BUCKET}/wavegan/data/x/", "--bucket",
                       BUCKET, "--role", env["ROLE"], "--region", "us-east-1",
                       "--instance-type", "ml.g5.12xlarge", "--instance-count", "2",
                       "--dim", "32")
    assert launched.returncode == 0, launched.stderr[-3000:]
    cost = next(x for x in launched.stdout.splitlines() if x.startswith("cost: "))
    assert "2x ml.g5.12xlarge = 8 GPUs" in cost and "global batch 512 (64 per GPU)" in cost
    assert "assumed 80% scaling" in cost
    job = next(x.split()[1] for x in launched.stdout.splitlines() if x.startswith("job: "))
    sm = boto3.client("sagemaker")
    resources = sm.describe_training_job(TrainingJobName=job)["ResourceConfig"]
    assert (resources["InstanceType"], resources["InstanceCount"]) == ("ml.g5.12xlarge", 2)
    resumed = wavegan(env, "resume", job, "--region", "us-east-1")
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    new = next(x.split()[1] for x in resumed.stdout.splitlines() if x.startswith("job: "))
    assert sm.describe_training_job(TrainingJobName=new)["ResourceConfig"]["InstanceCount"] == 2
    assert "2x ml.g5.12xlarge = 8 GPUs" in resumed.stdout
    zero = wavegan(env, "launch", "--data", f"s3://{BUCKET}/wavegan/data/x/", "--bucket",
                   BUCKET, "--role", env["ROLE"], "--instance-count", "0")
    assert zero.returncode != 0 and "--instance-count 0: at least 1" in zero.stderr
