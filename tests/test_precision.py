"""``--precision auto``: the fastest precision by what the CPU has (wavegan.precision), for
``wavegan serve``, ``wavegan generate`` and ``wavegan train`` (and the SageMaker entry, which
shares trainer.run.train)."""

from __future__ import annotations

import gc
import json
import logging

import pytest

import trainer.config
import trainer.run
from tests.cli_util import wavegan
from wavegan import cli
from wavegan import precision as precision_module
from wavegan.precision import decide, for_serving, parse_cpu_flags, read_cpu_flags

BASE = "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr sse sse2 ht syscall nx lm " \
       "pni ssse3 fma cx16 sse4_1 sse4_2 movbe popcnt aes xsave avx f16c rdrand"
AVX2 = f"processor\t: 0\nmodel name\t: AMD EPYC 7B12\nflags\t\t: {BASE} avx2 bmi1 bmi2\n"
EPYC = (f"processor\t: 0\nmodel name\t: AMD EPYC 9B14\nflags\t\t: {BASE} avx2 avx512f "
        "avx512dq avx512bw avx512vl avx512_vnni avx512_bf16 vaes\n")
XEON = (f"processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Platinum 8488C\nflags\t\t: {BASE} "
        "avx2 avx512f avx512bw avx512_vnni avx512_bf16 avx512_fp16 amx_bf16 amx_tile amx_int8\n")
ARM = "processor\t: 0\nBogoMIPS\t: 243.75\nFeatures\t: fp asimd evtstrm aes bf16 i8mm\n"


# -- the decision -------------------------------------------------------------------------------
@pytest.mark.parametrize("flags, serve, train, flag", [
    (XEON, "bf16", ("bf16", "direct"), "amx_bf16"),
    (EPYC, "bf16", ("fp32", "winograd"), "avx512_bf16"),
    (AVX2, "fp32", ("fp32", "winograd"), "no bfloat16 instructions"),
    (None, "fp32", ("fp32", "winograd"), "unknown CPU"),
    (ARM, "fp32", ("fp32", "winograd"), "unknown CPU"),   # no x86 "flags" line
    ("", "fp32", ("fp32", "winograd"), "unknown CPU"),
])
def test_the_decision_for_each_kind_of_cpu(flags, serve, train, flag):
    served = decide(flags)
    assert (served.precision, served.convs) == (serve, None)
    assert served.reason.startswith(f"{serve}: ") and flag in served.reason
    assert "\n" not in served.reason
    trained = decide(flags, training=True)
    assert (trained.precision, trained.convs) == train
    assert trained.reason.startswith(f"{train[0]} with {train[1]} convolutions: ")
    assert flag in trained.reason


def test_the_reasons_cite_the_measurements():
    assert "widest layer runs as a bf16 GEMM" in decide(XEON).reason
    assert "55 dB" in decide(EPYC).reason and "EPYC" in decide(EPYC).reason
    assert "14.2 s" in decide(XEON, training=True).reason
    assert "no AMX" in decide(EPYC, training=True).reason
    assert "30.4 s" in decide(EPYC, training=True).reason
    assert "emulated" in decide(AVX2).reason


@pytest.mark.parametrize("flags", [XEON, EPYC, AVX2, None])
def test_gpu_training_keeps_fp32_with_direct_convolutions_whatever_the_cpu(flags):
    choice = decide(flags, training=True, gpu=True)
    assert (choice.precision, choice.convs) == ("fp32", "direct")
    assert "GPU" in choice.reason
    assert decide(flags, gpu=True) == decide(flags)   # serving runs on the CPU


