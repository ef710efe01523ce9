"""A macro knob turned the way a MIDI CC stream moves it, on a real JACK server (issue 25).

d=64 models with random weights at 44.1 kHz (the rate of the JACK dummy server, 256-frame
periods), the pad bank playing through PortAudio → JACK while a pad is triggered every 100 ms,
the heap frozen once warmed up as the daemon freezes it.
One sweep sends a new value of macro 0 every 10 ms for 2 s; after the last value the bench
waits until every pad plays a render of it. Per phrase length and path, over ``--sweeps``:

* playable: last value → every pad plays a render of it (a draft or the whole phrase);
* whole: last value → every pad plays its whole phrase;
* coalesced: requests answered by a newer value's render (and the renders made);
* xruns JACK reported from the first value until whole, against as long a stretch with the
  daemon's pad bank idle in the same run (JACK's dummy driver on a VM has xruns with nothing
  running);
* whose xruns they are: the longest interval between two runs of the audio callback's Python
  code (one period when on time), against how late a real-time thread in another process
  woke meanwhile (``tests.benchmarks.rt_probe``: the platform's stalls, which nothing in this
  process can cause), and how many xruns came right after such a stall;
* where the time goes: seconds per stage of the knob path summed over the sweeps, and inside
  the network, milliseconds per layer for a 16-pad draft and a whole 16-pad render (each
  layer timed on its own, fed the previous one's output): the refinement computes the whole
  render's wide early layers once each and the rest in windows (server.drafts).

Paths: ``drafts`` (the default: the first 2048 samples of each pad, then the rest while no
value waits) against ``whole`` (every render whole: the path before drafts) in the same run.
Targets: playable p95 ≤ 100 ms at 65536 samples and ≤ 400 ms at 262144; whole ≤ 500 ms after
the knob rests at 65536; 0 xruns.

    python -m tests.benchmarks.bench_knob [--sweeps N] [--lengths 65536 262144]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import threading
import time

import numpy as np

from tests.benchmarks.common import machine, report
from tests.benchmarks.rt_probe import LATE_MS, RtProbe

RATE = 44100
PERIOD = 256
SWEEP_S = 2.0
STEP_S = 0.010
PLAYABLE_MS = {65536: 100.0, 262144: 400.0}
WHOLE_MS = 500.0
STAGES = ("macros", "network", "finish", "resample", "swap")


class Triggers:
    """A pad triggered every 100 ms on the mixer, as a hand on the pads would."""

    def __init__(self, bank, mixer):
        self.bank, self.mixer = bank, mixer
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        i = 0
        while not self._stop.wait(0.1):
            pad = self.bank.pads[i % len(self.bank.pads)]
            self.mixer.trigger(pad.buffer, 0.5, pad.index)
            i += 1

    def close(self) -> None:
        self._stop.set()
        self._thread.join()


class CallbackTimes:
    """When each audio callback's Python code ran (``time.monotonic``). One period apart when
    on time; a longer interval is a callback that waited, for the GIL or for a CPU."""

    def __init__(self) -> None:
        self.at: list[float] = []

    def add(self) -> None:
        self.at.append(time.monotonic())

    def intervals(self, spans: list[tuple[float, float]]) -> np.ndarray:
        """Milliseconds from each callback inside any of ``spans`` to the next one."""
        at = np.array(self.at[:])                    # the callback may be appending
        gaps = 1000 * np.diff(at)
        inside = np.zeros(len(gaps), bool)
        for a, b in spans:
            inside |= (at[:-1] >= a) & (at[:-1] <= b)
        return gaps[inside]


def timed_engine(times: CallbackTimes, block_size: int):
    """The daemon's :class:`server.engine.AudioEngine`, each callback timed into ``times``."""
    from server.engine import AudioEngine

    class TimedEngine(AudioEngine):
        def _callback(self, outdata, frames, time_info, status) -> None:
            times.add()
            super()._callback(outdata, frames, time_info, status)

    return TimedEngine(None, block_size)


def realtime_line(times: CallbackTimes, probe, spans: list[tuple[float, float]],
                  xrun_times: list[float]) -> str:
    """The intervals between audio callbacks and the other process's stalls inside ``spans``,
    and how many of the xruns JACK reported for them came right after such a stall (JACK
    tells of an xrun up to ``NOTIFY_GRACE_S`` after it)."""
    from tests.jack_clients import NOTIFY_GRACE_S

    ms = times.intervals(spans)
    stalls = probe.within(spans)
    xruns = [t for t in xrun_times if any(a <= t <= b + NOTIFY_GRACE_S for a, b in spans)]
    shared = sum(any(t - NOTIFY_GRACE_S - 0.05 <= at <= t for at, _ in list(probe.stalls))
                 for t in xruns)
    period = 1000 * PERIOD / RATE
    mine = (f"audio callbacks {period:.1f} ms apart, at most {ms.max():.1f} ms "
            f"({(ms > 1.5 * period).sum()} of {len(ms)} over 1.5 periods)" if len(ms)
            else "no audio callback ran")
    return (f"{mine}; a {probe.policy} thread in another process woke > "
            f"{LATE_MS:g} ms late {len(stalls)} times"
            + (f", at most {max(stalls):.1f} ms" if stalls else "")
            + f"; {shared} of {len(xruns)} xruns came right after such a stall")


