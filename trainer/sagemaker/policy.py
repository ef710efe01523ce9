"""The least-privilege IAM policies for ``wavegan sagemaker`` (no *FullAccess).

The execution role's policy follows the SageMaker SDK's own training role definition
(``sagemaker.core.helper.iam_policies.IAM_POLICY_CONFIG["training"]``): ``ModelTrainer``
simulates its ``*``-resource actions with ``iam:SimulatePrincipalPolicy`` before it creates a
job and refuses a role that is denied any of them. A simulation has no request context, so those
actions are granted on ``*`` without a ``Condition`` (a condition would count as a deny); the
data actions stay scoped to the bucket/prefix, and the trust policy to the account
(``aws:SourceAccount``). ``tests/test_sagemaker_policy.py`` pins both against the installed SDK.
"""

from __future__ import annotations

import json

SAGEMAKER_PRINCIPAL = "sagemaker.amazonaws.com"
# The SDK's training check simulates exactly these (``_get_smoke_test_actions("training")``).
UNSCOPED_ACTIONS = ("ecr:GetAuthorizationToken", "cloudwatch:PutMetricData",
                    "ec2:CreateNetworkInterface", "ec2:CreateNetworkInterfacePermission",
                    "ec2:DeleteNetworkInterface", "ec2:DeleteNetworkInterfacePermission",
                    "ec2:DescribeNetworkInterfaces", "ec2:DescribeVpcs",
                    "ec2:DescribeDhcpOptions", "ec2:DescribeSubnets",
                    "ec2:DescribeSecurityGroups")
# The SDK's training policies a wavegan job uses; the others serve features it does not use
# (KMS keys, JumpStart hubs, model registry, Lambda, MLflow, evaluation pipelines).
SDK_POLICIES_GRANTED = ("s3_policy", "ecr_policy", "cloudwatch_logs_policy",
                        "cloudwatch_metric_policy", "ec2_policy")
SDK_POLICIES_NOT_NEEDED = ("kms_policy", "hub_content_policy", "model_package_policy",
                           "lambda_policy", "mlflow_policy", "evaluation_policy")


def execution_policy(bucket: str, prefix: str = "wavegan") -> dict:
    """Read the dataset, write checkpoints/outputs under the prefix, pull the image, write
    logs and metrics, and the network-interface actions SageMaker's role check asks for."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {"Sid": "ListTheBucket", "Effect": "Allow",
             "Action": ["s3:ListBucket", "s3:GetBucketLocation"],
             "Resource": f"arn:aws:s3:::{bucket}"},
            {"Sid": "DataCodeCheckpoints", "Effect": "Allow",
             "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
             "Resource": f"arn:aws:s3:::{bucket}/{prefix}/*"},
            {"Sid": "Logs", "Effect": "Allow",
             "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
                        "logs:DescribeLogStreams"],
             "Resource": "arn:aws:logs:*:*:log-group:/aws/sagemaker/TrainingJobs*"},
            {"Sid": "PullTheTensorFlowImage", "Effect": "Allow",
             "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer",
                        "ecr:BatchCheckLayerAvailability"],
             "Resource": "arn:aws:ecr:*:*:repository/*"},
            {"Sid": "AccountWideNoConditionSageMakerChecksThese", "Effect": "Allow",
             "Action": list(UNSCOPED_ACTIONS), "Resource": "*"},
        ],
    }


def trust_policy(account: str = "") -> dict:
    """SageMaker may assume the role, only on behalf of ``account`` (when known)."""
    statement: dict = {"Effect": "Allow", "Principal": {"Service": SAGEMAKER_PRINCIPAL},
                       "Action": "sts:AssumeRole"}
    if account:
        statement["Condition"] = {"StringEquals": {"aws:SourceAccount": account}}
    return {"Version": "2012-10-17", "Statement": [statement]}


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


def policy_json(bucket: str, prefix: str = "wavegan", *, who: str = "role",
                role_arn: str = "*", account: str = "") -> str:
    """``who``: role (the execution role's permissions), user (yours) or trust (the role's
    trust policy, scoped to ``account``)."""
    if who == "trust":
        doc = trust_policy(account)
    elif who == "user":
        doc = user_policy(bucket, prefix, role_arn)
    else:
        doc = execution_policy(bucket, prefix)
    return json.dumps(doc, indent=2)


def role_setup_commands(role_name: str, bucket: str, prefix: str = "wavegan",
                        account: str = "") -> str:
    """The AWS CLI calls that create the execution role with exactly these policies."""
    trust = json.dumps(trust_policy(account), separators=(",", ":"))
    return (f"wavegan sagemaker policy --bucket {bucket} --prefix {prefix} > wavegan-policy.json\n"
            f"aws iam create-role --role-name {role_name} --assume-role-policy-document "
            f"'{trust}'\n"
            f"aws iam put-role-policy --role-name {role_name} --policy-name wavegan "
            f"--policy-document file://wavegan-policy.json")


def role_name(role_arn: str) -> str:
    """``arn:aws:iam::123:role/path/name`` → ``name``."""
    return role_arn.rsplit("/", 1)[-1] if role_arn else "wavegan-exec"