def test_flags_come_from_cpuinfo_text_a_bare_string_or_names(tmp_path):
    assert "amx_bf16" in parse_cpu_flags(XEON) and "model" not in parse_cpu_flags(XEON)
    assert parse_cpu_flags("avx2 AVX512_BF16") == {"avx2", "avx512_bf16"}
    assert parse_cpu_flags(["amx_bf16"]) == {"amx_bf16"}
    assert parse_cpu_flags([]) is None and parse_cpu_flags(ARM) is None
    (tmp_path / "cpuinfo").write_text(EPYC)
    assert "avx512_bf16" in read_cpu_flags(tmp_path / "cpuinfo")
    assert read_cpu_flags(tmp_path / "absent") is None    # not Linux: unknown


def test_this_machine_gets_the_decision_for_its_own_flags():
    assert for_serving("auto") == decide(read_cpu_flags())


# -- serving: explicit choices and the keras backend --------------------------------------------
def test_serving_choices_and_the_keras_backend():
    assert for_serving("auto", "fast", XEON).precision == "bf16"
    assert for_serving("auto", "auto", XEON).precision == "bf16"     # auto backend = fast
    keras = for_serving("auto", "keras", XEON)
    assert keras.precision == "fp32" and "keras" in keras.reason
    with pytest.raises(ValueError, match="bf16 needs the fast backend"):
        for_serving("bf16", "keras", XEON)
    with pytest.raises(ValueError, match="choose one of auto, fp32, bf16"):
        for_serving("fp16", "fast", XEON)
    asked = for_serving("fp32", "fast", XEON)
    assert asked.precision == "fp32" and asked.reason == "fp32: set by --precision"
    emulated = for_serving("bf16", "fast", AVX2)
    assert emulated.precision == "bf16" and "emulated" in emulated.reason
    assert "emulated" not in for_serving("bf16", "fast", EPYC).reason


def test_serve_and_generate_list_precision_in_their_help(capsys, monkeypatch):
    monkeypatch.setattr(cli, "quiet_tensorflow", lambda verbose=False: None)
    for command in ("serve", "generate"):
        with pytest.raises(SystemExit):
            cli.main([command, "--help"])
        text = " ".join(capsys.readouterr().out.split())
        assert "--precision {auto,fp32,bf16}" in text, text


def test_generate_precision_auto_writes_audio_and_says_its_choice(tiny_checkpoint, tmp_path):
    import soundfile as sf

    proc = wavegan("generate", "--checkpoint", tiny_checkpoint, "-n", 2, "--seed", 3,
                   "--out", tmp_path, "--precision", "auto")
    assert proc.stderr.splitlines() == [f"precision {for_serving('auto').reason}"]
    audio, rate = sf.read(tmp_path / "seed-0000000003.wav")
    assert rate == 16000 and audio.shape == (16384,) and abs(audio).max() > 1e-4


def test_generate_on_an_amx_cpu_generates_in_bf16(tiny_checkpoint, tmp_path, monkeypatch,
                                                  capsys):
    from wavegan.generator import Generator

    made = []
    real = Generator.from_checkpoint.__func__

    def spy(cls, path, **kw):
        made.append(real(cls, path, **kw))
        return made[-1]

    monkeypatch.setattr(cli, "quiet_tensorflow", lambda verbose=False: None)
    monkeypatch.setattr(precision_module, "read_cpu_flags", lambda: parse_cpu_flags(XEON))
    monkeypatch.setattr(Generator, "from_checkpoint", classmethod(spy))
    assert cli.main(["generate", "--checkpoint", str(tiny_checkpoint), "-n", "1", "--seed", "3",
                     "--out", str(tmp_path)]) == 0
    assert made[0].precision == "bf16" and made[0].backend == "fast"
    assert f"precision {decide(XEON).reason}" in capsys.readouterr().err
    assert (tmp_path / "seed-0000000003.wav").is_file()


def test_generate_refuses_bf16_on_the_keras_backend_in_one_line(tmp_path):
    proc = wavegan("generate", "--precision", "bf16", "--backend", "keras", "--out", tmp_path,
                   check=False)
    assert proc.returncode == 1
    assert proc.stderr.strip() == ("error: --precision bf16 needs the fast backend "
                                   "(--backend keras runs fp32 only)")


