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


def policy_json(bucket: str, prefix: str = "wavegan") -> str:
    return json.dumps(execution_policy(bucket, prefix), indent=2)
