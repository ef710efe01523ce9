"""``wavegan evaluate --oneshots CORPUS``: kit models measured against held-out real kits.

The one-shot corpus (:mod:`trainer.oneshots`) holds out whole kits. A classifier (the network
of :mod:`trainer.classifier`, its softmax head naming the instrument class) is trained on the
*training* kits' hits, each padded/cut to ``ONESHOT_FEATURES.clip_len``, and every source of
hits is then scored against the *held-out* kits:

* **IS** over the class softmax, and its share of the held-out kits' own IS;
* **FD** between Gaussians fitted to the classifier's embeddings of the source and of the
  held-out hits (the held-out row: between two class-stratified halves of them, the floor);
* **as asked**: per class c, the share of hits asked for c (a conditional kit model; for real
  rows the hit's label) that the classifier names c, averaged over classes;
* **physical measures** per class (:mod:`trainer.oneshot_measures`): median spectral centroid,
  attack, decay to −30 dB and the floor after it, compared with the held-out kits' medians.

Targets (:data:`TARGETS`): as asked ≥ 80 %, IS ≥ 80 % of the held-out kits', FD ≤ a quarter of
white noise's, every class's median centroid and decay within 25 % of the held-out kits'.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from trainer.classifier import Classifier, ClassifierConfig, FeatureParams, front_end, read_mono
from trainer.evaluate import frechet_distance, generate_phrases, inception_score
from trainer.oneshot_measures import class_medians, hit_measures
from wavegan.checkpoint import load_checkpoint
from wavegan.errors import UserError
from wavegan.gm_drums import CLASSES

#: 22.05 kHz keeps the hats' and cymbals' band up to 11 kHz; 1.49 s holds most of a crash
ONESHOT_FEATURES = FeatureParams(sample_rate=22050, clip_len=32768, n_fft=1024, hop=256,
                                 n_mels=64, fmin=30.0, fmax=11000.0)
AS_ASKED_MIN = 0.80        # as asked, averaged over classes
IS_SHARE_MIN = 0.80        # IS as a share of the held-out kits'
FD_NOISE_MAX = 0.25        # FD as a share of white noise's
MEASURE_TOLERANCE = 0.25   # every class's median centroid and decay within ±25 % of held-out
TARGETS = ("as asked", "IS", "FD", "centroid", "decay")
Progress = Callable[[str, int, int], None]


# -- the corpus -------------------------------------------------------------------------------
@dataclass
class Hits:
    """Mono hits of one source at ``sample_rate``, each with its class (true, or asked for)."""

    audio: list[np.ndarray]
    classes: list[str]
    sample_rate: int
    kits: list[str] = field(default_factory=list)


def load_manifest(corpus: str | Path) -> dict:
    path = Path(corpus) / "manifest.json"
    if not path.is_file():
        raise UserError(f"{corpus}: no manifest.json; make a one-shot corpus with "
                        "`wavegan corpus --kind oneshots --out DIR`")
    manifest = json.loads(path.read_text())
    if manifest.get("kind") != "oneshots":
        raise UserError(f"{corpus}: not a one-shot corpus (made by `wavegan corpus --kind "
                        "oneshots`)")
    return manifest


def load_hits(corpus: str | Path, manifest: dict, split: str) -> Hits:
    """The corpus's hits of one split (``train`` / ``heldout``), at the corpus rate."""
    sr = int(manifest.get("recipe", {}).get("sample_rate", 44100))
    files = [f for f in manifest["files"] if f["split"] == split]
    if not files:
        raise UserError(f"{corpus}: the manifest lists no {split} hits")
    return Hits([read_mono(Path(corpus) / f["audio"], sr) for f in files],
                [f["class"] for f in files], sr, [f["kit"] for f in files])


def corpus_hash(manifest: dict) -> str:
    rows = sorted((f["audio"], f["sha256"], f["split"]) for f in manifest["files"])
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()


def batch(hits: Sequence[np.ndarray], sr: int, fp: FeatureParams) -> np.ndarray:
    """Hits ``[T_i]`` → ``[B, L]``, zero-padded or cut to the classifier's clip at rate ``sr``."""
    length = int(np.ceil(fp.clip_len * sr / fp.sample_rate))
    out = np.zeros((len(hits), length), np.float32)
    for i, h in enumerate(hits):
        out[i, :min(length, len(h))] = h[:length]
    return out


def is_oneshot_classifier(clf: Classifier) -> bool:
    return clf.meta.get("training", {}).get("kind") == "oneshots"