# -- the daemon ----------------------------------------------------------------------------------
def test_serve_toml_and_flags_set_the_precision(tmp_path):
    from server.config import ServeConfig
    from wavegan.cli import build_parser
    from wavegan.errors import UserError

    def config(toml_text: str, *argv: str) -> ServeConfig:
        toml = tmp_path / "serve.toml"
        toml.write_text(f"[serve]\n{toml_text}\n")
        args = build_parser().parse_args(["serve", "--config", str(toml), *argv])
        return ServeConfig.build(ServeConfig.from_toml(args.config),
                                 {n: getattr(args, n) for n in ServeConfig.names()})

    assert ServeConfig().precision == "auto"
    assert config('precision = "bf16"').precision == "bf16"
    assert config('precision = "bf16"', "--precision", "fp32").precision == "fp32"
    with pytest.raises(UserError, match="precision = 'fp16': choose one of auto, fp32, bf16"):
        config('precision = "fp16"')


@pytest.fixture
def daemon(tiny_checkpoint, tmp_path):
    """Build a headless daemon from a serve.toml; shut it down afterwards."""
    from server.config import ServeConfig
    from server.daemon import Daemon

    built = []

    def build(toml_text: str) -> Daemon:
        toml = tmp_path / "serve.toml"
        toml.write_text(f"[serve]\n{toml_text}\n")
        cfg = ServeConfig.build(ServeConfig.from_toml(toml), {
            "checkpoint": str(tiny_checkpoint), "audio": False, "midi": False, "osc_port": 0,
            "out": str(tmp_path / "out")})
        built.append(Daemon(cfg))
        built[-1].build()
        return built[-1]

    yield build
    for d in built:
        d.shutdown()
    gc.unfreeze()   # the daemon froze pytest's objects: give them back to the collector


def status_of(d) -> dict:
    replies = []
    d.router.dispatch("/wavegan/status", [], lambda *a: replies.append(a))
    (address, *pairs), = replies
    assert address == "/wavegan/status"
    return dict(zip(pairs[::2], pairs[1::2]))


def test_the_daemon_chooses_by_the_cpu_logs_why_and_status_says_it(daemon, monkeypatch,
                                                                   caplog):
    monkeypatch.setattr(precision_module, "read_cpu_flags", lambda: parse_cpu_flags(XEON))
    with caplog.at_level(logging.INFO, logger="wavegan.serve"):
        d = daemon('precision = "auto"')
    assert d.bank.gen.precision == "bf16" and d.bank.gen.backend == "fast"
    assert status_of(d)["precision"] == "bf16"
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("precision")]
    assert said == [f"precision {decide(XEON).reason}"]


def test_a_serve_config_precision_reaches_the_generator(daemon, monkeypatch):
    monkeypatch.setattr(precision_module, "read_cpu_flags", lambda: parse_cpu_flags(AVX2))
    d = daemon('precision = "bf16"')      # auto would be fp32 on this CPU
    assert d.bank.gen.precision == "bf16"
    assert status_of(d)["precision"] == "bf16"


def test_the_status_reply_of_the_keras_backend_says_fp32(tiny_checkpoint, tmp_path):
    from tests.conftest import status_reply

    pairs = status_reply(tiny_checkpoint, tmp_path)[1:]
    assert dict(zip(pairs[::2], pairs[1::2]))["precision"] == "fp32"


