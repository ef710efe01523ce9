"""Upload a dataset folder to S3 once: files already there with the same size and MD5 are
skipped, so relaunching a job (or resuming) does not upload the audio again."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from wavegan.audio_io import find_audio_files


def md5_file(path: Path) -> str:
    """Hex MD5 of a file (what the upload stores as S3 metadata to skip unchanged files)."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "md5").hexdigest()


@dataclass
class UploadResult:
    uploaded: int = 0
    skipped: int = 0
    bytes_sent: int = 0


def upload_dataset(s3, folder: str | Path, bucket: str, prefix: str,
                   progress: Callable[[int], None] | None = None) -> UploadResult:
    """Upload the audio files under ``folder`` to ``s3://bucket/prefix/<relative path>``."""
    folder = Path(folder)
    files, _ = find_audio_files(folder)
    result = UploadResult()
    for path in files:
        key = f"{prefix.rstrip('/')}/{path.relative_to(folder).as_posix()}"
        size, digest = path.stat().st_size, md5_file(path)
        try:
            head = s3.head_object(Bucket=bucket, Key=key)
            if head["ContentLength"] == size and head.get("Metadata", {}).get("md5") == digest:
                result.skipped += 1
                if progress:
                    progress(size)
                continue
        except s3.exceptions.ClientError as exc:
            if exc.response.get("Error", {}).get("Code") not in ("404", "NoSuchKey", "NotFound"):
                raise  # 403 etc.: the caller turns it into a fixable error
            # not there yet
        s3.upload_file(str(path), bucket, key, ExtraArgs={"Metadata": {"md5": digest}},
                       Callback=progress)
        result.uploaded += 1
        result.bytes_sent += size
    return result
