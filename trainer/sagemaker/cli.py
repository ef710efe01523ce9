"""``wavegan sagemaker …``: flag parsing only; the work is in this package's modules.

Account settings come from flags, else the file saved by ``wavegan sagemaker configure``, else
the AWS environment (see ``settings.py``). ``sagemaker`` itself is imported only by launch and
resume.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import logging
import re
from collections.abc import Callable
from pathlib import Path

from trainer.sagemaker.settings import add_account_flags, check_region, resolve
from wavegan.errors import UserError

ACTIONS = ("configure", "policy", "doctor", "launch", "watch", "status", "list", "stop",
           "download", "resume")


def parse_hours(text: str) -> float:
    """``"2d"``, ``"12h"``, ``"90m"``, ``"3600s"`` or a plain number of hours → hours."""
    m = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*([dhms]?)\s*", str(text))
    if not m:
        raise argparse.ArgumentTypeError(f"{text!r}: expected e.g. 2d, 12h, 90m, 3600s or 6")
    value, unit = float(m.group(1)), m.group(2) or "h"
    return value * {"d": 24, "h": 1, "m": 1 / 60, "s": 1 / 3600}[unit]


def register(subs) -> None:
    p = subs.add_parser(
        "sagemaker", help="train on Amazon SageMaker (AWS's TensorFlow image, spot, no Docker)",
        description="Check the account, launch, watch, stop, resume and download SageMaker "
                    "training jobs. Credentials come from the usual AWS chain (AWS_PROFILE, "
                    "env keys, SSO); AWS_ENDPOINT_URL is honoured. Start with `configure` "
                    "and `doctor`.")
    sub = p.add_subparsers(dest="sagemaker_command", metavar="ACTION", required=True)
    _configure_parser(sub)
    _policy_parser(sub)
    _doctor_parser(sub)
    _launch_parser(sub)
    _job_parsers(sub)


def _configure_parser(sub) -> None:
    c = sub.add_parser("configure", help="save account settings (bucket, role, region, …)",
                       description="Save settings to ~/.config/wavegan/sagemaker.toml; later "
                                   "commands use them unless a flag overrides. No flags: "
                                   "print the saved settings.")
    add_account_flags(c, role=True)
    c.add_argument("--instance-type", default=None, help="default instance type for launch")
    c.set_defaults(func=run_configure)


def _policy_parser(sub) -> None:
    pol = sub.add_parser("policy", help="print the least-privilege IAM policy JSON",
                         description="Least-privilege IAM policy (no *FullAccess). Default: "
                                     "the execution role's; --for user: what you need to "
                                     "launch and watch jobs.")
    pol.add_argument("--bucket", default=None, help="S3 bucket (default: saved)")
    pol.add_argument("--prefix", default=None, help="key prefix (default: saved, else wavegan)")
    pol.add_argument("--for", dest="who", choices=("role", "user", "trust"), default="role",
                     help="role = the job's execution role (default); user = you; trust = "
                          "the role's trust policy (SageMaker, on behalf of your account only)")
    pol.add_argument("--role", default=None,
                     help="with --for user: the role ARN you may pass (default: saved)")
    pol.add_argument("--account", default=None,
                     help="with --for trust: your AWS account ID (default: asked from STS)")
    pol.add_argument("--profile", default=None, help="AWS named profile (for --for trust)")
    pol.set_defaults(func=run_policy)


def _doctor_parser(sub) -> None:
    d = sub.add_parser("doctor", help="check credentials, role, bucket and GPU quota, with fixes")
    add_account_flags(d, role=True)
    d.add_argument("--instance-type", default=None, help="instance type whose quota to check "
                                                         "(default: saved, else ml.g5.xlarge)")
    d.add_argument("--spot", action="store_true", help="also check the spot training quota")
    d.add_argument("--request-quota", action="store_true",
                   help="file a Service Quotas increase for a quota at 0 (on-demand, or spot "
                        "with --spot); later runs show the request's status")
    d.set_defaults(func=run_doctor)


def _launch_parser(sub) -> None:
    from trainer.flags import add_config_flags

    la = sub.add_parser("launch", help="upload the data once and start a (spot) training job",
                        description="Model/training flags are `wavegan train`'s and become the "
                                    "job's hyperparameters.")
    la.add_argument("--data", required=True, help="local folder of audio (uploaded once, "
                                                  "unchanged files skipped) or s3://bucket/path/")
    add_account_flags(la, role=True)
    la.add_argument("--instance-type", default=None,
                    help="instance type (see `wavegan scan` / trainer/costs.py; default: saved, "
                         "else ml.g5.xlarge)")
    _job_flags(la)
    la.add_argument("--job-name", default="", help="job name prefix (default wavegan-<time>)")
    la.add_argument("--custom-image", default="", help="your own training image URI instead "
                                                       "of AWS's TensorFlow 2.21 image")
    add_config_flags(la, reserved=("progress",))
    _hp_and_wait_flags(la)
    la.set_defaults(func=run_launch)


def _job_flags(p) -> None:
    p.add_argument("--spot", action="store_true", help="managed spot training (~65%% cheaper; "
                                                       "resumes from checkpoints)")
    p.add_argument("--instance-count", type=int, default=1, metavar="N",
                   help="machines (each with all its GPUs; default 1)")
    p.add_argument("--max-run", type=parse_hours, default=6.0,
                   help="training time limit, e.g. 6h or 90m (default 6h)")
    p.add_argument("--max-wait", type=parse_hours, default=12.0,
                   help="spot: limit on waiting for capacity + training, >= --max-run "
                        "(default 12h)")


def _hp_and_wait_flags(p) -> None:
    p.add_argument("--hp", action="append", default=[], metavar="KEY=VALUE",
                   help="extra hyperparameter for trainer.entry (repeatable)")
    p.add_argument("--wait", action="store_true", help="then watch the job until it ends")
    _watch_flags(p)


def _watch_flags(p) -> None:
    p.add_argument("--previews-to", default=None,
                   help="folder for downloaded previews (default ./previews/<job>)")
    p.add_argument("--play", action="store_true",
                   help="play each new preview on the audio output device (if there is one)")
    p.add_argument("--poll", type=float, default=10.0, help="seconds between polls (default 10)")


def _job_parsers(sub) -> None:
    from trainer.config import RESUMABLE_CHANGES
    from trainer.flags import add_config_flags

    w = sub.add_parser("watch", help="stream logs, status, metrics/ETA and previews live")
    w.add_argument("job")
    _watch_flags(w)
    w.add_argument("--timeout", type=parse_hours, default=None,
                   help="stop watching after this long (the job keeps running)")
    add_account_flags(w, bucket=False)
    w.set_defaults(func=run_watch)

    st = sub.add_parser("status", help="a job's status (and why it failed, with its last logs)")
    st.add_argument("job")
    add_account_flags(st, bucket=False)
    st.set_defaults(func=run_status)

    ls = sub.add_parser("list", help="list recent wavegan jobs and the datasets in the bucket")
    add_account_flags(ls)
    ls.set_defaults(func=run_list)

    sp = sub.add_parser("stop", help="stop a running job (it saves a checkpoint and the "
                                     "model at its current step)")
    sp.add_argument("job")
    add_account_flags(sp, bucket=False)
    sp.set_defaults(func=run_stop)

    dl = sub.add_parser("download", help="unpack a job's model.tar.gz (else its newest "
                                         "checkpoint's generator) into a checkpoint folder "
                                         "that `wavegan serve` loads")
    dl.add_argument("job")
    dl.add_argument("--to", required=True, help="new folder for the checkpoint")
    add_account_flags(dl, bucket=False)
    dl.set_defaults(func=run_download)

    rs = sub.add_parser("resume", help="start a new job that continues JOB from its checkpoints",
                        description="Same data, image, instance, spot settings and checkpoint "
                                    "prefix as JOB; only these training flags may change.")
    rs.add_argument("job")
    add_account_flags(rs, bucket=False)
    may_change = RESUMABLE_CHANGES["train"] | RESUMABLE_CHANGES["gan"]
    add_config_flags(rs, only=may_change - {"progress"})
    _hp_and_wait_flags(rs)
    rs.set_defaults(func=run_resume)


# -- actions --------------------------------------------------------------------------------
def _aws(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Run an action with botocore failures turned into one-line fixable errors."""

    @functools.wraps(func)
    def wrapped(args: argparse.Namespace) -> int:
        from trainer.sagemaker.errors import Context, aws_errors

        if not getattr(args, "verbose", False):   # a failed SSO refresh is logged with its
            logging.getLogger("botocore.credentials").setLevel(logging.ERROR)  # traceback
        settings = resolve(args)   # flags > saved file > environment, as the action sees them
        check_region(settings.region)
        ctx = Context(bucket=settings.bucket, role=settings.role, region=settings.region,
                      instance_type=settings.instance_type,
                      spot=bool(getattr(args, "spot", False)), profile=settings.profile)
        with aws_errors(ctx):
            return func(args)

    return wrapped