def layer_profile(gen, z: np.ndarray, start: int, stop: int, repeat: int = 5) -> list[float]:
    """Milliseconds per layer of the fast generator for samples ``[start, stop)`` of ``z``'s
    phrases (medians; the dense projection first)."""
    import tensorflow as tf

    fast = gen._impl
    route = fast.route(len(z), start, stop)      # the layers and windows a call takes
    dense = fast.dense(route[0][1].lo, route[0][1].hi)

    def one(layer, w):      # a closure: tf.function would trace default arguments as inputs
        return tf.function(lambda x: layer(x, w))

    steps = [tf.function(dense)] + [one(layer, w) for layer, w in route]
    x, out = tf.constant(gen._inputs(z, None)), []
    for step in steps:      # eager CPU tensors: each layer's output feeds the next, no copies
        y = step(x)
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            y = step(x)
            times.append(time.perf_counter() - t0)
        out.append(1000 * float(np.median(times)))
        x = y
    return out


def print_layer_profile(gen, slice_len: int, draft_len: int) -> None:
    z = np.random.default_rng(1).uniform(-1, 1, (16, gen.config.latent_dim)).astype(np.float32)
    for what, (a, b) in (("16-pad draft", (0, draft_len)), ("whole 16-pad render", (0, slice_len))):
        ms = layer_profile(gen, z, a, b)
        how = [layer.method for layer, _ in gen._impl.route(len(z), a, b)]
        print(f"  network, {what} [{a}, {b}): " + ", ".join(
            [f"dense {ms[0]:.1f}"] + [f"layer {i} {t:.1f} ({m})"
                                      for i, (t, m) in enumerate(zip(ms[1:], how))])
            + f" ms (sum {sum(ms):.0f} ms)", flush=True)


def sweep(bank, rec) -> dict:
    """One 2-s sweep: (playable ms, whole ms, coalesced, renders, xruns)."""
    before = (bank.coalesced, bank.renders, rec.xruns)
    t0 = time.monotonic()
    values = np.sin(np.linspace(0, 3 * np.pi, int(SWEEP_S / STEP_S))) * 0.9
    ticket = 0
    for i, v in enumerate(values):
        time.sleep(max(0.0, t0 + i * STEP_S - time.monotonic()))
        ticket = bank.set_macro(0, float(v))
    t_last = time.monotonic()
    playable = whole = None
    while whole is None and time.monotonic() - t_last < 30:
        now = time.monotonic()
        if playable is None and all(p.seq >= ticket for p in bank.pads):
            playable = now - t_last
        if playable is not None and not any(p.draft for p in bank.pads):
            whole = now - t_last
        time.sleep(0.0005)
    return {"playable": 1000 * playable, "whole": 1000 * whole,
            "coalesced": bank.coalesced - before[0], "renders": bank.renders - before[1],
            "xruns": rec.xruns - before[2], "seconds": time.monotonic() - t0,
            "span": (t0, time.monotonic())}


