"""Account settings for ``wavegan sagemaker``: flags > saved file > the usual AWS environment.

``wavegan sagemaker configure --bucket B --role ARN [--region R] [--prefix P] [--profile NAME]``
saves them to ``~/.config/wavegan/sagemaker.toml`` (``$XDG_CONFIG_HOME`` honoured;
``$WAVEGAN_SAGEMAKER_CONFIG`` names another file). Credentials are never stored: boto3's
credential chain (``AWS_PROFILE``, environment keys, SSO, instance roles) and
``AWS_ENDPOINT_URL`` apply unchanged.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from wavegan.errors import UserError

DEFAULT_REGION = "us-east-1"
DEFAULT_PREFIX = "wavegan"
DEFAULT_INSTANCE = "ml.g5.xlarge"


@dataclass
class Settings:
    """Where jobs run and keep their files. Empty strings mean "not set"."""

    region: str = ""
    role: str = ""
    bucket: str = ""
    prefix: str = DEFAULT_PREFIX
    instance_type: str = DEFAULT_INSTANCE
    profile: str = ""

    def need(self, *names: str) -> None:
        """Raise a UserError naming the flag / configure call for each missing setting."""
        missing = [n for n in names if not getattr(self, n)]
        if missing:
            flags = " ".join(f"--{n.replace('_', '-')} …" for n in missing)
            raise UserError(f"missing {', '.join(missing)}: pass {flags} or save them once "
                            f"with `wavegan sagemaker configure {flags}`")

    def session(self):
        """A boto3 session on the configured profile and region (credential chain unchanged)."""
        import boto3

        return boto3.Session(profile_name=self.profile or None, region_name=self.region)


def config_path() -> Path:
    if os.environ.get("WAVEGAN_SAGEMAKER_CONFIG"):
        return Path(os.environ["WAVEGAN_SAGEMAKER_CONFIG"])
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "wavegan" / "sagemaker.toml"


def load_file(path: Path | None = None) -> dict[str, str]:
    path = path or config_path()
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{path}: not valid TOML ({exc}); fix or delete it") from exc
    known = {f.name for f in dataclasses.fields(Settings)}
    return {k: str(v) for k, v in data.items() if k in known}


def save_file(values: dict[str, str], path: Path | None = None) -> Path:
    """Merge ``values`` into the saved file (atomic replace) and return its path."""
    path = path or config_path()
    merged = {**load_file(path), **{k: v for k, v in values.items() if v}}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    body = "".join(f'{k} = "{_toml_escape(v)}"\n' for k, v in sorted(merged.items()))
    tmp.write_text("# wavegan sagemaker configure\n" + body)
    os.replace(tmp, path)
    return path


def _toml_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def env_region(profile: str = "") -> str:
    """The region the AWS environment would use: env vars, then the config of ``profile``
    (else ``$AWS_PROFILE`` / default)."""
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
    if region:
        return region
    try:
        import boto3

        name = profile or os.environ.get("AWS_PROFILE") or None
        return boto3.Session(profile_name=name).region_name or ""
    except Exception:  # noqa: BLE001 - a broken profile is reported by doctor, not here
        return ""


def check_region(region: str) -> None:
    """A UserError (with the nearest names) unless botocore's endpoint data, which works
    offline, lists ``region`` for SageMaker in some partition."""
    import difflib

    import botocore.session

    session = botocore.session.get_session()
    known = {r for p in session.get_available_partitions()
             for r in session.get_available_regions("sagemaker", partition_name=p)}
    if not known or region in known:
        return
    near = difflib.get_close_matches(region, sorted(known), n=3)
    hint = f"did you mean {' or '.join(near)}? " if near else ""
    raise UserError(f"unknown AWS region {region!r} for SageMaker: {hint}check --region / "
                    f"AWS_REGION / the saved setting (a brand-new region needs a newer boto3: "
                    f"pip install -U boto3)")


def resolve(args: argparse.Namespace, path: Path | None = None) -> Settings:
    """Flags (attributes that are not None) > saved file > AWS environment > defaults."""
    saved = load_file(path)
    values: dict[str, str] = {}
    for f in dataclasses.fields(Settings):
        flag = getattr(args, f.name, None)
        if flag not in (None, ""):
            values[f.name] = str(flag)
        elif saved.get(f.name):
            values[f.name] = saved[f.name]
    settings = Settings(**values)
    if not settings.region:
        settings.region = env_region(settings.profile) or DEFAULT_REGION
    return settings


def add_account_flags(parser: argparse.ArgumentParser, *, bucket: bool = True,
                      role: bool = False) -> None:
    """``--region --profile`` (and ``--bucket --prefix``, ``--role``), all defaulting to None so
    the saved file and the environment can fill them in."""
    parser.add_argument("--region", default=None,
                        help="AWS region (default: saved, else $AWS_REGION / the profile's, "
                             "else us-east-1)")
    parser.add_argument("--profile", default=None,
                        help="AWS named profile (default: saved, else $AWS_PROFILE / default)")
    if bucket:
        parser.add_argument("--bucket", default=None,
                            help="S3 bucket for audio, code, checkpoints (default: saved)")
        parser.add_argument("--prefix", default=None,
                            help=f"key prefix inside the bucket (default: saved, else "
                                 f"{DEFAULT_PREFIX})")
    if role:
        parser.add_argument("--role", default=None,
                            help="SageMaker execution role ARN (default: saved)")
