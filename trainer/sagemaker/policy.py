"""The least-privilege IAM policy the SageMaker execution role needs (no *FullAccess)."""

from __future__ import annotations

import json


def execution_policy(bucket: str, prefix: str = "wavegan") -> dict:
    """Read the dataset, write checkpoints/outputs under the prefix, write logs and metrics."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {"Sid": "ListTheBucket", "Effect": "Allow", "Action": ["s3:ListBucket"],
             "Resource": f"arn:aws:s3:::{bucket}",
             "Condition": {"StringLike": {"s3:prefix": [f"{prefix}/*"]}}},
            {"Sid": "DataCodeCheckpoints", "Effect": "Allow",
             "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
             "Resource": f"arn:aws:s3:::{bucket}/{prefix}/*"},
            {"Sid": "Logs", "Effect": "Allow",
             "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
                        "logs:DescribeLogStreams"],
             "Resource": "arn:aws:logs:*:*:log-group:/aws/sagemaker/TrainingJobs*"},
            {"Sid": "Metrics", "Effect": "Allow", "Action": ["cloudwatch:PutMetricData"],
             "Resource": "*",
             "Condition": {"StringEquals": {
                 "cloudwatch:namespace": "/aws/sagemaker/TrainingJobs"}}},
            {"Sid": "PullTheTensorFlowImage", "Effect": "Allow",
             "Action": ["ecr:GetAuthorizationToken", "ecr:BatchGetImage",
                        "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
             "Resource": "*"},
        ],
    }


TRUST_POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"},
                   "Action": "sts:AssumeRole"}],
}


def user_policy(bucket: str, prefix: str = "wavegan", role_arn: str = "*") -> dict:
    """What the person running ``wavegan sagemaker`` needs: jobs, passing the role to
    SageMaker only, the bucket prefix, logs, and quota requests."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {"Sid": "TrainingJobs", "Effect": "Allow",
             "Action": ["sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob",
                        "sagemaker:StopTrainingJob", "sagemaker:ListTrainingJobs",
                        "sagemaker:AddTags"],
             "Resource": "*"},
            {"Sid": "PassTheExecutionRoleToSageMakerOnly", "Effect": "Allow",
             "Action": ["iam:PassRole", "iam:GetRole", "iam:SimulatePrincipalPolicy"],
             "Resource": role_arn or "*",
             "Condition": {"StringEqualsIfExists": {
                 "iam:PassedToService": "sagemaker.amazonaws.com"}}},
            {"Sid": "ListTheBucket", "Effect": "Allow",
             "Action": ["s3:ListBucket", "s3:GetBucketLocation"],
             "Resource": f"arn:aws:s3:::{bucket}"},
            {"Sid": "DataCodeCheckpoints", "Effect": "Allow",
             "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
             "Resource": f"arn:aws:s3:::{bucket}/{prefix}/*"},
            {"Sid": "ReadJobLogs", "Effect": "Allow",
             "Action": ["logs:DescribeLogStreams", "logs:GetLogEvents"],
             "Resource": "arn:aws:logs:*:*:log-group:/aws/sagemaker/TrainingJobs*"},
            {"Sid": "GpuQuotas", "Effect": "Allow",
             "Action": ["servicequotas:ListServiceQuotas",
                        "servicequotas:RequestServiceQuotaIncrease",
                        "servicequotas:ListRequestedServiceQuotaChangeHistoryByQuota"],
             "Resource": "*"},
        ],
    }


def policy_json(bucket: str, prefix: str = "wavegan", *, for_user: bool = False,
                role_arn: str = "*") -> str:
    doc = user_policy(bucket, prefix, role_arn) if for_user else execution_policy(bucket, prefix)
    return json.dumps(doc, indent=2)


def role_setup_commands(role_name: str, bucket: str, prefix: str = "wavegan") -> str:
    """The AWS CLI calls that create the execution role with exactly this policy."""
    trust = json.dumps(TRUST_POLICY, separators=(",", ":"))
    return (f"wavegan sagemaker policy --bucket {bucket} --prefix {prefix} > wavegan-policy.json\n"
            f"aws iam create-role --role-name {role_name} --assume-role-policy-document "
            f"'{trust}'\n"
            f"aws iam put-role-policy --role-name {role_name} --policy-name wavegan "
            f"--policy-document file://wavegan-policy.json")


def role_name(role_arn: str) -> str:
    """``arn:aws:iam::123:role/path/name`` → ``name``."""
    return role_arn.rsplit("/", 1)[-1] if role_arn else "wavegan-exec"