def _clients(settings, *names: str) -> list:
    session = settings.session()
    return [session.client(n, region_name=settings.region) for n in names]


def run_configure(args) -> int:
    from trainer.sagemaker.settings import config_path, load_file, save_file

    values = {k: getattr(args, k) for k in ("region", "profile", "bucket", "prefix", "role",
                                             "instance_type") if getattr(args, k)}
    path = save_file(values) if values else config_path()
    saved = load_file(path)
    print(f"{path}:" if saved else f"{path}: nothing saved yet")
    for k, v in sorted(saved.items()):
        print(f"  {k} = {v}")
    return 0


def run_policy(args) -> int:
    from trainer.sagemaker.policy import policy_json

    settings = resolve(args)
    account = args.account or ""
    if args.who == "trust" and not account:
        from trainer.sagemaker.errors import Context, aws_errors

        with aws_errors(Context(region=settings.region, profile=settings.profile)):
            account = _clients(settings, "sts")[0].get_caller_identity()["Account"]
    elif args.who != "trust":
        settings.need("bucket")
    print(policy_json(settings.bucket, settings.prefix, who=args.who,
                      role_arn=settings.role or "*", account=account))
    return 0


@_aws
def run_doctor(args) -> int:
    from trainer.sagemaker.doctor import format_checks
    from trainer.sagemaker.doctor import run_doctor as check_all

    settings = resolve(args)
    checks = check_all(settings.session(), settings, spot=args.spot,
                        request_quota=args.request_quota)
    print(format_checks(checks))
    failed = [c for c in checks if not c.ok]
    print(f"{len(failed)} problem(s) to fix" if failed else "ready to launch")
    return 1 if failed else 0


