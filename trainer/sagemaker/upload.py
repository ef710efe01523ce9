"""Datasets in S3: one folder per dataset, keyed by its content, uploaded once.

A local folder's audio files (relative paths, sizes, SHA-256 hashes) give a 16-hex-digit key;
the files go to ``s3://bucket/<prefix>/data/<key>/<relative path>`` and a ``manifest.json``
written last marks the dataset complete. So two folders never mix (each job's ``train`` channel
is its own dataset's folder), launching the same folder again uploads nothing (one HEAD of the
manifest), an interrupted upload resumes file by file, and a changed folder is a new dataset.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from wavegan.audio_io import find_audio_files

MANIFEST = "manifest.json"
KEY_DIGITS = 16


@dataclass
class LocalFile:
    path: Path
    rel: str          # posix path relative to the dataset folder
    size: int
    sha256: str


@dataclass
class LocalDataset:
    folder: Path
    files: list[LocalFile]
    key: str          # content key: the S3 folder name

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files)


def sha256_file(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def scan_dataset(folder: str | Path) -> LocalDataset:
    """Hash the folder's audio files; the key digests the sorted (path, size, hash) list."""
    folder = Path(folder)
    paths, _ = find_audio_files(folder)
    files = sorted((LocalFile(p, p.relative_to(folder).as_posix(), p.stat().st_size,
                              sha256_file(p)) for p in paths), key=lambda f: f.rel)
    listing = "".join(f"{f.rel}\0{f.size}\0{f.sha256}\n" for f in files)
    return LocalDataset(folder, files, hashlib.sha256(listing.encode()).hexdigest()[:KEY_DIGITS])


@dataclass
class UploadResult:
    prefix: str = ""      # the dataset's key prefix, ending in "/"
    uploaded: int = 0
    skipped: int = 0
    bytes_sent: int = 0


def _exists(s3, bucket: str, key: str) -> dict | None:
    """head_object's answer, or None when there is no such object (403 etc. raise)."""
    try:
        return s3.head_object(Bucket=bucket, Key=key)
    except s3.exceptions.ClientError as exc:
        if exc.response.get("Error", {}).get("Code") not in ("404", "NoSuchKey", "NotFound"):
            raise  # 403 etc.: the caller turns it into a fixable error
        return None


def upload_dataset(s3, folder: str | Path | LocalDataset, bucket: str, data_root: str,
                   progress: Callable[[int], None] | None = None) -> UploadResult:
    """Upload ``folder``'s audio to ``s3://bucket/<data_root>/<key>/`` unless that dataset is
    already complete there; files already present with the same size and hash are skipped."""
    ds = folder if isinstance(folder, LocalDataset) else scan_dataset(folder)
    base = f"{data_root.strip('/')}/{ds.key}/"
    result = UploadResult(prefix=base)
    if _exists(s3, bucket, base + MANIFEST) is not None:
        result.skipped = len(ds.files)
        if progress:
            progress(ds.size)
        return result
    for f in ds.files:
        head = _exists(s3, bucket, base + f.rel)
        if head and head["ContentLength"] == f.size and head.get("Metadata", {}).get(
                "sha256") == f.sha256:
            result.skipped += 1
            if progress:
                progress(f.size)
            continue
        s3.upload_file(str(f.path), bucket, base + f.rel,
                       ExtraArgs={"Metadata": {"sha256": f.sha256}}, Callback=progress)
        result.uploaded += 1
        result.bytes_sent += f.size
    manifest = {"key": ds.key, "source": str(ds.folder.resolve()), "files": len(ds.files),
                "bytes": ds.size, "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "paths": [[f.rel, f.size, f.sha256] for f in ds.files]}
    s3.put_object(Bucket=bucket, Key=base + MANIFEST, Body=json.dumps(manifest).encode(),
                  ContentType="application/json")
    return result


@dataclass
class RemoteDataset:
    """A dataset folder in the bucket (``key`` "" = files lying directly under the data root,
    as launches before per-dataset folders left them)."""

    key: str
    files: int = 0
    bytes: int = 0
    complete: bool = False
    source: str = ""
    created: str = ""
    keys: list[str] = field(default_factory=list, repr=False)


def list_datasets(s3, bucket: str, data_root: str) -> list[RemoteDataset]:
    """The datasets under ``s3://bucket/<data_root>/``, newest first, with their size."""
    root = data_root.strip("/") + "/"
    found: dict[str, RemoteDataset] = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=root):
        for obj in page.get("Contents", []):
            key, _, leaf = obj["Key"][len(root):].rpartition("/")
            name = key.split("/", 1)[0] if key else ""
            ds = found.setdefault(name, RemoteDataset(name))
            if leaf == MANIFEST and key == name and name:
                ds.complete = True
                ds.keys.append(obj["Key"])
                continue
            ds.files += 1
            ds.bytes += obj.get("Size", 0)
    for ds in found.values():
        if ds.complete:
            body = json.loads(s3.get_object(Bucket=bucket, Key=ds.keys[0])["Body"].read())
            ds.source, ds.created = str(body.get("source", "")), str(body.get("created", ""))
    return sorted(found.values(), key=lambda d: (d.created, d.key), reverse=True)


def human_bytes(n: float) -> str:
    """``532 B``, ``1.5 KB``, ``34.5 MB``, ``2.1 GB`` (decimal units, as S3 bills)."""
    units = ("B", "KB", "MB", "GB")
    step = 0
    while n >= 1000 and step < len(units) - 1:
        n, step = n / 1000, step + 1
    return f"{n:.0f} B" if step == 0 else f"{n:.1f} {units[step]}"


def dataset_line(ds: RemoteDataset) -> str:
    name = ds.key or "(loose files, shared by launches before per-dataset folders)"
    state = ds.created[:10] if ds.complete else "incomplete upload"
    text = f"  {name}  {ds.files} files  {human_bytes(ds.bytes)}  {state}"
    return text + (f"  from {ds.source}" if ds.source else "")


def upload_folder(s3, folder: str | Path, bucket: str, data_root: str,
                  say: Callable[[str], None] = print) -> str:
    """Scan, upload with a progress bar, say what happened; return the dataset's S3 URI."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn

    from wavegan.errors import UserError

    ds = scan_dataset(folder)
    if not ds.files:
        raise UserError(f"{folder}: no audio files to upload")
    columns = ("{task.description}", BarColumn(), DownloadColumn(), TransferSpeedColumn())
    with Progress(*columns) as bar:
        task = bar.add_task(f"uploading {len(ds.files)} files", total=ds.size)
        result = upload_dataset(s3, ds, bucket, data_root,
                                progress=lambda n: bar.advance(task, n))
    uri = f"s3://{bucket}/{result.prefix}"
    say(f"data: {result.uploaded} uploaded, {result.skipped} unchanged (skipped) -> {uri}")
    return uri
