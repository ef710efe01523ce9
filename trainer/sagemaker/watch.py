"""``wavegan sagemaker watch JOB``: follow a training job live from the terminal.

Each poll prints, in order: new status / secondary-status transitions (Starting, Downloading,
Training, Interrupted, …) and, once reported, training vs billable time with what spot saved;
new CloudWatch log lines of every stream of the job (merged by timestamp), a metrics summary
with ETA when a training log line arrived, and each new preview file that appeared under the
job's checkpoint S3 prefix (downloaded to ``--to``). A failed job raises :class:`JobFailed` with
its ``FailureReason`` and the last 30 log lines.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trainer.logline import parse_line
from trainer.sagemaker.billing import billing_line, format_duration
from trainer.sagemaker.errors import JobFailed

LOG_GROUP = "/aws/sagemaker/TrainingJobs"
FINAL = ("Completed", "Failed", "Stopped")
TAIL_LINES = 30


@dataclass
class LogTail:
    """Follows every log stream ``JOB/…`` of a job; :meth:`poll` returns only new lines."""

    logs: Any
    job: str
    tokens: dict[str, str] = field(default_factory=dict)

    def streams(self) -> list[str]:
        from botocore.exceptions import ClientError

        try:
            pages = self.logs.get_paginator("describe_log_streams").paginate(
                logGroupName=LOG_GROUP, logStreamNamePrefix=f"{self.job}/")
            return [s["logStreamName"] for p in pages for s in p.get("logStreams", [])]
        except ClientError as exc:  # the group appears with the job's first log line
            if exc.response.get("Error", {}).get("Code") == "ResourceNotFoundException":
                return []
            raise

    def poll(self) -> list[tuple[int, str, str]]:
        """New ``(timestamp_ms, stream, message)`` lines of all streams, oldest first."""
        lines = []
        for stream in self.streams():
            token = self.tokens.get(stream)
            while True:
                kwargs = {"nextToken": token} if token else {"startFromHead": True}
                resp = self.logs.get_log_events(logGroupName=LOG_GROUP, logStreamName=stream,
                                                **kwargs)
                events = resp.get("events", [])
                lines += [(e["timestamp"], stream, e["message"].rstrip("\n")) for e in events]
                new_token = resp.get("nextForwardToken")
                done = not events or new_token == token
                token = new_token or token
                if done:
                    break
            if token:
                self.tokens[stream] = token
        return sorted(lines, key=lambda x: x[0])


def last_log_lines(logs, job: str, count: int = TAIL_LINES) -> list[str]:
    return [msg for _, _, msg in LogTail(logs, job).poll()[-count:]]


def split_s3(uri: str) -> tuple[str, str]:
    """``s3://bucket/key/prefix/`` → ``("bucket", "key/prefix/")``."""
    if not uri.startswith("s3://"):
        raise ValueError(f"not an s3:// URI: {uri}")
    bucket, _, key = uri[5:].partition("/")
    return bucket, key


@dataclass
class PreviewSync:
    """Downloads new objects under ``<checkpoint prefix>previews/`` into ``dest``."""

    s3: Any
    checkpoint_uri: str
    dest: Path
    seen: dict[str, str] = field(default_factory=dict)   # key → ETag

    def poll(self) -> list[Path]:
        """Download new or changed preview files; return the folders that received files."""
        bucket, prefix = split_s3(self.checkpoint_uri)
        prefix = prefix.rstrip("/") + "/previews/" if prefix.strip("/") else "previews/"
        folders: list[Path] = []
        pages = self.s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
        for obj in (o for p in pages for o in p.get("Contents", [])):
            key, etag = obj["Key"], obj.get("ETag", "")
            rel = key[len(prefix):]
            if not rel or rel.endswith("/") or self.seen.get(key) == etag or ".." in rel:
                continue
            target = self.dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            self.s3.download_file(bucket, key, str(target))
            self.seen[key] = etag
            if target.parent not in folders:
                folders.append(target.parent)
        return folders


@dataclass
class Progress:
    """The newest metrics line and the ETA to ``max_steps``."""

    max_steps: int | None = None
    metrics: dict[str, float] = field(default_factory=dict)

    def update(self, message: str) -> bool:
        found = parse_line(message)
        if "step" in found:
            self.metrics = found
            return True
        return False

    def eta_seconds(self) -> float | None:
        sps, step = self.metrics.get("steps_per_sec"), self.metrics.get("step")
        if not self.max_steps or not sps or step is None or sps <= 0:
            return None
        return max(0.0, (self.max_steps - step) / sps)

    def summary(self) -> str:
        m = self.metrics
        total = f"/{self.max_steps:,}" if self.max_steps else ""
        parts = [f"step {int(m.get('step', 0)):,}{total}"]
        if "steps_per_sec" in m:
            parts.append(f"{m['steps_per_sec']:.3g} steps/s")
        parts += [f"{k} {m[k]:.4g}" for k in ("d_loss", "g_loss", "gp") if k in m]
        eta = self.eta_seconds()
        if eta is not None:
            parts.append(f"ETA {format_duration(eta)}")
        return " · ".join(parts)