def _hyperparameters(args) -> dict[str, str]:
    from trainer.flags import overrides_from_args

    hps = {k: str(v) for k, v in overrides_from_args(args).items()}
    for item in args.hp:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UserError(f"--hp {item!r}: expected KEY=VALUE")
        hps[key.strip().replace("-", "_")] = value.strip()
    return hps


@_aws
def run_launch(args) -> int:
    from trainer.sagemaker.launch import LaunchOptions

    settings = resolve(args)
    settings.need("bucket", "role")
    data = args.data
    if not data.startswith("s3://"):
        data = _upload(settings, data)
    opts = LaunchOptions(data_s3=data, bucket=settings.bucket, prefix=settings.prefix,
                         role=settings.role, region=settings.region,
                         instance_type=settings.instance_type, spot=args.spot,
                         instance_count=args.instance_count,
                         max_run_seconds=int(args.max_run * 3600),
                         max_wait_seconds=int(max(args.max_wait, args.max_run) * 3600),
                         job_name=args.job_name, hyperparameters=_hyperparameters(args),
                         custom_image=args.custom_image)
    return _start(opts, settings, args)


def _upload(settings, folder: str) -> str:
    from trainer.sagemaker.errors import Context, aws_errors
    from trainer.sagemaker.launch import check_bucket_region
    from trainer.sagemaker.upload import upload_folder

    (s3,) = _clients(settings, "s3")
    check_bucket_region(s3, settings.bucket, settings.region)
    with aws_errors(Context(bucket=settings.bucket, region=settings.region)):
        return upload_folder(s3, folder, settings.bucket, f"{settings.prefix}/data")


