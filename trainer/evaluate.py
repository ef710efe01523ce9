"""Sound-quality figures for a generator: the WaveGAN paper's method, adapted to drums.

For each source of phrases (real held-out slices, white noise, one or more checkpoints) the
same classifier (:mod:`trainer.classifier`) and the same maths give:

* **Inception Score** ``exp(E_x KL(p(style|x) || p(style)))`` over the style softmax (± its
  bootstrap standard deviation). High when phrases are classified confidently *and* all styles
  occur. The real held-out score is the upper bound a model can reach.
* **Fréchet distance** between Gaussians fitted to classifier embeddings (penultimate layer) of
  the source and of the real training slices. The real held-out row is the floor.
* **Nearest-neighbour distance**: mean distance between unit-length embeddings from each
  phrase to its nearest real training slice, and its ratio to the same figure for real held-out
  phrases (≈1 is healthy, ≪1 means collapsed onto the training data).
* **Near-copies**: the fraction of phrases whose waveform matches one of its 5 embedding-nearest
  training slices with a normalised cross-correlation ≥ 0.9 at some lag (a copy, possibly
  shifted); the real held-out row shows the rate that happens by chance between different
  performances of the same kit.
* **Spectral and dynamics checks** (:mod:`trainer.audio_checks`): energy above 8 kHz and the
  high-band slope; transients per second and the quiet floor below each phrase's peak.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from trainer.audio_checks import (
    HF_SPLIT_HZ,
    WELCH_FFT,
    dynamics_check,
    mean_spectrum,
    spectral_check,
)
from trainer.classifier import Classifier
from wavegan.conditioning import cycle_styles
from wavegan.errors import UserError

COPY_NEIGHBOURS = 5
COPY_CORRELATION = 0.9
COPY_CACHE_BYTES = 256 << 20


# -- metrics (pure numpy) ---------------------------------------------------------------------
def _is(p: np.ndarray) -> float:
    py = p.mean(axis=0, keepdims=True)
    return float(np.exp(np.sum(p * (np.log(p) - np.log(py)), axis=1).mean()))


def inception_score(probs: np.ndarray, resamples: int = 50, seed: int = 0) -> tuple[float, float]:
    """IS of class probabilities ``[N, S]`` over all N, and its bootstrap standard deviation.

    (The paper's 10 splits need thousands of phrases; with a few hundred, splits make the
    marginal ``p(y)`` noisy and the score depend on the phrases' order, so we bootstrap.)
    """
    p = np.clip(np.asarray(probs, np.float64), 1e-12, 1.0)
    rng = np.random.default_rng(seed)
    boot = [_is(p[rng.integers(0, len(p), len(p))]) for _ in range(resamples)]
    return _is(p), float(np.std(boot))


def _sqrtm_psd(m: np.ndarray) -> np.ndarray:
    w, v = np.linalg.eigh((m + m.T) / 2)
    return (v * np.sqrt(np.clip(w, 0, None))) @ v.T


def frechet_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Fréchet distance between Gaussians fitted to embeddings ``a [N, E]`` and ``b [M, E]``:
    ``|mu_a - mu_b|² + tr(Ca + Cb - 2 (Ca^½ Cb Ca^½)^½)`` (symmetric, exact for PSD matrices)."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    mu = a.mean(0) - b.mean(0)
    ca, cb = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    ra = _sqrtm_psd(ca)
    cross = np.trace(_sqrtm_psd(ra @ cb @ ra))
    return float(max(0.0, mu @ mu + np.trace(ca) + np.trace(cb) - 2.0 * cross))


def pairwise_distances(query: np.ndarray, ref: np.ndarray) -> np.ndarray:
    """Euclidean distances ``[N, M]`` between rows of ``query [N, E]`` and ``ref [M, E]``."""
    q, r = np.asarray(query, np.float64), np.asarray(ref, np.float64)
    d2 = (q * q).sum(1)[:, None] + (r * r).sum(1)[None, :] - 2.0 * q @ r.T
    return np.sqrt(np.clip(d2, 0, None))


def nearest_distances(query: np.ndarray, ref: np.ndarray) -> np.ndarray:
    """Distance from each ``query [N, E]`` row to its nearest ``ref [M, E]`` row: ``[N]``."""
    return pairwise_distances(query, ref).min(axis=1)


def copy_similarity(phrases: np.ndarray, train: np.ndarray, candidates: np.ndarray) -> np.ndarray:
    """Max normalised cross-correlation (any lag) of each phrase ``[N, T]`` with its candidate
    training slices (``candidates [N, K]`` indices into ``train [M, T]``): ``[N]`` in [0, 1]."""
    n_fft = 2 * phrases.shape[1]
    out = np.zeros(len(phrases))
    spec_t: dict[int, np.ndarray] = {}   # training spectra, reused across phrases …
    budget = max(8, COPY_CACHE_BYTES // ((n_fft // 2 + 1) * 16))   # … up to this many
    norms = np.sqrt((np.asarray(train, np.float64) ** 2).sum(1))
    for i, x in enumerate(np.asarray(phrases, np.float64)):
        xs, xn = np.fft.rfft(x, n_fft), np.sqrt((x * x).sum())
        for j in candidates[i]:
            if j not in spec_t:
                if len(spec_t) >= budget:
                    spec_t.clear()
                spec_t[j] = np.fft.rfft(train[j], n_fft)
            corr = np.fft.irfft(xs * np.conj(spec_t[j]), n_fft)
            out[i] = max(out[i], float(np.abs(corr).max() / max(1e-12, xn * norms[j])))
    return out


# -- sources ----------------------------------------------------------------------------------
@dataclass
class Reference:
    """Real phrases ``[N, T]`` (mono, model rate) split by file into train / held-out."""

    train: np.ndarray
    heldout: np.ndarray
    sample_rate: int
    files: int
    path: str
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (path, reason)


@dataclass
class SourceResult:
    """The figures for one source of phrases."""

    name: str
    kind: str                      # real | noise | model
    n: int
    is_mean: float
    is_std: float
    fd: float
    nn_mean: float
    nn_ratio: float
    near_copies: float
    max_similarity: float
    hf_energy: float | None
    hf_slope_db_oct: float | None
    rms_db: float
    onsets_per_s: float            # transients per second (real drums: several)
    floor_db: float                # quiet tenth below the loudest moment (real: ≈ −40 dB)
    pulse: float                   # onset autocorrelation peak, 120–750 ms (corpus ≈ 0.35)
    style_share: dict[str, float] = field(default_factory=dict)
    instrument_rate: dict[str, float] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class RealStats:
    """What every source is compared against (computed once per reference)."""

    train: np.ndarray              # [M, T] training slices (for the copy check)
    train_emb: np.ndarray          # [M, E]
    nn_real: np.ndarray            # [H] held-out → train nearest distances


def unit_rows(emb: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (nearest-neighbour distances are taken between directions,
    so a quiet phrase's small embedding is not 'near' everything)."""
    return emb / np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-12)