# -- the classifier ---------------------------------------------------------------------------
@dataclass
class OneshotClassifierOptions:
    """``wavegan evaluate train-classifier --corpus ONESHOTS`` settings."""

    epochs: int = 40
    batch_size: int = 32
    learning_rate: float = 1e-3
    seed: int = 0
    width: int = 16
    embed_dim: int = 64
    max_delay_ms: float = 10.0     # augmentation: each hit starts 0..this late
    balance: float = 1.0           # a hit is drawn with weight 1 / (hits of its class)^balance
    stretch: float = 0.15          # augmentation: played 1 ± up to this faster (pitch and time)
    features: FeatureParams = ONESHOT_FEATURES


def class_accuracy(probs: np.ndarray, labels: Sequence[str], names: Sequence[str]) -> dict:
    """``{"accuracy", "balanced", "per_class"}``: share named right over all hits, and the
    mean over classes of each class's share (classes the classifier does not know count 0)."""
    picked = np.asarray(names)[np.asarray(probs).argmax(axis=1)]
    labels = np.asarray(labels)
    per = {c: float(np.mean(picked[labels == c] == c)) for c in dict.fromkeys(labels)}
    return {"accuracy": float(np.mean(picked == labels)),
            "balanced": float(np.mean(list(per.values()))), "per_class": per}


def train_oneshot_classifier(corpus: str | Path, out: str | Path,
                             opts: OneshotClassifierOptions | None = None,
                             progress: Callable[[int, int, dict], None] | None = None
                             ) -> Classifier:
    """Train on the training kits, report accuracy on the held-out kits, save to ``out``."""
    import keras

    opts = opts or OneshotClassifierOptions()
    manifest = load_manifest(corpus)
    train, held = load_hits(corpus, manifest, "train"), load_hits(corpus, manifest, "heldout")
    fp = opts.features
    names = [c for c in CLASSES if c in set(train.classes)]
    names += sorted(set(train.classes) - set(names))          # a user's own classes
    x = front_end(batch(train.audio, train.sample_rate, fp), train.sample_rate, fp)
    y = np.array([names.index(c) for c in train.classes])
    keras.utils.set_random_seed(opts.seed)
    rng = np.random.default_rng(opts.seed)
    clf = Classifier.new(ClassifierConfig(names, [], fp, opts.width, opts.embed_dim))
    trainable = keras.Model(clf.model.input, clf.model.outputs[0])
    trainable.compile(optimizer=keras.optimizers.Adam(opts.learning_rate),
                      loss="sparse_categorical_crossentropy")
    counts = np.bincount(y, minlength=len(names))
    weights = counts[y] ** -opts.balance   # rare classes drawn more often (1: as often as kicks)
    batches = max(1, int(np.ceil(len(x) / opts.batch_size)))
    total, done, loss = opts.epochs * batches, 0, float("nan")
    max_delay = int(opts.max_delay_ms * 1e-3 * fp.sample_rate)
    for _ in range(total):
        idx = rng.choice(len(x), opts.batch_size, p=weights / weights.sum())
        xb = np.zeros((len(idx), fp.clip_len), np.float32)
        for b, i in enumerate(idx):
            d = int(rng.integers(0, max_delay + 1))
            speed = 1.0 + rng.uniform(-opts.stretch, opts.stretch)   # another drum's size
            xb[b, d:] = np.interp(np.arange(fp.clip_len - d) * speed, np.arange(fp.clip_len),
                                  x[i], right=0.0)
        xb *= rng.uniform(0.3, 1.0, (len(xb), 1)).astype(np.float32)   # level augmentation
        loss = float(np.atleast_1d(trainable.train_on_batch(xb, y[idx]))[0])
        done += 1
        if progress:
            progress(done, total, {"loss": loss})
    probs = clf.analyze(batch(held.audio, held.sample_rate, fp), held.sample_rate)["style"]
    acc = class_accuracy(probs, held.classes, names)
    summary: dict[str, Any] = {
        "kind": "oneshots", "epochs": opts.epochs, "batches": total, "final_loss": loss,
        "train_hits": len(x), "heldout_hits": len(held.audio), "seed": opts.seed,
        "train_kits": sorted(set(train.kits)), "heldout_kits": sorted(set(held.kits)),
        "heldout_class_accuracy": acc["accuracy"], "heldout_balanced_accuracy": acc["balanced"],
        "heldout_per_class": acc["per_class"]}
    clf.save(out, training=summary, data_hash=corpus_hash(manifest))
    return clf


