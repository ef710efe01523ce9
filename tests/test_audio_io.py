"""Reading whatever audio a musician has: formats, depths, rates, channels, broken files."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.drums import groove
from wavegan.audio_io import (
    SkipFile,
    find_audio_files,
    read_audio,
    wav_blocks,
    wav_layout,
    write_audio,
)

FORMATS = [
    ("wav", "WAV", "PCM_U8"), ("wav", "WAV", "PCM_16"), ("wav", "WAV", "PCM_24"),
    ("wav", "WAV", "PCM_32"), ("wav", "WAV", "FLOAT"), ("wav", "WAV", "DOUBLE"),
    ("flac", "FLAC", "PCM_16"), ("flac", "FLAC", "PCM_24"), ("ogg", "OGG", "VORBIS"),
    ("opus", "OGG", "OPUS"), ("mp3", "MP3", "MPEG_LAYER_III"), ("aiff", "AIFF", "PCM_16"),
    ("aiff", "AIFF", "PCM_24"), ("caf", "CAF", "PCM_16"), ("w64", "W64", "FLOAT"),
    ("rf64", "RF64", "PCM_24"), ("wav", "WAV", "ULAW"), ("wav", "WAV", "IMA_ADPCM"),
    ("wav", "WAVEX", "PCM_24"),
]


@pytest.mark.parametrize("ext,container,subtype", FORMATS)
def test_every_format_and_depth_decodes_to_the_same_groove(tmp_path, ext, container, subtype):
    rate = 48000 if subtype == "OPUS" else 44100
    audio, _ = groove(rate, 2.0, channels=2, seed=1)
    path = tmp_path / f"g.{ext}"
    sf.write(path, audio, rate, format=container, subtype=subtype)
    out = read_audio(path, 16000, 1)
    ref = read_audio(_write_ref(tmp_path, audio, rate), 16000, 1)
    assert out.dtype == np.float32 and out.shape[1] == 1
    assert abs(len(out) - len(ref)) <= 0.06 * 16000  # codecs add up to tens of ms of priming
    n = min(len(out), len(ref))
    lossy = subtype in ("VORBIS", "OPUS", "MPEG_LAYER_III", "PCM_U8", "ULAW", "IMA_ADPCM")
    if not lossy:
        np.testing.assert_allclose(out[:n], ref[:n], atol=2e-4)
    else:  # level preserved: same RMS within 1.5 dB
        assert 20 * np.log10(np.std(out) / np.std(ref)) == pytest.approx(0, abs=1.5)


def _write_ref(tmp_path, audio, rate):
    p = tmp_path / "ref.wav"
    sf.write(p, audio, rate, subtype="FLOAT")
    return p


def _reference_mix(path, channels):
    """libsndfile's decode, mixed with plain numpy: the fast WAV path must match it."""
    x, _ = sf.read(path, dtype="float64", always_2d=True)
    if channels == 1:
        return x.mean(axis=1, keepdims=True)
    return np.stack([x[:, 0::2].mean(axis=1), x[:, 1::2].mean(axis=1)], axis=1)


@pytest.mark.parametrize("container", ["WAV", "WAVEX"])
@pytest.mark.parametrize("subtype", ["PCM_U8", "PCM_16", "PCM_24", "PCM_32", "FLOAT", "DOUBLE"])
def test_wav_bytes_decoder_matches_libsndfile(tmp_path, container, subtype):
    audio, _ = groove(22050, 1.0, channels=6, seed=5)
    path = tmp_path / "six.wav"
    sf.write(path, audio, 22050, format=container, subtype=subtype)
    info = sf.info(path)
    layout = wav_layout(path, info.samplerate, info.channels, info.frames)
    assert layout is not None and layout.frames == info.frames == 22050
    for channels in (1, 2):
        # odd block size: blocks end mid-way through the file
        fast = np.concatenate([b for b, _ in wav_blocks(path, layout, channels, 997)])
        assert fast.dtype == np.float32 and fast.shape == (22050, channels)
        np.testing.assert_allclose(fast, _reference_mix(path, channels), atol=2.5e-7)