def real_stats(clf: Classifier, ref: Reference) -> RealStats:
    emb = clf.analyze(ref.train, ref.sample_rate)["embedding"]
    held = clf.analyze(ref.heldout, ref.sample_rate)["embedding"]
    return RealStats(ref.train, emb, nearest_distances(unit_rows(held), unit_rows(emb)))


def measure(name: str, kind: str, phrases: np.ndarray, sample_rate: int, clf: Classifier,
            real: RealStats, asked: Sequence[str] = (), **extra) -> SourceResult:
    """All figures for mono phrases ``[N, T]`` at ``sample_rate``; ``asked``: the style each
    phrase of a conditional model was asked for (adds ``extra["style_match"]``)."""
    out = clf.analyze(phrases, sample_rate)
    match = style_match(out["style"], asked, clf.config.styles)
    if match is not None:
        extra = extra | {"style_match": match}
    is_mean, is_std = inception_score(out["style"])
    dist = pairwise_distances(unit_rows(out["embedding"]), unit_rows(real.train_emb))
    nn = dist.min(axis=1)
    k = min(COPY_NEIGHBOURS, dist.shape[1])
    similar = copy_similarity(phrases, real.train, np.argsort(dist, axis=1)[:, :k])
    spec = spectral_check(phrases, sample_rate)
    dyn = dynamics_check(phrases, sample_rate)
    rms = float(np.sqrt(np.mean(np.square(phrases, dtype=np.float64))))
    cfg = clf.config
    return SourceResult(
        name=name, kind=kind, n=len(phrases), is_mean=is_mean, is_std=is_std,
        fd=frechet_distance(out["embedding"], real.train_emb),
        nn_mean=float(nn.mean()), nn_ratio=float(nn.mean() / max(1e-12, real.nn_real.mean())),
        near_copies=float(np.mean(similar >= COPY_CORRELATION)),
        max_similarity=float(similar.max()),
        hf_energy=spec["hf_energy"], hf_slope_db_oct=spec["hf_slope_db_oct"],
        rms_db=float(20 * np.log10(max(rms, 1e-10))),
        onsets_per_s=dyn["onsets_per_s"], floor_db=dyn["floor_db"], pulse=dyn["pulse"],
        style_share={s: float(v) for s, v in zip(cfg.styles, np.bincount(
            out["style"].argmax(1), minlength=len(cfg.styles)) / max(1, len(phrases)))},
        instrument_rate={k: float(v) for k, v in zip(cfg.instruments,
                                                     (out["instruments"] > 0.5).mean(0))},
        extra=extra)