# -- training ------------------------------------------------------------------------------------
def test_train_config_auto_is_the_default_and_resolves_with_its_convolutions():
    from trainer.config import TrainConfig

    auto = TrainConfig()
    assert auto.precision == "auto" and auto.convs == "auto"
    xeon = auto.precision_choice(cpu_flags=XEON)
    assert (xeon.precision, xeon.convs) == ("bf16", "direct") and "amx_bf16" in xeon.reason
    epyc = auto.precision_choice(cpu_flags=EPYC)
    assert (epyc.precision, epyc.convs) == ("fp32", "winograd")
    gpu = auto.precision_choice(gpu=True, cpu_flags=XEON)
    assert (gpu.precision, gpu.convs) == ("fp32", "direct") and "GPU" in gpu.reason
    forced = TrainConfig(convs="winograd").precision_choice(cpu_flags=XEON)
    assert (forced.precision, forced.convs) == ("bf16", "winograd")
    asked = TrainConfig(precision="bf16").precision_choice(cpu_flags=AVX2, source="--config")
    assert (asked.precision, asked.convs) == ("bf16", "direct")
    assert asked.reason.startswith("bf16: set by --config") and "emulated" in asked.reason
    assert TrainConfig(precision="fp16").precision_choice(gpu=True).precision == "fp16"
    assert TrainConfig().resolved_convs() == TrainConfig().precision_choice().convs


def test_an_explicit_bf16_on_a_cpu_without_bf16_still_warns():
    from trainer.config import TrainConfig

    assert "10.5x slower" in TrainConfig(precision="bf16").precision_warning(cpu_flags=AVX2)
    assert TrainConfig(precision="bf16").precision_warning(cpu_flags=XEON) is None
    assert TrainConfig().precision_warning(cpu_flags=AVX2) is None    # auto picks fp32 there


def test_the_log_says_where_an_explicit_precision_came_from():
    from trainer.run import precision_source

    saved = {"train": {"precision": "bf16"}}
    assert precision_source([{}, {}, {}]) == "the default"
    assert precision_source([saved, {}, {}]).startswith("RUN_DIR/run.json")
    assert precision_source([saved, {"train": {"precision": "fp32"}}, {}]) == "--config"
    assert precision_source([saved, {"precision": "fp32"}, {"precision": "auto"}]) == \
        "--precision"


def test_training_records_the_resolved_precision_and_logs_why(tmp_path, monkeypatch, caplog):
    """The orchestration behind `wavegan train` and the SageMaker entry: on an AMX CPU auto
    trains in bf16; run.json and the checkpoint's meta record bf16, not auto."""
    from tests.test_train_support import TINY, make_drum_folder
    from trainer.loop import StopRequest
    from trainer.run import TrainJob
    from wavegan.checkpoint import load_checkpoint

    monkeypatch.setattr(trainer.config, "read_cpu_flags", lambda: parse_cpu_flags(XEON))
    data = make_drum_folder(tmp_path / "drums", files=1, seconds=3.0)
    overrides = {**TINY, "tensorboard": "false", "preview_count": 0, "max_steps": 1}
    with caplog.at_level(logging.INFO, logger="wavegan.train"):
        result = trainer.run.train(TrainJob(data, tmp_path / "run", overrides=overrides),
                                   stop=StopRequest())
    assert result.step == 1 and result.checkpoint is not None
    saved = json.loads((tmp_path / "run" / "run.json").read_text())
    assert saved["train"]["precision"] == "bf16" and saved["train"]["convs"] == "auto"
    meta = load_checkpoint(result.checkpoint).meta
    assert meta["run_config"]["train"]["precision"] == "bf16"
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("precision")]
    assert said == ["precision bf16 with direct convolutions: this CPU has AMX (amx_bf16), "
                    "where bf16 measured 1.8x faster (14.2 s a step against 25.2 s for fp32 "
                    "Winograd on an AMX Xeon)"]
    # resumed: the run keeps what it trained with, and says where that came from
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="wavegan.train"):
        trainer.run.train(TrainJob(data, tmp_path / "run", overrides={"max_steps": 1}),
                          stop=StopRequest("test"))
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("precision")]
    assert said == ["precision bf16: set by RUN_DIR/run.json (this run's saved setting; "
                    "--precision auto chooses again)"]
