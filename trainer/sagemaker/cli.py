"""``wavegan sagemaker …``: flag parsing only; the work is in this package's modules."""

from __future__ import annotations

import os


def _common(p) -> None:
    p.add_argument("--region", default=os.environ.get("AWS_REGION")
                   or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1",
                   help="AWS region (default: $AWS_REGION, else us-east-1)")


def register(subs) -> None:
    p = subs.add_parser("sagemaker", help="train on Amazon SageMaker (AWS's TensorFlow image, "
                                          "spot instances, no custom Docker)",
                        description="Launch, inspect and download SageMaker training jobs. "
                                    "Credentials come from the usual AWS chain "
                                    "(AWS_PROFILE, env, SSO); AWS_ENDPOINT_URL is honoured.")
    sub = p.add_subparsers(dest="sagemaker_command", metavar="ACTION", required=True)

    pol = sub.add_parser("policy", help="print the least-privilege IAM policy for the role")
    pol.add_argument("--bucket", required=True, help="S3 bucket holding data and checkpoints")
    pol.add_argument("--prefix", default="wavegan", help="key prefix inside the bucket")
    pol.set_defaults(func=run_policy)

    la = sub.add_parser("launch", help="upload the data once and start a (spot) training job")
    la.add_argument("--data", required=True, help="local folder of audio (uploaded once) or "
                                                  "s3://bucket/prefix/")
    la.add_argument("--bucket", required=True, help="S3 bucket for data, code, checkpoints")
    la.add_argument("--prefix", default="wavegan", help="key prefix inside the bucket")
    la.add_argument("--role", required=True, help="SageMaker execution role ARN")
    la.add_argument("--instance-type", default="ml.g5.xlarge",
                    help="instance type (see trainer/costs.py; default ml.g5.xlarge)")
    la.add_argument("--spot", action="store_true", help="managed spot training (resumes from "
                                                        "checkpoints after interruptions)")
    la.add_argument("--max-run", type=float, default=6.0, help="hours of training at most")
    la.add_argument("--max-wait", type=float, default=12.0,
                    help="hours to wait for spot capacity + training (>= --max-run)")
    la.add_argument("--job-name", default="", help="job name (default wavegan-<time>)")
    la.add_argument("--custom-image", default="", help="your own training image URI instead "
                                                       "of AWS's TensorFlow 2.21 image")
    la.add_argument("--hp", action="append", default=[], metavar="KEY=VALUE",
                    help="training setting passed to `wavegan train` (repeatable), e.g. "
                         "--hp dim=32 --hp slice_len=65536 --hp max_steps=200000")
    _common(la)
    la.set_defaults(func=run_launch)

    st = sub.add_parser("status", help="print a job's status and secondary status")
    st.add_argument("job")
    _common(st)
    st.set_defaults(func=run_status)

    ls = sub.add_parser("list", help="list recent wavegan jobs")
    _common(ls)
    ls.set_defaults(func=run_list)

    dl = sub.add_parser("download", help="unpack a job's model.tar.gz into a checkpoint folder")
    dl.add_argument("job")
    dl.add_argument("--to", required=True, help="new folder for the checkpoint")
    _common(dl)
    dl.set_defaults(func=run_download)


def run_policy(args) -> int:
    from trainer.sagemaker.policy import policy_json

    print(policy_json(args.bucket, args.prefix))
    return 0


def _clients(region: str):
    import boto3

    return boto3.client("sagemaker", region_name=region), boto3.client("s3", region_name=region)


def run_launch(args) -> int:
    from rich.progress import Progress

    from trainer.sagemaker.launch import LaunchOptions, cost_line, launch
    from trainer.sagemaker.upload import upload_dataset
    from wavegan.errors import UserError

    hps = {}
    for item in args.hp:
        if "=" not in item:
            raise UserError(f"--hp {item!r}: expected KEY=VALUE")
        k, v = item.split("=", 1)
        hps[k.strip()] = v.strip()
    data = args.data
    if not data.startswith("s3://"):
        _, s3 = _clients(args.region)
        total = sum(p.stat().st_size for p in __import__("pathlib").Path(data).rglob("*")
                    if p.is_file())
        with Progress() as bar:
            task = bar.add_task("uploading audio", total=total)
            result = upload_dataset(s3, data, args.bucket, f"{args.prefix}/data",
                                    progress=lambda n: bar.advance(task, n))
        print(f"data: {result.uploaded} uploaded, {result.skipped} already there")
        data = f"s3://{args.bucket}/{args.prefix}/data/"
    opts = LaunchOptions(data_s3=data, bucket=args.bucket, prefix=args.prefix, role=args.role,
                         region=args.region, instance_type=args.instance_type, spot=args.spot,
                         max_run_seconds=int(args.max_run * 3600),
                         max_wait_seconds=int(max(args.max_wait, args.max_run) * 3600),
                         job_name=args.job_name, hyperparameters=hps,
                         custom_image=args.custom_image)
    name = launch(opts)
    print(f"job: {name}")
    print(f"console: https://{args.region}.console.aws.amazon.com/sagemaker/home?region="
          f"{args.region}#/jobs/{name}")
    print(cost_line(args.instance_type, args.spot, int(float(hps.get("max_steps", 200000))),
                    int(hps.get("dim", 64)), int(hps.get("slice_len", 16384))))
    return 0


def run_status(args) -> int:
    from trainer.sagemaker.jobs import describe, status_line

    sm, _ = _clients(args.region)
    print(status_line(describe(sm, args.job)))
    return 0


def run_list(args) -> int:
    from trainer.sagemaker.jobs import list_jobs

    sm, _ = _clients(args.region)
    for job in list_jobs(sm):
        print(f"{job['TrainingJobName']}  {job['TrainingJobStatus']}  {job['CreationTime']}")
    return 0


def run_download(args) -> int:
    from trainer.sagemaker.jobs import download

    sm, s3 = _clients(args.region)
    ckpt = download(sm, s3, args.job, args.to)
    print(f"checkpoint: {ckpt.path} (step {ckpt.step}); play it: wavegan serve --checkpoint "
          f"{ckpt.path}")
    return 0