def noise_like(shape: tuple[int, int], rms: float, seed: int = 0) -> np.ndarray:
    """White Gaussian noise ``[N, T]`` at a given RMS, clipped to [-1, 1]."""
    rng = np.random.default_rng(seed)
    return np.clip(rng.normal(0.0, rms, shape), -1, 1).astype(np.float32)


def generate_phrases(checkpoint: str | Path, n: int, seed: int = 0, backend: str = "auto",
                     batch_size: int = 32,
                     progress: Callable[[int, int], None] | None = None) -> tuple[np.ndarray, Any]:
    """``n`` mono phrases ``[n, slice_len]`` from seeds ``seed … seed+n-1`` and the generator,
    post-processed as ``wavegan generate`` and ``wavegan serve`` play them (DC removed, edge
    fades), so the figures describe what users hear. A conditional model is asked for its
    styles in turn (phrase i plays :func:`asked_styles` ``[i]``)."""
    from wavegan.generator import Generator
    from wavegan.postprocess import finish

    gen = Generator.from_checkpoint(checkpoint, backend=backend, max_batch=batch_size)
    styles = gen.config.styles
    onehot = cycle_styles(len(styles), n)
    parts = []
    for i in range(0, n, batch_size):
        audio = gen.from_seeds(range(seed + i, seed + min(n, i + batch_size)),
                               onehot[i:i + batch_size] if styles else None)
        parts.append(finish(audio, gen.config.sample_rate).mean(axis=2))
        if progress:
            progress(min(n, i + batch_size), n)
    return np.concatenate(parts).astype(np.float32), gen


def asked_styles(styles: Sequence[str], n: int) -> list[str]:
    """The style each of :func:`generate_phrases`' ``n`` phrases was asked for."""
    return [styles[i % len(styles)] for i in range(n)] if styles else []


def style_match(probs: np.ndarray, asked: Sequence[str], known: Sequence[str]) -> float | None:
    """Share of phrases the classifier files under the style they were asked for (None when
    the model's styles are not the classifier's)."""
    if not asked or not set(asked) <= set(known):
        return None
    picked = np.asarray(known)[np.asarray(probs).argmax(axis=1)]
    return float(np.mean(picked == np.asarray(asked)))