def _start(opts, settings, args) -> int:
    from trainer.sagemaker.launch import launch, launch_summary

    # the settings' boto3 session carries --profile; the job runs in opts.region (resume: the
    # old job's, which is where it was found)
    name = launch(opts, boto_session=dataclasses.replace(settings, region=opts.region).session())
    region = settings.region
    print(f"job: {name}")
    print(f"console: https://{region}.console.aws.amazon.com/sagemaker/home?region={region}"
          f"#/jobs/{name}")
    print(launch_summary(opts))
    print(f"follow it: wavegan sagemaker watch {name}")
    if args.wait:
        args.job = name
        return run_watch(args)
    return 0


@_aws
def run_watch(args) -> int:
    from trainer.sagemaker.watch import Watcher, play_newest

    settings = resolve(args)
    sm, logs, s3 = _clients(settings, "sagemaker", "logs", "s3")
    to = Path(args.previews_to or Path("previews") / args.job)
    watcher = Watcher(sm, logs, s3, args.job, previews_to=to,
                      on_preview=play_newest if args.play else None)
    timeout = getattr(args, "timeout", None)
    try:
        desc = watcher.run(args.poll, timeout * 3600 if timeout else None)
    except KeyboardInterrupt:
        print(f"stopped watching; {args.job} keeps running (wavegan sagemaker stop "
              f"{args.job} stops it)")
        return 130
    print(f"{desc['TrainingJobName']}: {desc['TrainingJobStatus']}")
    return 0


@_aws
def run_status(args) -> int:
    from trainer.sagemaker.billing import billing_line
    from trainer.sagemaker.jobs import describe, status_line
    from trainer.sagemaker.watch import failure_message, last_log_lines

    settings = resolve(args)
    sm, logs = _clients(settings, "sagemaker", "logs")
    desc = describe(sm, args.job)
    failed = desc["TrainingJobStatus"] == "Failed"
    if failed:
        print(failure_message(desc, last_log_lines(logs, args.job)))
    else:
        print(status_line(desc))
        for tr in desc.get("SecondaryStatusTransitions", []):
            print(f"  {tr.get('StartTime', '')}  {tr['Status']}  {tr.get('StatusMessage', '')}")
    if billing_line(desc):
        print(billing_line(desc))
    return 1 if failed else 0


@_aws
def run_list(args) -> int:
    from trainer.sagemaker.jobs import list_jobs
    from trainer.sagemaker.upload import dataset_line, list_datasets

    settings = resolve(args)
    sm, s3 = _clients(settings, "sagemaker", "s3")
    for job in list_jobs(sm):
        print(f"{job['TrainingJobName']}  {job['TrainingJobStatus']}  {job['CreationTime']}")
    if settings.bucket:
        root = f"{settings.prefix}/data"
        datasets = list_datasets(s3, settings.bucket, root)
        print(f"datasets in s3://{settings.bucket}/{root}/: {len(datasets) or 'none'}")
        for ds in datasets:
            print(dataset_line(ds))
    return 0


@_aws
def run_stop(args) -> int:
    from trainer.sagemaker.jobs import stop

    (sm,) = _clients(resolve(args), "sagemaker")
    print(stop(sm, args.job))
    return 0


@_aws
def run_download(args) -> int:
    from trainer.sagemaker.jobs import download

    sm, s3 = _clients(resolve(args), "sagemaker", "s3")
    ckpt = download(sm, s3, args.job, args.to, say=print)
    print(f"checkpoint: {ckpt.path} (step {ckpt.step}); play it: wavegan serve --checkpoint "
          f"{ckpt.path}")
    return 0


@_aws
def run_resume(args) -> int:
    from trainer.sagemaker.jobs import describe, resume_options

    settings = resolve(args)
    (sm,) = _clients(settings, "sagemaker")
    opts = resume_options(describe(sm, args.job))
    opts.hyperparameters.update(_hyperparameters(args))
    settings.bucket, settings.prefix = opts.bucket, opts.prefix
    print(f"resuming {args.job} from {opts.checkpoint_s3}")
    return _start(opts, settings, args)
