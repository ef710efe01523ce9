"""Daemon benchmarks (issue 6) on a real JACK server (`jackd -d dummy`, 44.1 kHz, 256 frames).

1. trigger → sound: OSC trigger sent before the recorder's cycle at frame F (the first cycle
   that ran after the send), phrase found in the daemon's output by normalised correlation;
   latency = onset − F (200 triggers; target p99 ≤ 1 period + 1 ms, none missed). Triggers
   whose window had an xrun or a missed cycle are counted and left out.
2. latent change → playable: the pad bank's request → buffer-swapped time for the d=64 /
   65536-sample model (random weights, fast backend), one pad at a time (target p95 ≤ 80 ms);
   baseline: the same pad bank on the plain Keras generator, in the same run.
3. xruns while all 16 pads are regenerated continuously and triggered for 60 s, against 60 s
   with the daemon idle in the same run (JACK dummy on a VM has xruns with nothing running).
4. OSC requests answered per second (ping → pong round trips) during playback, and xruns.
5. trigger → sound beside two busy loops (other work on the machine): p99 with the daemon's
   OSC/MIDI threads real-time (the default) against ``--no-realtime``, 150 triggers each.

    python -m tests.benchmarks.bench_server
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np

from tests.benchmarks.common import report
from tests.conftest import make_checkpoint
from tests.jackd import start_jack

PERIOD = 256
RATE = 44100
PERIOD_MS = PERIOD / RATE * 1000


def latent_change_latency(backend: str, n: int = 40) -> np.ndarray:
    """Seconds from a latent change to a playable buffer, d=64 / 65536 model, in-process."""
    import keras

    from server.pads import PadBank
    from wavegan.checkpoint import model_arrays
    from wavegan.config import ModelConfig
    from wavegan.generator import Generator
    from wavegan.latent import z_from_seed
    from wavegan.macros import compute_macros
    from wavegan.models import build_generator

    keras.utils.set_random_seed(0)
    cfg = ModelConfig(slice_len=65536, sample_rate=44100, dim=64)
    weights = model_arrays(build_generator(cfg))
    gen = Generator(cfg, weights, backend=backend)
    gen.warmup((1, 16))
    bank = PadBank(gen, compute_macros(weights, cfg.latent_dim), RATE)
    bank.wait_idle(120)
    bank.latencies.clear()
    for i in range(n):
        bank.set_latent(i % 16, z_from_seed(100 + i, cfg.latent_dim), 100 + i)
        bank.wait_idle(30)
    bank.close()
    return np.asarray(bank.latencies)


def trigger_latencies(d, rec, template: np.ndarray, n: int) -> tuple[np.ndarray, int, int]:
    """(latencies in frames of the triggers heard in clean windows, triggers missed or late in
    clean windows, triggers left out because JACK reported an xrun or missed a cycle)."""
    from tests.daemon_util import find_phrase

    lats, bad, troubled = [], 0, 0
    for _ in range(n):
        time.sleep(0.3)
        xruns, sent = rec.xruns, time.monotonic()
        d.send("/wavegan/trigger", 3, 1.0)
        start = rec.frame_after(sent)
        end = start + 8192 + len(template)
        rec.wait_recorded(end)
        if not rec.clean_since(xruns, start, end):
            troubled += 1
            continue
        lag, score = find_phrase(rec.buf[:, 0], start, template)
        if score > 0.95:
            lats.append(lag)
        else:
            bad += 1
    return np.asarray(lats), bad, troubled


def busy_loops(n: int = 2) -> list[subprocess.Popen]:
    """``n`` processes spinning on a core each: what a busy machine looks like to the daemon."""
    return [subprocess.Popen(["sh", "-c", "while :; do :; done"]) for _ in range(n)]


def playing_daemon(ckpt: Path, out: Path, rec, *flags: str):
    """(a ``wavegan serve`` on JACK started with ``flags`` and recorded by ``rec``, pad 3's
    phrase after a fixed randomize: the template its triggers are found by)."""
    import soundfile as sf

    from tests.daemon_util import Daemon

    d = Daemon(ckpt, out, "--block-size", str(PERIOD), *flags, audio=True)
    try:
        rec.connect_outputs()
        rec.settle()
        d.request("/wavegan/randomize", 3, 31, expect="/wavegan/pad")
        _, (path,) = d.request("/wavegan/render", "pad3", 3, expect="/wavegan/rendered")
    except BaseException:
        d.stop()
        raise
    return d, sf.read(path, dtype="float32", always_2d=True)[0][:, 0]


def loaded_trigger_p99(ckpt: Path, out: Path, rec, *flags: str) -> tuple[float, int]:
    """(p99 trigger -> sound in ms, triggers missed in clean windows) for a daemon started
    with ``flags``, measured beside :func:`busy_loops`."""
    d, template = playing_daemon(ckpt, out, rec, *flags)
    busy: list[subprocess.Popen] = []
    try:
        busy = busy_loops()
        lats, bad, _ = trigger_latencies(d, rec, template, 150)
    finally:
        for proc in busy:
            proc.kill()
        d.stop()
    return float(np.percentile(lats / RATE * 1000, 99)), bad


def xruns_over(rec, seconds: float, load=None) -> int:
    """xruns JACK reported to the recorder in ``seconds``, calling ``load()`` meanwhile."""
    before, t_end = rec.xruns, time.monotonic() + seconds
    while time.monotonic() < t_end:
        if load is None:
            time.sleep(0.25)
        else:
            load()
    return rec.xruns - before


def main() -> None:
    from tests.jack_clients import JackRecorder

    keras_p95 = float(np.percentile(latent_change_latency("keras"), 95)) * 1000
    p95 = float(np.percentile(latent_change_latency("fast"), 95)) * 1000
    report("latent change -> playable, d=64/65536, p95", p95, "ms",
           baseline=keras_p95, baseline_name="plain Keras generator p95",
           target="<= 80 ms", passed=p95 <= 80)

    server = start_jack(RATE, PERIOD)
    os.environ["JACK_NO_START_SERVER"] = "1"
    tmp = Path(tempfile.mkdtemp())
    ckpt = make_checkpoint(tmp / "ckpt", slice_len=16384, sample_rate=RATE, dim=8)
    rec = JackRecorder("wg-bench", channels=1, seconds=1500.0)   # the whole run, ~15 min
    try:
        d, template = playing_daemon(ckpt, tmp / "out", rec)
        try:
            daemon_figures(d, rec, template)
        finally:
            d.stop()
        no_rt, no_rt_bad = loaded_trigger_p99(ckpt, tmp / "out", rec, "--no-realtime")
        print(f"beside two busy loops, --no-realtime: p99 {no_rt:.3f} ms", flush=True)
        rt, rt_bad = loaded_trigger_p99(ckpt, tmp / "out", rec)
        print(f"beside two busy loops: missed in clean windows {rt_bad} real-time, "
              f"{no_rt_bad} time-shared", flush=True)
        report("trigger -> sound beside 2 busy loops (p99)", rt, "ms", baseline=no_rt,
               baseline_name="--no-realtime p99", target="<= 1 period + 1 ms, none missed",
               passed=rt <= PERIOD_MS + 1.0 and rt_bad == 0)
    finally:
        rec.close()
        server.stop()


def daemon_figures(d, rec, template: np.ndarray) -> None:
    """Figures 1, 3 and 4 of the module docstring, on the machine as it is."""
    lats, bad, troubled = trigger_latencies(d, rec, template, 200)
    p99 = float(np.percentile(np.asarray(lats) / RATE * 1000, 99))
    print(f"triggers: {len(lats)} heard in clean windows, {bad} missed there, {troubled} "
          f"left out (xrun or missed cycle in the window)", flush=True)
    report(f"trigger -> sound on JACK (p99 of {len(lats)})", p99, "ms",
           baseline=PERIOD_MS, baseline_name="one period", target="<= 1 period + 1 ms, "
           "none missed", passed=p99 <= PERIOD_MS + 1.0 and bad == 0)

    idle = xruns_over(rec, 60)
    rounds = [0]

    def regenerate_and_trigger() -> None:
        for pad in range(16):
            d.send("/wavegan/randomize", pad, rounds[0] * 16 + pad)
            d.send("/wavegan/trigger", pad, 0.5)
        rounds[0] += 1
        time.sleep(0.25)

    loaded = xruns_over(rec, 60, regenerate_and_trigger)
    # JACK's dummy driver on some VMs reports xruns in bursts with nothing running: the
    # baseline is 60 s with the daemon idle, measured in this run, to tell the two apart.
    report("xruns in 60 s of regenerating + triggering 16 pads", loaded, "xruns",
           baseline=idle, baseline_name="60 s with the daemon idle",
           target="0 in 60 s", passed=loaded == 0)

    before = rec.xruns
    d.replies(0.5)
    d.sock.settimeout(0.002)  # the client must not be the bottleneck
    t0, answered = time.monotonic(), 0
    while time.monotonic() - t0 < 10:
        for _ in range(50):
            d.send("/wavegan/ping")
        answered += sum(1 for a, _ in d.replies(0.02) if a == "/wavegan/pong")
    elapsed = time.monotonic() - t0
    answered += sum(1 for a, _ in d.replies(0.5) if a == "/wavegan/pong")
    d.sock.settimeout(0.2)
    print(f"xruns during the 10 s of pings: {rec.xruns - before}", flush=True)
    report("OSC requests answered per second while playing", answered / elapsed, "msg/s")


if __name__ == "__main__":
    main()