def _riff_with_extra_chunks(pcm_wav: bytes) -> bytes:
    """Insert an odd-sized LIST chunk (with its pad byte) before "data" and a trailing
    chunk after it, as DAWs and field recorders do."""
    fmt_end = 12 + 8 + 16
    assert pcm_wav[fmt_end:fmt_end + 4] == b"data"
    info = b"INFOISFT" + (9).to_bytes(4, "little") + b"wavegan!\0"
    listing = b"LIST" + len(info).to_bytes(4, "little") + info + b"\0"
    trailer = b"junk" + (6).to_bytes(4, "little") + b"\xff" * 6
    body = pcm_wav[12:fmt_end] + listing + pcm_wav[fmt_end:] + trailer
    return b"RIFF" + (len(body) + 4).to_bytes(4, "little") + b"WAVE" + body


def test_wav_chunks_around_the_data_are_skipped(tmp_path):
    audio, _ = groove(16000, 0.5, channels=2, seed=6)
    plain = tmp_path / "plain.wav"
    sf.write(plain, audio, 16000, subtype="PCM_24")
    odd = tmp_path / "chunks.wav"
    odd.write_bytes(_riff_with_extra_chunks(plain.read_bytes()))
    assert sf.info(odd).frames == 8000
    assert wav_layout(odd, 16000, 2, 8000) is not None
    np.testing.assert_array_equal(read_audio(odd, 16000, 2), read_audio(plain, 16000, 2))
    # a layout that disagrees with libsndfile's header parse hands the file back to it
    assert wav_layout(odd, 44100, 2, 8000) is None and wav_layout(odd, 16000, 2, 9000) is None


@pytest.mark.parametrize("rate,channels", [(8000, 1), (22050, 2), (44100, 2), (96000, 6)])
def test_any_rate_and_channel_count(tmp_path, rate, channels):
    audio, _ = groove(rate, 1.5, channels=channels, seed=2)
    path = tmp_path / "x.wav"
    sf.write(path, audio, rate, subtype="PCM_24")
    for target_rate, target_ch in ((16000, 1), (44100, 2)):
        out = read_audio(path, target_rate, target_ch)
        assert out.shape[1] == target_ch
        assert len(out) == pytest.approx(1.5 * target_rate, abs=target_rate * 0.002)
        assert np.abs(out).max() > 0.1


def test_resampling_keeps_a_tone_in_tune(tmp_path):
    rate = 96000
    t = np.arange(rate) / rate
    sf.write(tmp_path / "tone.wav", 0.5 * np.sin(2 * np.pi * 1000 * t), rate)
    out = read_audio(tmp_path / "tone.wav", 22050, 1)[:, 0]
    spectrum = np.abs(np.fft.rfft(out * np.hanning(len(out))))
    peak_hz = np.argmax(spectrum) * 22050 / len(out)
    assert peak_hz == pytest.approx(1000, abs=2)


BROKEN = {
    "empty.wav": (lambda p: p.write_bytes(b""), "empty file (0 bytes)"),
    "text.wav": (lambda p: p.write_text("this is not audio\n" * 50), "not audio"),
    "truncated.wav": (lambda p: p.write_bytes(_wav_bytes()[:30]), "not audio"),
    "header_only.wav": (lambda p: p.write_bytes(_wav_bytes()[:44]), "no audio frames"),
    "silent.wav": (lambda p: sf.write(p, np.zeros(8000), 8000), "silent"),
}


def _wav_bytes() -> bytes:
    import io

    buf = io.BytesIO()
    sf.write(buf, np.full(4000, 0.5, np.float32), 8000, format="WAV", subtype="PCM_16")
    return buf.getvalue()


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_broken_file_is_skipped_with_its_reason(tmp_path, name):
    make, reason = BROKEN[name]
    make(tmp_path / name)
    with pytest.raises(SkipFile) as err:
        read_audio(tmp_path / name, 16000, 1)
    assert reason in str(err.value)
    assert str(tmp_path) not in str(err.value)  # the reason, not the path again


def test_truncated_data_still_reads_what_is_there(tmp_path):
    data = _wav_bytes()
    (tmp_path / "cut.wav").write_bytes(data[: 44 + 2000])  # header claims 4000 frames
    out = read_audio(tmp_path / "cut.wav", 8000, 1)
    assert 900 <= len(out) <= 1000 and np.allclose(out, 0.5, atol=1e-3)


