"""One-line, fixable errors for the AWS failures users actually hit.

Every class is a :class:`wavegan.errors.UserError`, so the ``wavegan`` CLI prints its message
without a traceback. :func:`aws_errors` turns botocore exceptions raised inside it into these,
using what the caller knows (bucket, role, instance type) to name the exact fix.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from wavegan.errors import UserError

CREDENTIAL_CODES = ("InvalidClientTokenId", "UnrecognizedClientException", "ExpiredToken",
                    "ExpiredTokenException", "SignatureDoesNotMatch", "InvalidAccessKeyId")
REGION_CODES = ("PermanentRedirect", "AuthorizationHeaderMalformed",
                "IllegalLocationConstraintException")
DENIED_CODES = ("AccessDenied", "AccessDeniedException", "403", "Forbidden")


class AwsError(UserError):
    """An AWS call failed for a reason the user can fix."""


class NoCredentials(AwsError):
    pass


class RoleNotPassable(AwsError):
    pass


class BucketWrongRegion(AwsError):
    pass


class RoleRefused(AwsError):
    """The SageMaker SDK's own role check (run before a job is created) refused the role."""


class QuotaExceeded(AwsError):
    pass


class BucketAccessDenied(AwsError):
    pass


class JobFailed(AwsError):
    pass


class SetupError(AwsError):
    """The local AWS set-up: profile, SSO login, region, network."""


@dataclass
class Context:
    """What the failing command was doing; used to phrase the fix."""

    bucket: str = ""
    role: str = ""
    region: str = ""
    instance_type: str = ""
    spot: bool = False
    profile: str = ""


def no_credentials_message() -> str:
    return ("no AWS credentials found: run `aws configure` (access keys) or `aws sso login "
            "--profile NAME` and pass --profile NAME (or set AWS_PROFILE); check with "
            "`wavegan sagemaker doctor`")


def quota_message(ctx: Context, detail: str = "") -> str:
    kind = "spot training job usage" if ctx.spot else "training job usage"
    spot = " --spot" if ctx.spot else ""
    return (f"quota exceeded for {ctx.instance_type or 'this instance type'} ({kind})"
            f"{': ' + detail if detail else ''}. File an increase with `wavegan sagemaker "
            f"doctor --instance-type {ctx.instance_type or 'TYPE'}{spot} --request-quota` "
            f"(new accounts start at 0 GPU instances; approval takes hours to a day)")


def bucket_denied_message(ctx: Context, detail: str = "") -> str:
    bucket = ctx.bucket or "the bucket"
    text = f"access denied to s3://{bucket}" + (f" ({detail})" if detail else "")
    if ctx.bucket and "sagemaker" not in ctx.bucket.lower():
        text += (f". AWS's managed policy AmazonSageMakerFullAccess only grants S3 access to "
                 f"buckets whose name contains 'sagemaker': use such a bucket (e.g. "
                 f"{ctx.bucket}-sagemaker) or attach the policy printed by `wavegan sagemaker "
                 f"policy --bucket {ctx.bucket}` to the role")
    else:
        text += (f". Attach the policy printed by `wavegan sagemaker policy --bucket {bucket}` "
                 f"to the role (and `--for user` to yourself)")
    return text


def setup_error(exc: BaseException, ctx: Context) -> AwsError | None:
    """Profile / SSO / credentials / endpoint failures (botocore's own exceptions)."""
    from botocore.exceptions import (
        EndpointConnectionError,
        NoCredentialsError,
        PartialCredentialsError,
        ProfileNotFound,
        SSOError,
        TokenRetrievalError,
    )

    if isinstance(exc, (NoCredentialsError, PartialCredentialsError)):
        return NoCredentials(no_credentials_message())
    profile = ctx.profile or os.environ.get("AWS_PROFILE", "")
    if isinstance(exc, ProfileNotFound):
        name = getattr(exc, "kwargs", {}).get("profile") or profile
        return SetupError(f"AWS profile {name!r} not found in ~/.aws/config or "
                          f"~/.aws/credentials: check --profile / AWS_PROFILE / the saved "
                          f"setting (`aws configure list-profiles` lists them; `aws configure "
                          f"--profile {name}` or `aws configure sso` creates it)")
    # SSOError: UnauthorizedSSOTokenError (expired), SSOTokenLoadError (never logged in)
    if isinstance(exc, (SSOError, TokenRetrievalError)):
        login = f"aws sso login --profile {profile}" if profile else "aws sso login"
        return SetupError(f"your AWS SSO session has expired or was never started: run "
                          f"`{login}` and try again")
    if isinstance(exc, EndpointConnectionError):
        url = getattr(exc, "kwargs", {}).get("endpoint_url", "")
        return SetupError(f"cannot reach AWS at {url or 'its endpoint'}: check --region "
                          f"({ctx.region or 'unset'}) and your network connection"
                          + (" and AWS_ENDPOINT_URL" if os.environ.get("AWS_ENDPOINT_URL")
                             else ""))
    return None


