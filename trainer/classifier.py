"""The evaluation classifier: a small CNN on log-mel spectrograms of drum phrases.

It plays the role of the SC09 digit classifier in the WaveGAN paper: trained once on a corpus
(``wavegan corpus``) to predict a phrase's **style** (softmax, used for the Inception Score) and
which **instruments** play in it (sigmoid, multi-label, from the MIDI); its penultimate layer is
the embedding for Fréchet distance and nearest-neighbour diversity.

Every phrase is brought to one fixed front end before the network sees it: mixed to mono,
resampled to ``FeatureParams.sample_rate`` and cropped/zero-padded to ``clip_len`` samples, so
models of any rate, length or channel count are measured by the same ruler.

A classifier is a directory written atomically (like a model checkpoint, never pickled)::

    CLS/classifier.json   classifier_version, feature params, label names, training-data hash,
                          training summary, SHA-256 of the weights
    CLS/weights.npz       every variable by its Keras path

Figures are comparable only between evaluations that used the same classifier: the JSON report
of ``wavegan evaluate`` records its version and weight hash.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from wavegan import __version__
from wavegan.atomic_files import atomic_directory, sha256_file, write_json, write_npz
from wavegan.checkpoint import (
    CheckpointError,
    assign_arrays,
    model_arrays,
)
from wavegan.errors import UserError

CLASSIFIER_VERSION = 1
META_FILE = "classifier.json"
WEIGHTS_FILE = "weights.npz"


@dataclass(frozen=True)
class FeatureParams:
    """The fixed front end: audio ``[B, clip_len]`` at ``sample_rate`` → log-mel frames."""

    sample_rate: int = 16000
    clip_len: int = 16384          # 1.02 s at 16 kHz
    n_fft: int = 512
    hop: int = 128
    n_mels: int = 64
    fmin: float = 30.0
    fmax: float = 8000.0

    @property
    def frames(self) -> int:
        return 1 + (self.clip_len - self.n_fft) // self.hop


@dataclass
class ClassifierConfig:
    """Architecture and labels; everything needed to rebuild the network."""

    styles: list[str]
    instruments: list[str]
    features: FeatureParams = field(default_factory=FeatureParams)
    width: int = 16                # channels of the first conv block (doubles per block)
    embed_dim: int = 64

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ClassifierConfig:
        d = dict(d)
        d["features"] = FeatureParams(**d.get("features", {}))
        return cls(**d)


def build_model(cfg: ClassifierConfig):
    """Keras model: audio ``[B, clip_len]`` → ``(style_probs [B, S], presence [B, I],
    embedding [B, embed_dim])``."""
    import keras
    import tensorflow as tf

    fp = cfg.features

    class LogMel(keras.layers.Layer):
        """``[B, clip_len]`` → ``[B, frames, n_mels, 1]`` log10 mel power (no weights)."""

        def __init__(self, **kw):
            super().__init__(**kw)
            self.mel = tf.signal.linear_to_mel_weight_matrix(
                fp.n_mels, fp.n_fft // 2 + 1, fp.sample_rate, fp.fmin, fp.fmax)

        def call(self, x):
            spec = tf.signal.stft(x, fp.n_fft, fp.hop, fp.n_fft, pad_end=False)
            power = tf.math.square(tf.math.abs(spec))
            mel = tf.tensordot(power, self.mel, 1)
            return (tf.math.log(mel + 1e-6) / tf.math.log(10.0) + 3.0)[..., None] / 3.0

    audio = keras.Input((fp.clip_len,), name="audio")
    x = LogMel(name="logmel")(audio)
    for i in range(4):
        ch = cfg.width * 2 ** min(i, 2)
        x = keras.layers.Conv2D(ch, 3, padding="same", activation="relu", name=f"conv{i}")(x)
        x = keras.layers.MaxPooling2D(2, name=f"pool{i}")(x)
    x = keras.layers.Lambda(lambda t: tf.reduce_mean(t, axis=2), name="mel_mean")(x)
    x = keras.layers.Flatten(name="flatten")(x)
    emb = keras.layers.Dense(cfg.embed_dim, activation="relu", name="embedding")(x)
    h = keras.layers.Dropout(0.3, name="dropout")(emb)
    style = keras.layers.Dense(len(cfg.styles), activation="softmax", name="style")(h)
    if cfg.instruments:
        inst = keras.layers.Dense(len(cfg.instruments), activation="sigmoid",
                                  name="instruments")(h)
    else:   # a one-shot classifier names the class only: an empty [B, 0] head, no weights
        inst = keras.layers.Lambda(lambda t: t[:, :0], name="instruments")(h)
    return keras.Model(audio, [style, inst, emb], name="drum_classifier")


def front_end(phrases: np.ndarray, sample_rate: int, fp: FeatureParams) -> np.ndarray:
    """``[B, T]`` or ``[B, T, C]`` audio at ``sample_rate`` → ``[B, clip_len]`` float32 mono at
    the classifier rate (cropped from the start or zero-padded at the end)."""
    import soxr

    x = np.asarray(phrases, np.float32)
    if x.ndim == 3:
        x = x.mean(axis=2)
    if sample_rate != fp.sample_rate:
        x = np.stack([soxr.resample(row, sample_rate, fp.sample_rate, quality="HQ")
                      for row in x]).astype(np.float32)
    out = np.zeros((len(x), fp.clip_len), np.float32)
    n = min(fp.clip_len, x.shape[1])
    out[:, :n] = x[:, :n]
    return out


@dataclass
class Classifier:
    """A loaded classifier; call :meth:`analyze` on phrases."""

    config: ClassifierConfig
    model: Any
    meta: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    @classmethod
    def new(cls, config: ClassifierConfig) -> Classifier:
        return cls(config, build_model(config))

    def analyze(self, phrases: np.ndarray, sample_rate: int,
                batch_size: int = 64) -> dict[str, np.ndarray]:
        """Phrases ``[B, T(, C)]`` → ``{"style": [B, S], "instruments": [B, I],
        "embedding": [B, E]}`` (float64)."""
        x = front_end(phrases, sample_rate, self.config.features)
        outs: list[list[np.ndarray]] = [[], [], []]
        for i in range(0, len(x), batch_size):
            for acc, y in zip(outs, self.model(x[i:i + batch_size], training=False)):
                acc.append(np.asarray(y, np.float64))
        keys = ("style", "instruments", "embedding")
        return {k: np.concatenate(v) if v else np.zeros((0, 0)) for k, v in zip(keys, outs)}

    @property
    def weights_sha256(self) -> str:
        return str(self.meta.get("weights_sha256", ""))

    def identity(self) -> dict[str, Any]:
        """What a report must quote so its figures can be compared with another's."""
        return {"classifier_version": self.meta.get("classifier_version", CLASSIFIER_VERSION),
                "weights_sha256": self.weights_sha256,
                "training_data_sha256": self.meta.get("training_data_sha256", ""),
                "path": str(self.path) if self.path else None}

    def save(self, path: str | os.PathLike, *, training: dict[str, Any] | None = None,
             data_hash: str = "") -> Path:
        """Write atomically (temp dir beside ``path``, then rename); replaces ``path``."""
        path = Path(path)
        with atomic_directory(path) as tmp:
            write_npz(tmp / WEIGHTS_FILE, model_arrays(self.model))
            meta = {
                "classifier_version": CLASSIFIER_VERSION,
                "config": self.config.to_dict(),
                "training_data_sha256": data_hash,
                "training": training or {},
                "weights_sha256": sha256_file(tmp / WEIGHTS_FILE),
                "created_by": f"wavegan-drums {__version__}",
                "created_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
            }
            write_json(tmp / META_FILE, meta)
        self.meta, self.path = meta, path
        return path