# -- reference --------------------------------------------------------------------------------
def load_reference(folder: str | Path, sample_rate: int, slice_len: int, *,
                   max_slices: int = 2048, seed: int = 0) -> Reference:
    """Slice every audio file under ``folder`` at the model's rate and length.

    Files are split into train / held-out: by a corpus ``manifest.json`` when there is one,
    otherwise every fifth file (sorted by path) is held out. Files that cannot be read
    (corrupt, silent, not audio) are listed in ``skipped`` with the reason, as ``wavegan
    scan`` would. Silent slices are dropped; at most
    ``max_slices`` train and ``max_slices // 4`` held-out slices are kept (seeded choice).
    """
    from wavegan.audio_io import SkipFile, display_path, find_audio_files, read_audio

    folder = Path(folder)
    if not folder.is_dir():
        raise UserError(f"{folder}: reference folder not found")
    held_names: set[str] | None = None
    if (folder / "manifest.json").is_file():
        from trainer.corpus import load_manifest

        manifest = load_manifest(folder)
        held_names = {f["audio"] for f in manifest["files"] if f["split"] == "heldout"}
    files, skipped = find_audio_files(folder)
    unreadable = 0
    train, held = [], []
    for i, path in enumerate(files):   # i counts candidates, so a bad file moves no split
        try:
            audio = read_audio(path, sample_rate, 1)[:, 0]
        except SkipFile as exc:
            skipped.append((path, str(exc)))
            unreadable += 1
            continue
        hop = slice_len // 2
        for s in range(0, max(1, len(audio) - slice_len + 1), hop):
            sl = np.zeros(slice_len, np.float32)
            seg = audio[s:s + slice_len]
            sl[:len(seg)] = seg
            if np.sqrt(np.mean(sl ** 2)) < 1e-3:
                continue
            is_held = (path.relative_to(folder).as_posix() in held_names
                       if held_names is not None else i % 5 == 2)
            (held if is_held else train).append(sl)
    if len(held) < 8 and len(train) >= 16:   # too few files to split by file: split by slice
        held += train[-max(8, len(train) // 5):]
        train = train[:-max(8, len(train) // 5)]
    if len(train) < 8 or len(held) < 8:
        raise UserError(f"{folder}: too little audio for a reference ({len(train)} training and "
                        f"{len(held)} held-out slices of {slice_len} samples; need ≥ 8 each)")
    rng = np.random.default_rng(seed)
    def pick(xs, k):
        return (np.stack([xs[j] for j in sorted(rng.choice(len(xs), k, replace=False))])
                if len(xs) > k else np.stack(xs))
    return Reference(pick(train, max_slices), pick(held, max(8, max_slices // 4)), sample_rate,
                     len(files) - unreadable, str(folder),
                     [(display_path(p), why) for p, why in skipped])


# -- the whole evaluation ---------------------------------------------------------------------
def evaluate(checkpoints: Sequence[str | Path], reference_dir: str | Path, clf: Classifier, *,
             n: int = 256, seed: int = 0, backend: str = "auto", noise: bool = True,
             progress: Callable[[str, int, int], None] | None = None) -> dict[str, Any]:
    """Evaluate checkpoints against a reference folder; returns the JSON-ready report.

    Checkpoints with different sample rates / lengths each get a reference sliced to match;
    the real and noise rows are computed per distinct (rate, length).
    """
    from wavegan.checkpoint import load_checkpoint

    groups: dict[tuple[int, int], list] = {}
    for path in checkpoints:
        ck = load_checkpoint(path)
        groups.setdefault((ck.config.sample_rate, ck.config.slice_len), []).append(ck)
    report: dict[str, Any] = {"classifier": clf.identity(), "n": n, "seed": seed, "groups": []}
    examples: dict[str, np.ndarray] = {}
    for (sr, length), ckpts in groups.items():
        tag = f"{sr} Hz × {length}"
        if progress:
            progress(f"slicing reference ({tag})", 0, 1)
        ref = load_reference(reference_dir, sr, length, seed=seed)
        real = real_stats(clf, ref)
        held = ref.heldout
        if len(held) > n:   # a seeded sample across all held-out files, not the first by name
            held = held[np.sort(np.random.default_rng(seed).choice(len(held), n, replace=False))]
        rows = [measure("real (held-out)", "real", held, sr, clf, real)]
        examples[f"real ({tag})"] = _example(held, sr)
        if noise:
            rms = float(np.sqrt(np.mean(held.astype(np.float64) ** 2)))
            white = noise_like((n, length), rms, seed)
            rows.append(measure("white noise", "noise", white, sr, clf, real))
            examples[f"white noise ({tag})"] = _example(white, sr)
        for ck in ckpts:
            name = ck.meta.get("label") or ck.path.name
            phrases, gen = generate_phrases(
                ck.path, n, seed, backend,
                progress=(lambda d, t, _nm=name: progress(f"generating {_nm}", d, t))
                if progress else None)
            rows.append(measure(name, "model", phrases, sr, clf, real,
                                asked_styles(gen.config.styles, len(phrases)),
                                checkpoint=ck.summary() | {"backend": gen.backend}))
            examples[f"{name} ({tag})"] = _example(phrases, sr)
        report["groups"].append({
            "sample_rate": sr, "slice_len": length,
            "reference": {"path": ref.path, "files": ref.files, "train_slices": len(ref.train),
                          "heldout_slices": len(ref.heldout),
                          "skipped": [{"path": p, "reason": why} for p, why in ref.skipped]},
            "rows": [r.__dict__ for r in rows]})
    report["_examples"] = examples
    return report


def _example(phrases: np.ndarray, sample_rate: int) -> dict[str, Any]:
    return {"phrases": phrases[:4], "spectrum": mean_spectrum(phrases), "sample_rate": sample_rate}


def write_png(path: str | Path, examples: dict[str, dict[str, Any]]) -> Path:
    """One row per source: four example spectrograms, then the mean spectrum of all sources."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(examples)
    fig, axes = plt.subplots(len(names) + 1, 4, figsize=(14, 2.4 * (len(names) + 1)),
                             squeeze=False)
    for row, name in enumerate(names):
        ex = examples[name]
        for col in range(4):
            ax = axes[row][col]
            if col < len(ex["phrases"]):
                ax.specgram(ex["phrases"][col], NFFT=512, Fs=ex["sample_rate"], noverlap=384,
                            cmap="magma", vmin=-120, vmax=-20, scale="dB")
            ax.set_title(f"{name} #{col}", fontsize=8)
            ax.tick_params(labelsize=6)
    spec_ax = fig.add_subplot(len(names) + 1, 1, len(names) + 1)
    for ax in axes[-1]:
        ax.remove()
    for name in names:
        ex = examples[name]
        freqs = np.fft.rfftfreq(WELCH_FFT, 1.0 / ex["sample_rate"])
        spec_ax.semilogx(freqs[1:], 10 * np.log10(ex["spectrum"][1:] + 1e-20), label=name)
    spec_ax.axvline(HF_SPLIT_HZ, color="grey", ls=":")
    spec_ax.set_xlabel("Hz")
    spec_ax.set_ylabel("mean power dB")
    spec_ax.legend(fontsize=7)
    fig.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return path