def test_folder_walk_lists_audio_and_flags_directories(tmp_path):
    (tmp_path / "kit" / "snares").mkdir(parents=True)
    (tmp_path / "x.wav").mkdir()
    (tmp_path / ".hidden").mkdir()
    for p in ("kit/a.WAV", "kit/snares/b.flac", ".hidden/c.wav", "README.md", "kit/d.mid"):
        (tmp_path / p).write_bytes(b"x")
    found, skipped = find_audio_files(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["kit/a.WAV",
                                                                   "kit/snares/b.flac"]
    assert skipped == [(tmp_path / "x.wav", "is a directory, not an audio file")]
    with pytest.raises(FileNotFoundError):
        find_audio_files(tmp_path / "nope")


def test_unreadable_file_is_skipped():
    """Permissions only bind non-root users; run the check as 'nobody' when we are root."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="wavegan-perm-"))  # world-traversable, unlike tmp_path
    folder.chmod(0o755)
    path = folder / "locked.wav"
    sf.write(path, np.full(800, 0.3), 8000)
    path.chmod(0)
    code = ("import sys; from wavegan.audio_io import read_audio, SkipFile\n"
            "try:\n    read_audio(sys.argv[1], 8000)\nexcept SkipFile as e:\n    print(e)\n")
    cmd = [sys.executable, "-c", code, str(path)]
    if os.geteuid() == 0:
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60)
    finally:
        shutil.rmtree(folder)
    assert out.stdout.strip() == "permission denied", out.stderr[-500:]


@pytest.mark.parametrize("name,rate,channels,fmt,subtype", [
    ("long.w64", 96000, 6, "W64", "FLOAT"),   # libsndfile's decoder
    ("long.wav", 96000, 2, "WAV", "PCM_24"),  # the WAV bytes decoder
])
def test_a_long_file_is_streamed_not_loaded_whole(tmp_path, name, rate, channels, fmt, subtype):
    """10 minutes at 96 kHz (float32 at the file's rate: 1.4 GB for 6 channels, 460 MB for
    stereo) read to 8 kHz mono (19 MB): the reader's peak memory stays near the output size."""
    path = tmp_path / name
    minutes = 10
    with sf.SoundFile(path, "w", rate, channels, subtype=subtype, format=fmt) as f:
        block = np.tile(np.sin(np.arange(rate) * 0.01)[:, None], (1, channels))
        for _ in range(minutes * 60):
            f.write((block * 0.5).astype(np.float32))
    whole_mb = minutes * 60 * rate * channels * 4 // 2**20
    code = ("import resource, sys; from wavegan.audio_io import read_audio\n"
            "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "a = read_audio(sys.argv[1], 8000, 1)\n"
            "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "print(len(a), (after - before) // 1024)\n")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                         text=True, timeout=300)
    frames, grown_mb = map(int, out.stdout.split())
    assert frames == pytest.approx(minutes * 60 * 8000, rel=1e-3)
    assert grown_mb < 100, f"reader grew by {grown_mb} MB (whole file would be {whole_mb} MB)"


def test_reading_never_modifies_the_users_folder(tmp_path):
    audio, _ = groove(44100, 1.0, seed=3)
    sf.write(tmp_path / "a.wav", audio, 44100, subtype="PCM_24")
    (tmp_path / "b.wav").write_text("junk")

    def tree():
        return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
                for p in sorted(tmp_path.iterdir())}

    before = tree()
    for p in find_audio_files(tmp_path)[0]:
        try:
            read_audio(p, 16000, 1)
        except SkipFile:
            pass
    assert tree() == before


def test_write_then_read_round_trip(tmp_path):
    audio, _ = groove(22050, 0.5, channels=2, seed=4)
    write_audio(tmp_path / "o.flac", audio, 22050, "flac")
    back = read_audio(tmp_path / "o.flac", 22050, 2)
    np.testing.assert_allclose(back, np.clip(audio, -1, 1), atol=1e-6)
    with pytest.raises(ValueError):
        write_audio(tmp_path / "o.xyz", audio, 22050, "xyz")