def load_classifier(path: str | os.PathLike) -> Classifier:
    """Open a classifier directory, checking its version and weight checksum."""
    path = Path(path)
    meta_path = path / META_FILE
    if not meta_path.is_file():
        raise CheckpointError(f"{path}: not a classifier (no {META_FILE}); train one with "
                              "`wavegan evaluate train-classifier --corpus DIR --out CLS`")
    try:
        meta = json.loads(meta_path.read_text())
        version = int(meta["classifier_version"])
        config = ClassifierConfig.from_dict(meta["config"])
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise CheckpointError(f"{meta_path}: corrupt classifier metadata ({exc})") from exc
    if version != CLASSIFIER_VERSION:
        raise CheckpointError(f"{path}: classifier version {version}, this wavegan-drums uses "
                              f"{CLASSIFIER_VERSION}; retrain it so figures stay comparable")
    weights = path / WEIGHTS_FILE
    if not weights.is_file() or sha256_file(weights) != meta.get("weights_sha256"):
        raise CheckpointError(f"{weights}: missing or corrupt (SHA-256 differs from {META_FILE})")
    with np.load(weights, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    model = build_model(config)
    assign_arrays(model, arrays, str(weights))
    return Classifier(config, model, meta, path)


# -- training ---------------------------------------------------------------------------------
@dataclass
class TrainClassifierOptions:
    """``wavegan evaluate train-classifier`` settings."""

    epochs: int = 12
    batch_size: int = 32
    crops_per_second: float = 1.0   # random crops drawn per second of training audio, per epoch
    learning_rate: float = 1e-3
    seed: int = 0
    width: int = 16
    embed_dim: int = 64
    features: FeatureParams = field(default_factory=FeatureParams)


@dataclass
class LabelledAudio:
    """One corpus file at the classifier rate: mono ``audio [T]``, style index, MIDI hits."""

    audio: np.ndarray
    style: int
    hit_times: np.ndarray      # [H] seconds
    hit_classes: np.ndarray    # [H] instrument index


def data_hash(manifest: dict) -> str:
    """SHA-256 naming the corpus files (and their split) a classifier was trained on."""
    import hashlib

    rows = sorted((f["audio"], f["sha256"], f["split"]) for f in manifest["files"])
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()


def load_labelled(corpus: Path, manifest: dict, split: str, fp: FeatureParams,
                  styles: list[str], instruments: list[str]) -> list[LabelledAudio]:
    from trainer.corpus import midi_hits
    from wavegan.grooves import INSTRUMENTS

    out = []
    for f in manifest["files"]:
        if f["split"] != split:
            continue
        audio = read_mono(corpus / f["audio"], fp.sample_rate)
        hits = midi_hits(corpus / f["midi"])
        times, classes = [], []
        for h in hits:
            for j, name in enumerate(instruments):
                if h.note in INSTRUMENTS[name]:
                    times.append(h.time)
                    classes.append(j)
        out.append(LabelledAudio(audio, styles.index(f["style"]), np.asarray(times),
                                 np.asarray(classes, np.int64)))
    return out


def read_mono(path: Path, sample_rate: int) -> np.ndarray:
    """A whole corpus file as mono float32 ``[T]`` at ``sample_rate`` (channels averaged).

    A file that cannot be used raises :class:`UserError` naming it: the classifier's
    training data is a corpus whose every file is expected, so nothing is skipped quietly."""
    from wavegan.audio_io import SkipFile, read_audio

    try:
        return read_audio(path, sample_rate, 1, skip_silent=False)[:, 0]
    except SkipFile as exc:
        raise UserError(f"{path}: {exc}; regenerate the corpus with `wavegan corpus`") from exc


def crops(items: list[LabelledAudio], starts: list[tuple[int, int]], fp: FeatureParams,
          n_inst: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(item, start sample)`` pairs → audio ``[B, clip_len]``, style ``[B]``,
    presence ``[B, I]`` (an instrument is present when one of its hits starts in the crop)."""
    x = np.zeros((len(starts), fp.clip_len), np.float32)
    ys = np.zeros(len(starts), np.int64)
    yi = np.zeros((len(starts), n_inst), np.float32)
    for b, (i, s) in enumerate(starts):
        it = items[i]
        seg = it.audio[s:s + fp.clip_len]
        x[b, :len(seg)] = seg
        ys[b] = it.style
        t0, t1 = s / fp.sample_rate, (s + fp.clip_len) / fp.sample_rate
        yi[b, it.hit_classes[(it.hit_times >= t0) & (it.hit_times < t1)]] = 1.0
    return x, ys, yi


def _fixed_starts(items: list[LabelledAudio], clip_len: int) -> list[tuple[int, int]]:
    return [(i, s) for i, it in enumerate(items)
            for s in range(0, max(1, len(it.audio) - clip_len + 1), clip_len)]


def train_classifier(corpus: str | os.PathLike, out: str | os.PathLike,
                     opts: TrainClassifierOptions | None = None, progress=None) -> Classifier:
    """Train on the corpus's ``train`` files, report accuracy on ``heldout``, save to ``out``.

    ``progress(done, total, info)`` is called after every batch.
    """
    import keras

    from trainer.corpus import load_manifest
    from wavegan.grooves import INSTRUMENTS

    opts = opts or TrainClassifierOptions()
    corpus = Path(corpus)
    manifest = load_manifest(corpus)
    styles, instruments = list(manifest["styles"]), list(INSTRUMENTS)
    fp = opts.features
    train = load_labelled(corpus, manifest, "train", fp, styles, instruments)
    held = load_labelled(corpus, manifest, "heldout", fp, styles, instruments)
    if not train:
        raise UserError(f"{corpus}: the manifest lists no training files")
    keras.utils.set_random_seed(opts.seed)
    rng = np.random.default_rng(opts.seed)
    clf = Classifier.new(ClassifierConfig(styles, instruments, fp, opts.width, opts.embed_dim))
    trainable = keras.Model(clf.model.input, clf.model.outputs[:2])
    trainable.compile(optimizer=keras.optimizers.Adam(opts.learning_rate),
                      loss=["sparse_categorical_crossentropy", "binary_crossentropy"])
    seconds = sum(len(it.audio) for it in train) / fp.sample_rate
    per_epoch = max(opts.batch_size, int(seconds * opts.crops_per_second))
    batches = per_epoch // opts.batch_size
    total, done, loss = opts.epochs * batches, 0, float("nan")
    weights = np.array([max(1, len(it.audio) - fp.clip_len) for it in train], np.float64)
    for _ in range(opts.epochs):
        for _ in range(batches):
            idx = rng.choice(len(train), opts.batch_size, p=weights / weights.sum())
            starts = [(int(i), int(rng.integers(0, max(1, len(train[i].audio) - fp.clip_len))))
                      for i in idx]
            x, ys, yi = crops(train, starts, fp, len(instruments))
            x *= rng.uniform(0.3, 1.0, (len(x), 1)).astype(np.float32)  # level augmentation
            loss = float(np.atleast_1d(trainable.train_on_batch(x, [ys, yi]))[0])
            done += 1
            if progress:
                progress(done, total, {"loss": loss})
    summary: dict[str, Any] = {"epochs": opts.epochs, "batches": total, "final_loss": loss,
                               "train_files": len(train), "heldout_files": len(held),
                               "train_seconds": round(seconds, 1), "seed": opts.seed}
    if held:
        x, ys, yi = crops(held, _fixed_starts(held, fp.clip_len), fp, len(instruments))
        res = clf.analyze(x, fp.sample_rate)
        summary["heldout_style_accuracy"] = float(np.mean(res["style"].argmax(1) == ys))
        summary["heldout_instrument_accuracy"] = float(
            np.mean((res["instruments"] > 0.5) == (yi > 0.5)))
        summary["heldout_clips"] = len(x)
    clf.save(out, training=summary, data_hash=data_hash(manifest))
    return clf