def max_steps_of(desc: dict[str, Any]) -> int | None:
    value = desc.get("HyperParameters", {}).get("max_steps", "").strip('"')
    try:
        return int(float(value))
    except ValueError:
        return None


@dataclass
class Watcher:
    """One job's live view; :meth:`step` does one poll, :meth:`run` polls until the end."""

    sm: Any
    logs: Any
    s3: Any
    job: str
    previews_to: Path | None = None
    out: Callable[[str], None] = print
    on_preview: Callable[[Path], None] | None = None
    status: str = ""
    billing: str = ""
    transitions: int = 0
    tail: deque = field(default_factory=lambda: deque(maxlen=TAIL_LINES))

    def __post_init__(self) -> None:
        self.log_tail = LogTail(self.logs, self.job)
        self.progress = Progress()
        self.previews: PreviewSync | None = None

    def step(self) -> dict[str, Any]:
        desc = self.sm.describe_training_job(TrainingJobName=self.job)
        self.progress.max_steps = max_steps_of(desc)
        status = desc["TrainingJobStatus"]
        if status != self.status:
            self.out(f"== status: {status}")
            self.status = status
        for tr in desc.get("SecondaryStatusTransitions", [])[self.transitions:]:
            msg = tr.get("StatusMessage", "")
            self.out(f"== {tr['Status']}" + (f": {msg}" if msg else ""))
            self.transitions += 1
        self._report_billing(desc)
        metrics_seen = False
        for _, _, message in self.log_tail.poll():
            self.out(message)
            self.tail.append(message)
            metrics_seen |= self.progress.update(message)
        if metrics_seen:
            self.out(f"-- {self.progress.summary()}")
        self._sync_previews(desc)
        return desc

    def _report_billing(self, desc: dict[str, Any]) -> None:
        """Training vs billable time and spot savings, once SageMaker reports them."""
        line = billing_line(desc)
        if line and line != self.billing:
            self.out(f"== {line}")
            self.billing = line

    def _sync_previews(self, desc: dict[str, Any]) -> None:
        uri = desc.get("CheckpointConfig", {}).get("S3Uri")
        if self.previews_to is None or not uri:
            return
        if self.previews is None:
            self.previews = PreviewSync(self.s3, uri, self.previews_to)
        for folder in self.previews.poll():
            self.out(f"-- preview downloaded: {folder}")
            if self.on_preview is not None:
                self.on_preview(folder)

    def run(self, poll_seconds: float = 10.0, timeout: float | None = None,
            sleep: Callable[[float], None] = time.sleep) -> dict[str, Any]:
        """Poll until the job ends (or ``timeout`` seconds); raise JobFailed if it failed."""
        start = time.monotonic()
        while True:
            desc = self.step()
            if desc["TrainingJobStatus"] in FINAL:
                break
            if timeout is not None and time.monotonic() - start > timeout:
                return desc
            sleep(poll_seconds)
        if desc["TrainingJobStatus"] == "Failed":
            raise JobFailed(failure_message(desc, list(self.tail)))
        return desc


def failure_message(desc: dict[str, Any], lines: list[str]) -> str:
    text = (f"job {desc['TrainingJobName']} failed: "
            f"{desc.get('FailureReason', 'no reason given')}")
    if lines:
        text += f"\nlast {len(lines)} log lines:\n" + "\n".join(f"  {x}" for x in lines)
    return text


def play_newest(folder: Path, out: Callable[[str], None] = print) -> bool:
    """Play the folder's first preview WAV on the default output device, if there is one."""
    wavs = sorted(folder.glob("*.wav"))
    if not wavs:
        return False
    try:
        import sounddevice as sd
        import soundfile as sf

        sd.query_devices(kind="output")
        audio, rate = sf.read(wavs[0], dtype="float32")
        sd.play(audio, rate)
    except Exception as exc:  # noqa: BLE001 - no device / no PortAudio: keep watching
        out(f"-- cannot play {wavs[0].name}: {exc}")
        return False
    out(f"-- playing {wavs[0]}")
    return True