def role_refused_message(ctx: Context, sdk_message: str) -> str:
    """One line from the SDK's multi-line ``RoleValidationError``: what it denied, and our fix."""
    role = ctx.role or "the execution role"
    lines = sdk_message.splitlines()
    missing = next((x.split(":", 1)[1].strip() for x in lines
                    if x.startswith("Missing permissions:")), "")
    if "trust policy" in sdk_message:
        why = "its trust policy does not let sagemaker.amazonaws.com assume it"
    else:
        why = f"denied {missing}" if missing else (lines[0] if lines else "refused")
    bucket = ctx.bucket or "BUCKET"
    return (f"the SageMaker SDK's role check refused {role}: {why}. Attach `wavegan sagemaker "
            f"policy --bucket {bucket}` to it (trust: `wavegan sagemaker policy --for trust`); "
            f"`wavegan sagemaker doctor` shows the same check")


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` then its causes (boto3's S3UploadFailedError wraps the real failure)."""
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        yield cur
        cur = cur.__cause__ or (None if cur.__suppress_context__ else cur.__context__)


def translate(exc: BaseException, ctx: Context) -> AwsError | None:
    """The user-facing error for a botocore exception, or None to let it propagate."""
    from botocore.exceptions import ClientError

    for link in _chain(exc):
        mapped = setup_error(link, ctx)
        if mapped is not None:
            return mapped
        if type(link).__name__ == "RoleValidationError":   # sagemaker is imported lazily
            return RoleRefused(role_refused_message(ctx, str(link)))
    exc = next((e for e in _chain(exc) if isinstance(e, ClientError)), None)
    if exc is None:
        return None
    err = exc.response.get("Error", {})
    code, msg = str(err.get("Code", "")), str(err.get("Message", ""))
    if code in CREDENTIAL_CODES:
        return NoCredentials(f"AWS rejected the credentials ({code}): {msg}. "
                             + no_credentials_message())
    if code == "ResourceLimitExceeded" or "ResourceLimitExceeded" in msg:
        return QuotaExceeded(quota_message(ctx, msg))
    if "iam:PassRole" in msg:
        return RoleNotPassable(
            f"you may not pass the role {ctx.role or '(--role)'} to SageMaker: allow "
            f"iam:PassRole on it for yourself (`wavegan sagemaker policy --for user --bucket "
            f"{ctx.bucket or 'B'} --role {ctx.role or 'ARN'}` prints the statement)")
    if "assume" in msg.lower() and "role" in msg.lower():
        return RoleNotPassable(
            f"SageMaker cannot assume {ctx.role or 'the role'}: {msg}. Its trust policy must "
            f"allow the service principal sagemaker.amazonaws.com (see `wavegan sagemaker "
            f"doctor`)")
    if code in REGION_CODES:
        region = exc.response.get("ResponseMetadata", {}).get("HTTPHeaders", {}).get(
            "x-amz-bucket-region", "another region")
        return BucketWrongRegion(bucket_region_message(ctx, region))
    if code in DENIED_CODES and (ctx.bucket and exc.operation_name in S3_OPERATIONS):
        return BucketAccessDenied(bucket_denied_message(ctx, msg))
    return None


def bucket_region_message(ctx: Context, bucket_region: str) -> str:
    return (f"bucket {ctx.bucket} is in {bucket_region} but the job would run in "
            f"{ctx.region or 'this region'}: pass --region {bucket_region} (or `wavegan "
            f"sagemaker configure --region {bucket_region}`), or use a bucket in "
            f"{ctx.region or 'the job region'}")


S3_OPERATIONS = ("HeadBucket", "HeadObject", "GetObject", "PutObject", "ListObjectsV2",
                 "GetBucketLocation", "CreateMultipartUpload", "UploadPart", "DeleteObject",
                 "CompleteMultipartUpload")


@contextmanager
def aws_errors(ctx: Context | None = None) -> Iterator[None]:
    """Re-raise known botocore failures inside the block as :class:`AwsError` subclasses."""
    try:
        yield
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001 - translated or re-raised unchanged
        mapped = translate(exc, ctx or Context())
        if mapped is None:
            raise
        raise mapped from exc
