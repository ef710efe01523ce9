"""The pad bank: 16 latents with pre-rendered phrases, regenerated in the background.

The bank holds what plays: each pad's latent, the macro knobs and the style (a conditional
model's weights); the generator is a plain function of latents and style. A change
(randomize, set z, morph, walk, macro, style) only *requests* a new phrase; a worker thread
collects every pending request, generates them in one batch, post-processes, resamples to the
audio engine's rate, and swaps each pad's buffer in one reference assignment, so a trigger
always plays a complete buffer (the old one until the new one is ready). A change of many pads
at once (a knob) is played as drafts first and refined when no change waits (server.drafts).
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from server.drafts import DEFAULT_DRAFTS, Drafts, Refinement
from server.instruments import Instruments, SharedStyle
from wavegan.conditioning import style_vector
from wavegan.generator import Generator
from wavegan.latent import z_from_seed
from wavegan.macros import Macros
from wavegan.postprocess import finish

log = logging.getLogger("wavegan.serve")
N_PADS = 16
_TICKETS = itertools.count()   # request order: a pad's seq is the newest it plays


@dataclass
class Pad:
    index: int
    z: np.ndarray                                  # base latent [latent_dim] (before macros)
    seed: int | None = None
    phrase: np.ndarray | None = None               # model-rate audio [T, C] (for files)
    buffer: np.ndarray | None = None               # engine-rate stereo [N, 2] (for playback)
    choke: bool = False
    walk: float = 0.0                              # random-walk step (0 = off)
    ready_at: float = 0.0
    seq: int = -1                                  # newest request rendered (draft or whole)
    draft: bool = False                            # buffer is a draft, refinement to come


@dataclass
class Request:
    pad: int
    done: Callable[[Pad], None] | None = None
    failed: Callable[[Exception], None] | None = None   # told when the generation fails
    t0: float = field(default_factory=time.monotonic)
    seq: int = field(default_factory=lambda: next(_TICKETS))   # a change's requests share it


def to_engine(phrase: np.ndarray, model_rate: int, engine_rate: int) -> np.ndarray:
    """Model-rate ``[T, C]`` → engine-rate stereo ``[N, 2]`` float32 (contiguous)."""
    if model_rate != engine_rate:
        import soxr

        phrase = soxr.resample(phrase, model_rate, engine_rate, quality="HQ")
    if phrase.shape[1] == 1:
        phrase = np.repeat(phrase, 2, axis=1)
    return np.ascontiguousarray(phrase[:, :2], dtype=np.float32)


class PadBank:
    """Pads plus the background generation worker. Thread-safe for the control thread."""

    def __init__(self, generator: Generator, macros: Macros, engine_rate: int,
                 n_pads: int = N_PADS, seed: int = 0, style: np.ndarray | None = None,
                 drafts: Drafts = DEFAULT_DRAFTS, kit: bool = False):
        """``style``: the weights ``[S]`` a conditional model plays first (default: all
        styles alike). ``drafts``: when many pads change at once (``NO_DRAFTS``: never).
        ``kit``: the model's styles are instruments, one per pad (server.instruments)."""
        self.gen = generator
        self.macros = macros
        self.engine_rate = int(engine_rate)
        self.macro_values = np.zeros(len(macros.directions), np.float32)
        self.style = (style_vector(generator.config.styles, None) if style is None
                      else np.asarray(style, np.float32).copy())
        latent = generator.config.latent_dim
        self.instruments = (Instruments(generator.config.styles, n_pads) if kit
                            else SharedStyle())
        self.pads = [Pad(i, z_from_seed(seed + i, latent), seed + i) for i in range(n_pads)]
        self._lock = threading.Lock()          # guards z/undo, never held while generating
        self._undo: list[tuple[int, np.ndarray, int | None]] = []
        # one item per change (a knob's is 16 requests), so a change is never split
        self._queue: queue.Queue[list[Request] | None] = queue.Queue()
        self._gen_lock = threading.Lock()      # one generator call at a time (pads, stream),
        #                                        held per max_batch chunk, never by control threads
        self.latencies: list[float] = []       # request → playable, seconds
        self.drafts = drafts
        self._stale: set[int] = set()          # pads playing a draft (worker thread only)
        self._refinement = Refinement([], np.zeros((0, latent), np.float32), self.style, [])
        self.stages: dict[str, float] = defaultdict(float)   # seconds spent per knob-path stage
        self.renders = 0                       # batches rendered (drafts, whole, refinements)
        self.generator_events = 0              # generator calls' starts and ends: odd = one runs
        self.coalesced = 0                     # requests answered by a newer one's render
        self._thread = threading.Thread(target=self._work, name="wavegan-generate", daemon=True)
        self._thread.start()
        self.refresh_all()  # render every pad's first phrase (one batch)

    # -- control-thread API (non-blocking) ------------------------------------------------------
    def set_latent(self, pad: int, z: np.ndarray, seed: int | None,
                   done: Callable[[Pad], None] | None = None, undoable: bool = True,
                   failed: Callable[[Exception], None] | None = None) -> None:
        p = self.pads[pad]
        with self._lock:
            if undoable:
                self._undo.append((pad, p.z.copy(), p.seed))
                del self._undo[:-64]
            p.z, p.seed = np.asarray(z, np.float32).copy(), seed
        self._queue.put([Request(pad, done, failed)])

    def undo(self, done: Callable[[Pad], None] | None = None,
             failed: Callable[[Exception], None] | None = None) -> int:
        with self._lock:
            if not self._undo:
                raise ValueError("nothing to undo")
            pad, z, seed = self._undo.pop()
        self.set_latent(pad, z, seed, done, undoable=False, failed=failed)
        return pad

    def set_instrument(self, pad: int, name: str, done: Callable[[Pad], None] | None = None,
                       failed: Callable[[Exception], None] | None = None) -> None:
        """Pad ``pad`` plays instrument ``name`` (a kit model's class) from its next render."""
        self.instruments.set(pad, name)
        self._queue.put([Request(pad, done, failed)])

    def set_macro(self, k: int, value: float) -> int:
        self.macro_values[k] = value
        return self.refresh_all()

    def set_style(self, weights: np.ndarray) -> None:
        """Play style ``weights`` ``[S]`` from now on (every pad is rendered again). Returns
        at once: a generation under way finishes in the style it started with."""
        self.style = np.asarray(weights, np.float32).copy()   # one reference swap
        self.refresh_all()

    def refresh_all(self, done: Callable[[Pad], None] | None = None) -> int:
        """Render every pad again; returns the change's ticket: each pad's ``seq`` reaches it
        once the pad plays this change (or a newer one)."""
        ticket = next(_TICKETS)
        self._queue.put([Request(p.index, done, seq=ticket) for p in self.pads])
        return ticket

    def phrases(self, z: np.ndarray) -> np.ndarray:
        """What base latents ``[B, latent]`` (before macros: a pad's, the stream's, a morph's)
        sound like now: the macros applied, then :meth:`generate`."""
        return self.generate(self._with_macros(z))

    def generate(self, z: np.ndarray) -> np.ndarray:
        """Post-processed model-rate phrases ``[B, T, C]`` for latents ``[B, latent]`` as
        given (macros already applied), in the current style. The lock is taken per
        ``max_batch`` chunk, so a long render (a 64-step morph) lets the stream and the pads
        generate between its chunks."""
        return finish(self._raw(z, self.style), self.gen.config.sample_rate)

    def _raw(self, z: np.ndarray, style: np.ndarray, start: int = 0,
             stop: int | None = None) -> np.ndarray:
        """Samples ``[start, stop)`` of the generator's phrases, ``max_batch`` per lock."""
        step = self.gen.max_batch
        parts = []
        for i in range(0, len(z), step):
            with self._generating():
                parts.append(self.gen(z[i:i + step], _rows(style, i, step), start, stop))
        return np.concatenate(parts) if len(parts) > 1 else parts[0]

    def _stage(self, x, stage: int, start: int, stop: int) -> list:
        """A refinement step: frames ``[start, stop)`` of generator stage ``stage`` from its
        input (``(z, style)`` for stage 0, else the previous stage's chunks, as the generator
        returned them), one ``max_batch`` chunk per lock."""
        if stage == 0:
            z, style = x
            step = self.gen.max_batch
            x = [(z[i:i + step], _rows(style, i, step)) for i in range(0, len(z), step)]
        else:
            x = [(chunk, None) for chunk in x]
        out = []
        for chunk, style in x:
            with self._generating():
                out.append(self.gen.stage(chunk, stage, style, start, stop))
        return out

    @contextmanager
    def _generating(self) -> Iterator[None]:
        """Hold the generator for one call (pads, stream, files). Its start and its end each
        count an event, so whoever samples ``generator_events`` sees every call that overlapped
        the time since its last look: the count moved, or it is odd (a call runs now)."""
        with self._gen_lock:
            self.generator_events += 1
            try:
                yield
            finally:
                self.generator_events += 1

    def _styles(self, pads: list[int]) -> np.ndarray:
        """The style weights ``pads`` play: the shared ``[S]``, or a kit's ``[len(pads), S]``."""
        return self.instruments.rows(pads, self.style)

    def effective_z(self, pads: list[int]) -> np.ndarray:
        """The latents ``pads`` play now: theirs, moved by the macros."""
        return self._with_macros(self._base_z(pads))

    def _base_z(self, pads: list[int]) -> np.ndarray:
        with self._lock:
            return np.stack([self.pads[i].z for i in pads])

    def _with_macros(self, z: np.ndarray) -> np.ndarray:
        return self.macros.apply(z, self.macro_values)

    def wait_idle(self, timeout: float = 30.0, refined: bool = True) -> bool:
        """Block until every queued request is done and, if ``refined``, every draft has been
        replaced by its whole phrase (tests, start-up, files, shutdown)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._queue.unfinished_tasks == 0 and not (refined and self._stale):
                return True
            time.sleep(0.005)
        return False

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=10)

    # -- worker ---------------------------------------------------------------------------------
    def _work(self) -> None:
        while True:
            try:   # a pending refinement runs only while no change waits
                first = self._queue.get(block=not self._stale)
            except queue.Empty:
                self._refine_step()
                continue
            if first is None:
                self._queue.task_done()
                return
            changes = [first]
            while True:  # take everything waiting: a knob sweep queues a change per value
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is None:
                    self._queue.put(None)
                    self._queue.task_done()
                    break
                changes.append(nxt)
            batch = [req for change in changes for req in change]
            try:
                self._render(batch)
            except Exception as exc:  # a generation failure must not kill the worker
                log.exception("generation failed")
                self._tell_failed(batch, exc)
            finally:
                for _ in changes:
                    self._queue.task_done()

    def _refine_step(self) -> None:
        """One step of the refinement of the pads playing drafts."""
        ref = self._refinement
        try:
            if not ref:
                pads = sorted(self._stale)
                ref = self._refinement = Refinement(
                    pads, self._timed("macros", self.effective_z, pads), self._styles(pads),
                    self.gen.steps(self.drafts.segment))
            done = self._timed("network", ref.step, self._stage)
            self.renders += 1
        except Exception:
            log.exception("refinement failed: the pads keep their drafts")
            self._stale.clear()
            self._refinement.drop(self._refinement.pads)
            return
        if done is not None:
            self._swap(*done, draft=False)

    @staticmethod
    def _tell_failed(batch: list[Request], exc: Exception) -> None:
        for req in batch:
            if req.failed is not None:
                try:
                    req.failed(exc)
                except Exception:
                    log.exception("pad %d: the failure callback failed", req.pad)

    def _render(self, batch: list[Request]) -> None:
        """Render each pad named in ``batch`` once, at its latest latent, ``max_batch`` pads
        per generator call."""
        by_pad: dict[int, list[Request]] = {}
        for req in batch:
            by_pad.setdefault(req.pad, []).append(req)
        pads = sorted(by_pad)
        self.coalesced += len(batch) - len(pads)
        self._refinement.drop(pads)
        draft = self.drafts.wanted(len(pads), self.gen.config.slice_len)
        step = self.gen.max_batch
        for i in range(0, len(pads), step):
            self._render_pads({pad: by_pad[pad] for pad in pads[i:i + step]}, draft)

    def _timed(self, stage: str, fn, *args):
        t0 = time.perf_counter()
        out = fn(*args)
        self.stages[stage] += time.perf_counter() - t0
        return out

    def _render_pads(self, requests: dict[int, list[Request]], draft: bool) -> None:
        pads = list(requests)
        z = self._timed("macros", self.effective_z, pads)
        stop = self.drafts.length if draft else None
        raw = self._timed("network", self._raw, z, self._styles(pads), 0, stop)
        self.renders += 1
        now = self._swap(pads, raw, draft)
        for pad in pads:
            self.pads[pad].seq = max(r.seq for r in requests[pad])
            self.latencies.append(now - requests[pad][-1].t0)   # the change you hear now
        del self.latencies[:-1000]
        for pad in pads:   # every pad is swapped before anyone is told: a failing reply
            for r in requests[pad]:   # cannot leave the other pads stale
                if r.done is None:
                    continue
                try:
                    r.done(self.pads[pad])
                except Exception:
                    log.exception("pad %d: the ready callback failed", pad)

    def _swap(self, pads: list[int], raw: np.ndarray, draft: bool) -> float:
        """Post-process raw phrases of ``pads``, bring them to the engine's rate and swap
        them in; returns when they became playable."""
        rate = self.gen.config.sample_rate
        audio = self._timed("finish", finish, raw, rate)
        if draft:
            audio = self.drafts.fade(audio, rate)
        buffers = [self._timed("resample", to_engine, a, rate, self.engine_rate) for a in audio]
        t0 = time.perf_counter()
        now = time.monotonic()
        for pad, phrase, buffer in zip(pads, audio, buffers):
            p = self.pads[pad]
            p.phrase, p.buffer, p.ready_at, p.draft = phrase, buffer, now, draft  # playable
        if draft:
            self._stale.update(pads)
        else:
            self._stale.difference_update(pads)
        self.stages["swap"] += time.perf_counter() - t0
        return now


def _rows(style: np.ndarray, start: int, count: int) -> np.ndarray:
    """The style of latents ``[start, start + count)``: per-latent rows are cut with them."""
    return style[start:start + count] if np.ndim(style) == 2 else style