# -- measuring a source -----------------------------------------------------------------------
@dataclass
class Reference:
    """The held-out kits as every source is compared with them."""

    hits: Hits
    embedding: np.ndarray
    medians: dict[str, dict[str, float | None]]
    is_mean: float = float("nan")


def per_class_measures(hits: Hits) -> dict[str, dict[str, Any]]:
    groups: dict[str, list] = {}
    for audio, cls in zip(hits.audio, hits.classes):
        groups.setdefault(cls, []).append(hit_measures(audio, hits.sample_rate))
    return {c: {"n": len(ms)} | class_medians(ms) for c, ms in groups.items()}


def split_halves(classes: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Indices of two halves with each class dealt alternately into them."""
    seen: dict[str, int] = {}
    side = []
    for c in classes:
        side.append(seen.get(c, 0) % 2)
        seen[c] = seen.get(c, 0) + 1
    side_a = np.asarray(side) == 0
    return np.flatnonzero(side_a), np.flatnonzero(~side_a)


def compare(measures: dict, ref: dict, key: str) -> dict[str, float | None]:
    """Per class in both: the source's median / the held-out kits' (None: undefined)."""
    out = {}
    for c, m in measures.items():
        r = ref.get(c, {}).get(key)
        if r is not None and r > 0:
            out[c] = None if m[key] is None else m[key] / r
    return out


def measure_source(name: str, kind: str, hits: Hits, clf: Classifier, ref: Reference | None,
                   *, asked: bool = True) -> dict[str, Any]:
    """All figures of one source. ``asked``: ``hits.classes`` are what each hit was asked for
    (or its true class); otherwise the hits are grouped by the classifier's naming."""
    fp, names = clf.config.features, clf.config.styles
    out = clf.analyze(batch(hits.audio, hits.sample_rate, fp), hits.sample_rate)
    probs, emb = out["style"], out["embedding"]
    picked = [names[i] for i in probs.argmax(axis=1)]
    is_mean, is_std = inception_score(probs)
    if ref is None:   # the held-out kits themselves: two halves of them, the FD floor
        a, b = split_halves(hits.classes)
        fd = frechet_distance(emb[a], emb[b])
    else:
        fd = frechet_distance(emb, ref.embedding)
    known = [c for c in dict.fromkeys(hits.classes) if c in names]
    match = {c: float(np.mean([p == c for p, h in zip(picked, hits.classes) if h == c]))
             for c in known} if asked else {}
    grouped = hits if asked else Hits(hits.audio, picked, hits.sample_rate)
    measures = per_class_measures(grouped)
    ref_medians = ref.medians if ref is not None else measures
    return {
        "name": name, "kind": kind, "n": len(hits.audio), "sample_rate": hits.sample_rate,
        "is_mean": is_mean, "is_std": is_std, "fd": fd,
        "as_asked": float(np.mean(list(match.values()))) if match else None,
        "as_asked_per_class": match,
        "class_share": {c: picked.count(c) / len(picked) for c in names if c in picked},
        "measures": measures,
        "centroid_ratio": compare(measures, ref_medians, "centroid_hz"),
        "decay_ratio": compare(measures, ref_medians, "decay_ms"),
        "_embedding": emb, "_picked": picked,
    }


def within(ratios: dict[str, float | None]) -> bool:
    return bool(ratios) and all(r is not None and abs(r - 1) <= MEASURE_TOLERANCE
                                for r in ratios.values())


def judge(row: dict, held_is: float, noise_fd: float | None) -> None:
    """Adds ``row["targets"]`` ({target: {value, pass}}) and ``row["verdict"]``."""
    t: dict[str, dict[str, Any]] = {}
    t["as asked"] = {"value": row["as_asked"], "pass": row["as_asked"] is not None
                     and row["as_asked"] >= AS_ASKED_MIN}
    t["IS"] = {"value": row["is_mean"] / held_is, "pass": row["is_mean"] >= IS_SHARE_MIN * held_is}
    t["FD"] = ({"value": row["fd"] / noise_fd, "pass": row["fd"] <= FD_NOISE_MAX * noise_fd}
               if noise_fd else {"value": None, "pass": None})
    for key, col in (("centroid", "centroid_ratio"), ("decay", "decay_ratio")):
        ok = sum(r is not None and abs(r - 1) <= MEASURE_TOLERANCE for r in row[col].values())
        t[key] = {"value": f"{ok}/{len(row[col])}", "pass": within(row[col])}
    row["targets"] = t
    row["verdict"] = all(v["pass"] is not False for v in t.values())


def noise_hits(ref: Hits, seed: int) -> Hits:
    """White noise, one burst per held-out hit 'asked' for its class and as loud (RMS), all as
    long as the median hit: a source that ignores what it is asked for (were each as long as
    its hit, the length alone would tell a crash from a hat)."""
    rng = np.random.default_rng(seed)
    length = int(np.median([len(h) for h in ref.audio]))
    audio = [np.clip(rng.normal(0, float(np.sqrt(np.mean(h.astype(np.float64) ** 2))), length),
                     -1, 1).astype(np.float32) for h in ref.audio]
    return Hits(audio, list(ref.classes), ref.sample_rate)


# -- the whole evaluation ---------------------------------------------------------------------
def evaluate_oneshots(corpus: str | Path, clf: Classifier, checkpoints: Sequence[str | Path] = (),
                      *, n: int = 256, seed: int = 0, backend: str = "auto", noise: bool = True,
                      progress: Progress | None = None) -> dict[str, Any]:
    """Rows: the held-out kits, the training kits, white noise, each checkpoint."""
    started = time.monotonic()
    if not is_oneshot_classifier(clf):
        raise UserError(f"{clf.path}: not a one-shot classifier; train one with `wavegan "
                        f"evaluate train-classifier --corpus {corpus}`")
    step = progress or (lambda what, d, t: None)
    total = 3 + len(checkpoints)
    step("reading the corpus", 0, total)
    manifest = load_manifest(corpus)
    held, train = load_hits(corpus, manifest, "heldout"), load_hits(corpus, manifest, "train")
    first = measure_source("held-out kits", "heldout", held, clf, None)
    ref = Reference(held, first["_embedding"], first["measures"], first["is_mean"])
    rows = [first]
    examples = {first["name"]: _examples(held)}
    step("the training kits", 1, total)
    rows.append(measure_source("training kits", "train", train, clf, ref))
    examples[rows[-1]["name"]] = _examples(train)
    if noise:
        step("white noise", 2, total)
        white = noise_hits(held, seed)
        rows.append(measure_source("white noise", "noise", white, clf, ref))
        examples[rows[-1]["name"]] = _examples(white)
    for k, ck in enumerate(checkpoints):
        name = Path(ck).name
        audio, gen = generate_phrases(
            ck, n, seed, backend, progress=lambda d, t, _nm=name: step(f"generating {_nm}", d, t))
        step(f"measuring {name}", 3 + k, total)
        styles = list(gen.config.styles)
        asked = [styles[i % len(styles)] for i in range(n)] if styles else []
        hits = Hits(list(audio), asked or [""] * n, gen.config.sample_rate)
        rows.append(measure_source(name, "model", hits, clf, ref, asked=bool(styles)))
        rows[-1]["checkpoint"] = {"path": str(ck), "step": load_checkpoint(ck).step,
                                  "label": gen.label, "styles": styles, "backend": gen.backend}
        examples[name] = _examples(hits if styles else Hits(hits.audio, rows[-1]["_picked"],
                                                            hits.sample_rate))
    step("done", total, total)
    noise_fd = next((r["fd"] for r in rows if r["kind"] == "noise"), None)
    for r in rows:
        r.pop("_embedding")
        r.pop("_picked")
        judge(r, ref.is_mean, noise_fd)
    ident = clf.identity()
    return {
        "kind": "oneshots", "corpus": str(corpus), "classifier": ident,
        "classifier_matches_corpus": ident["training_data_sha256"] == corpus_hash(manifest),
        "classifier_accuracy": clf.meta.get("training", {}).get("heldout_balanced_accuracy"),
        "classes": list(clf.config.styles), "n": n, "seed": seed,
        "heldout_kits": sorted(set(held.kits)), "heldout_hits": len(held.audio),
        "train_hits": len(train.audio), "rows": rows,
        "seconds": round(time.monotonic() - started, 1), "_examples": examples}


def _examples(hits: Hits) -> dict[str, Any]:
    """The first hit of each class, for the PNG."""
    first: dict[str, np.ndarray] = {}
    for audio, cls in zip(hits.audio, hits.classes):
        first.setdefault(cls, np.asarray(audio, np.float32))
    return {"hits": first, "sample_rate": hits.sample_rate}