def run_length(slice_len: int, sweeps: int, rec, engine, precision: str,
               drafts_on, times: CallbackTimes, probe) -> None:
    import keras

    from server.drafts import NO_DRAFTS
    from server.engine import freeze_heap
    from server.pads import PadBank
    from wavegan.checkpoint import model_arrays
    from wavegan.config import ModelConfig
    from wavegan.generator import Generator
    from wavegan.macros import compute_macros
    from wavegan.models import build_generator

    keras.utils.set_random_seed(0)
    cfg = ModelConfig(slice_len=slice_len, sample_rate=RATE, dim=64)
    weights = model_arrays(build_generator(cfg))
    gen = Generator(cfg, weights, backend="fast", precision=precision)
    bank = PadBank(gen, compute_macros(weights, cfg.latent_dim), engine.rate)
    bank.wait_idle(600)
    for drafts in (drafts_on, NO_DRAFTS):   # trace every window before timing
        bank.drafts = drafts
        bank.set_macro(0, 0.1)
        bank.wait_idle(600)
    freeze_heap()           # as the daemon does once built (its pause falls before the sweeps)
    time.sleep(1.0)
    tag = f"knob -> 16 pads, d64/{slice_len}"
    print(f"{tag}: precision {gen.precision}; where the time goes inside the network:",
          flush=True)
    print_layer_profile(gen, slice_len, drafts_on.length)
    results = {}
    triggers = Triggers(bank, engine.mixer)
    try:
        for name, drafts in (("drafts", drafts_on), ("whole", NO_DRAFTS)):
            bank.drafts = drafts
            bank.stages.clear()
            runs = [sweep(bank, rec) for _ in range(sweeps)]
            busy = sum(r["seconds"] for r in runs)
            results[name] = runs
            print(f"{tag} [{name}] " + "; ".join(
                f"playable {r['playable']:.0f} ms, whole {r['whole']:.0f} ms, "
                f"{r['coalesced']} coalesced / {r['renders']} renders, {r['xruns']} xruns"
                for r in runs), flush=True)
            print(f"{tag} [{name}] where the time goes over {sweeps} sweeps: " + ", ".join(
                f"{s} {1000 * bank.stages.get(s, 0.0):.0f} ms" for s in STAGES)
                + f" (of {1000 * busy:.0f} ms wall)", flush=True)
            print(f"{tag} [{name}] real time: " + realtime_line(
                times, probe, [r["span"] for r in runs], rec.xrun_times), flush=True)
    finally:
        triggers.close()
        bank.close()
    idle_t0 = time.monotonic()
    idle_xruns = xruns_idle(rec, sum(r["seconds"] for r in results["drafts"]))
    print(f"{tag} [idle] real time: "
          + realtime_line(times, probe, [(idle_t0, time.monotonic())], rec.xrun_times),
          flush=True)
    p95 = {k: float(np.percentile([r["playable"] for r in v], 95)) for k, v in results.items()}
    whole95 = {k: float(np.percentile([r["whole"] for r in v], 95)) for k, v in results.items()}
    xruns = sum(r["xruns"] for r in results["drafts"])
    target = PLAYABLE_MS[slice_len] if slice_len in PLAYABLE_MS else 4 * PLAYABLE_MS[65536]
    report(f"{tag} playable p95", p95["drafts"], "ms", baseline=p95["whole"],
           baseline_name="whole renders p95", target=f"<= {target:g} ms",
           passed=p95["drafts"] <= target)
    report(f"{tag} whole p95", whole95["drafts"], "ms", baseline=whole95["whole"],
           baseline_name="whole renders p95",
           target=f"<= {WHOLE_MS:g} ms" if slice_len == 65536 else "",
           passed=whole95["drafts"] <= WHOLE_MS if slice_len == 65536 else None)
    report(f"{tag} coalesced requests per sweep", float(np.mean(
        [r["coalesced"] for r in results["drafts"]])), "req")
    report(f"{tag} xruns during the sweeps", float(xruns), "xruns", baseline=float(idle_xruns),
           baseline_name="idle, as long", target="0", passed=xruns == 0)


def xruns_idle(rec, seconds: float) -> int:
    before = rec.xruns
    time.sleep(seconds)
    return rec.xruns - before


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sweeps", type=int, default=5, help="sweeps per path (default 5)")
    parser.add_argument("--lengths", type=int, nargs="+", default=[65536, 262144],
                        help="phrase lengths in samples (default 65536 262144)")
    parser.add_argument("--segment", type=int, default=None,
                        help="window of the refinement's last stage, in samples (default: the "
                             "daemon's, 16384)")
    parser.add_argument("--precision", choices=("auto", "fp32", "bf16"), default="auto",
                        help="the generator's precision, as `wavegan serve --precision` "
                             "(default auto)")
    parser.add_argument("--draft-length", type=int, default=None,
                        help="samples of each draft (default: the daemon's, 2048)")
    parser.add_argument("--render-threads", type=int, default=0, metavar="N",
                        help="threads the renders may use, as `wavegan serve "
                             "--render-threads` (default 0: every core)")
    args = parser.parse_args(argv)
    if args.render_threads < 0:
        parser.error("--render-threads: 0 (every core) or more")

    from server.drafts import DEFAULT_DRAFTS
    from server.render_threads import limit_render_threads
    from tests.jack_clients import JackRecorder
    from tests.jackd import start_jack
    from wavegan.precision import for_serving

    choice = for_serving(args.precision, "fast")
    precision = choice.precision
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.2f}", flush=True)
    print(f"precision {choice.reason}", flush=True)
    print(f"render threads: {limit_render_threads(args.render_threads).describe()}", flush=True)
    probe = RtProbe()   # first: it exits by itself when this process does (stdin closes)
    server = start_jack(RATE, PERIOD)
    os.environ["JACK_NO_START_SERVER"] = "1"
    rec = JackRecorder("wg-bench-knob", channels=1, seconds=5.0)
    times = CallbackTimes()
    engine = timed_engine(times, PERIOD)
    try:
        engine.start()
        for n in args.lengths:
            run_length(n, args.sweeps, rec, engine, precision, dataclasses.replace(
                DEFAULT_DRAFTS, **{k: v for k, v in (("segment", args.segment),
                                                     ("length", args.draft_length)) if v}),
                       times, probe)
    finally:
        import sounddevice

        probe.close()
        engine.close()
        rec.close()
        sounddevice._terminate()    # PortAudio's JACK client must go before the server does
        server.stop()
    print(f"load average after: {os.getloadavg()[0]:.2f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
