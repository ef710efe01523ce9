"""Training on Amazon SageMaker with AWS's own TensorFlow image (no custom Docker).

``sagemaker`` (SDK 3.x, ~1 GB, ~2 s to import) is imported lazily inside the launcher only.
"""
