"""Training step time: the compiled training path vs a straightforward eager implementation.

One generator step = CDW's step: d=64, 16384 samples, batch 64, 5 critic updates (each on a
fresh real batch) + 1 generator update, WGAN-GP. The compiled figure is the exact function the
training loop runs (``trainer.loop.build_gan`` + ``make_step_fn``: ``tf.function`` around
``strategy.run``, Winograd convolutions by default in fp32); the baseline calls
``WaveGAN.train_step`` with plain Keras convolution layers eagerly (what a straightforward TF2
script does). Also prints the projected wall time of 200 k generator steps here and, when
``trainer/costs.py`` provides its instance table, on the SageMaker GPU types.

    python -m tests.benchmarks.bench_train [--dim 64] [--eager-steps 1] [--steps 3] [--direct]
        [--bf16] [--torch] [--spec-critic 16] [--ema 0.999] [--mbstd 4] [--diversity 1]
        [--rhythm-critic 64]
"""

from __future__ import annotations

import argparse
import time

from tests.benchmarks.common import machine, report

PROJECT_STEPS = 200_000
# Settings timed against the same step without them: config field → (type, metavar, what).
ADDONS = {
    "ema": (float, "DECAY", "generator's moving average"),
    "mbstd": (int, "GROUP", "critic's minibatch standard deviation"),
    "diversity": (float, "WEIGHT", "generator's mode-seeking term"),
    "rhythm_critic": (int, "W", "critic's rhythm branch of width"),
    "styles": (int, "N", "style conditioning (--styles-from), styles"),
}


def _time(fn, steps: int) -> float:
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        out = fn()
        float(out["d_loss"])  # wait for the step to finish
        times.append(time.perf_counter() - t0)
    return sorted(times)[len(times) // 2]


def gpu_projections() -> list[str]:
    """200 k-step time and cost on the SageMaker GPU types of trainer/costs.py (its assumed
    reference-step speeds: estimates, not measurements)."""
    try:
        from trainer.costs import INSTANCE_TYPES, estimate
    except ImportError:
        return ["(trainer/costs.py not available: no SageMaker projection)"]
    lines = []
    for inst in INSTANCE_TYPES.values():
        hours, dollars = estimate(PROJECT_STEPS, inst.ref_steps_per_sec, inst.on_demand_per_hour)
        lines.append(f"  {inst.name} ({inst.gpu}): {inst.ref_steps_per_sec:g} steps/s assumed "
                     f"→ {hours:.0f} h, ${dollars:,.0f} on demand, "
                     f"${dollars * (1 - inst.spot_discount):,.0f} spot")
    return lines


def spectral_cost(compiled_step, args, precision: str, without: float) -> None:
    """Time the step with ``--spec-critic`` and report it against ``without`` (same run)."""
    from trainer.costs import relative_cost

    w = args.spec_critic
    figure = compiled_step(f"compiled {precision} + spectral critic w={w}", spec_critic=w,
                           precision=precision)
    guess = (relative_cost(args.dim, 16384, args.batch, spec_critic=w)
             / relative_cost(args.dim, 16384, args.batch))
    report(f"train step d={args.dim} b={args.batch} {precision} + spectral critic w={w}",
           figure, "s/step", baseline=without, baseline_name="waveform critic only")
    print(f"  the branch costs {figure / without:.2f}x the step time; trainer/costs.py assumes "
          f"{guess:.2f}x", flush=True)


def addon_cost(compiled_step, args, precision: str, without: float, what: str,
               **setting) -> None:
    """Time the step with one setting (``--ema``, ``--mbstd``, ``--diversity``,
    ``--rhythm-critic``, ``--styles``) against ``without`` it."""
    figure = compiled_step(f"compiled {precision} + {what}", precision=precision, **setting)
    report(f"train step d={args.dim} b={args.batch} {precision} + {what}",
           figure, "s/step", baseline=without, baseline_name=f"without the {what}")
    print(f"  the {what} adds {100 * (figure / without - 1):+.1f} % to the step time",
          flush=True)


def torch_step_fn(cfg, batch: int, n_critic: int = 5, gp_weight: float = 10.0):
    """A straightforward PyTorch WGAN-GP WaveGAN step of the same architecture (CDW layer plan,
    kernel 25, stride 4, phase shuffle 2, Adam 1e-4 β=(0.5, 0.9)); returns ``step()``."""
    import torch
    from torch import nn
    from torch.nn import functional as F

    plan, k = cfg.plan, cfg.kernel_len

    class PhaseShuffle(nn.Module):
        def forward(self, x):  # x [B, C, T]
            shifts = torch.randint(-2, 3, (x.shape[0],))
            out = torch.empty_like(x)
            for s in range(-2, 3):
                idx = (shifts == s).nonzero().flatten()
                if len(idx):
                    padded = F.pad(x[idx], (2, 2), mode="reflect")
                    out[idx] = padded[:, :, 2 - s:2 - s + x.shape[2]]
            return out

    class G(nn.Module):
        def __init__(self):
            super().__init__()
            self.dense = nn.Linear(cfg.latent_dim, 16 * plan.dense_channels)
            chans = (plan.dense_channels, *plan.g_channels)
            self.convs = nn.ModuleList(
                nn.ConvTranspose1d(chans[i], chans[i + 1], k, s, padding=k // 2 - 1,
                                   output_padding=1) for i, s in enumerate(plan.strides))

        def forward(self, z):
            x = F.relu(self.dense(z).view(z.shape[0], plan.dense_channels, 16))
            for i, conv in enumerate(self.convs):
                x = conv(x)
                x = torch.tanh(x) if i == len(self.convs) - 1 else F.relu(x)
            return x

    class D(nn.Module):
        def __init__(self):
            super().__init__()
            chans = (cfg.channels, *plan.d_channels)
            self.convs = nn.ModuleList(
                nn.Conv1d(chans[i], chans[i + 1], k, s, padding=k // 2 - 1)
                for i, s in enumerate(plan.strides))
            self.shuffle = PhaseShuffle()
            self.logit = nn.Linear(plan.d_channels[-1] * 16, 1)

        def forward(self, x):
            for i, conv in enumerate(self.convs):
                x = F.leaky_relu(conv(x), 0.2)
                if i < len(self.convs) - 1:
                    x = self.shuffle(x)
            return self.logit(x.flatten(1))

    g, d = G(), D()
    g_opt = torch.optim.Adam(g.parameters(), 1e-4, betas=(0.5, 0.9))
    d_opt = torch.optim.Adam(d.parameters(), 1e-4, betas=(0.5, 0.9))
    real = torch.rand(n_critic, batch, cfg.channels, cfg.slice_len) - 0.5

    def step():
        for i in range(n_critic):
            fake = g(torch.rand(batch, cfg.latent_dim) * 2 - 1).detach()
            alpha = torch.rand(batch, 1, 1)
            interp = (real[i] + alpha * (fake - real[i])).requires_grad_(True)
            grad, = torch.autograd.grad(d(interp).sum(), interp, create_graph=True)
            gp = ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
            d_loss = d(fake).mean() - d(real[i]).mean()
            d_opt.zero_grad()
            (d_loss + gp_weight * gp).backward()
            d_opt.step()
        g_loss = -d(g(torch.rand(batch, cfg.latent_dim) * 2 - 1)).mean()
        g_opt.zero_grad()
        g_loss.backward()
        g_opt.step()
        return {"d_loss": d_loss.detach(), "g_loss": g_loss.detach()}

    return step


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dim", type=int, default=64)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--steps", type=int, default=3, help="timed compiled steps")
    parser.add_argument("--eager-steps", type=int, default=1, help="timed eager steps")
    parser.add_argument("--direct", action="store_true",
                        help="also time the compiled step with oneDNN's direct convolutions "
                             "(--convs direct) to show what Winograd adds")
    parser.add_argument("--jit", action="store_true", help="also time XLA (jit_compile=True)")
    parser.add_argument("--bf16", action="store_true",
                        help="also time the compiled step under --precision bf16 (oneDNN bf16)")
    parser.add_argument("--torch", action="store_true",
                        help="also time a straightforward PyTorch WGAN-GP (pip install torch)")
    parser.add_argument("--no-eager", action="store_true", help="skip the eager baseline")
    parser.add_argument("--spec-critic", type=int, default=0, metavar="W",
                        help="also time the step with the critic's spectral branch W wide, "
                             "against the same step without it (and trainer/costs.py's guess)")
    for flag, (kind, metavar, what) in ADDONS.items():
        parser.add_argument(f"--{flag.replace('_', '-')}", type=kind, default=kind(0),
                            metavar=metavar, help=f"also time the step with the {what} "
                            f"(--{flag.replace('_', '-')} {metavar}) against the same step "
                            "without it")
    parser.add_argument("--aux", action="store_true",
                        help="with --styles N: also time the critic's auxiliary style head "
                             "(--aux-classifier) against the conditional step without it")
    args = parser.parse_args()

    import tensorflow as tf

    from trainer.config import build_run_config
    from trainer.loop import build_gan, make_step_fn
    from wavegan.config import ModelConfig
    from wavegan.gan import GanConfig, WaveGAN

    cfg, gan_cfg = ModelConfig(dim=args.dim), GanConfig()
    tf.random.set_seed(0)
    real = tf.random.uniform([gan_cfg.n_critic * args.batch, cfg.slice_len, 1], -0.5, 0.5)
    print(f"machine: {machine()}; TF {tf.__version__}; d={args.dim}, {cfg.slice_len} samples, "
          f"batch {args.batch}, {gan_cfg.n_critic} critic updates per generator step",
          flush=True)

    def compiled_step(label: str, styles: int = 0, aux: bool = False, **train) -> float:
        """Trace, warm up, then time the step ``wavegan train`` runs with these settings
        (``styles``: a model conditioned on that many styles, fed one-hot labels; ``aux``:
        with the critic's auxiliary style head)."""
        layers = [{"dim": args.dim, "batch_size": args.batch, **train}]
        batch = real
        if styles:
            layers.append({"model": {"styles": [f"style{i}" for i in range(styles)],
                                     "aux_classifier": aux}})
            batch = (real, tf.one_hot(tf.range(real.shape[0]) % styles, styles))
        step = make_step_fn(build_gan(build_run_config(layers)), tf.distribute.get_strategy())
        t0 = time.perf_counter()
        float(step(batch)["d_loss"])
        print(f"{label}: trace + first step {time.perf_counter() - t0:.1f} s", flush=True)
        figure = _time(lambda: step(batch), args.steps)
        print(f"{label}: {figure:.2f} s per generator step", flush=True)
        return figure

    # fp32 named explicitly: the default (--precision auto) is bf16 on CPUs with AMX
    compiled = compiled_step("compiled fp32 (Winograd convs)", precision="fp32")
    direct = (compiled_step("compiled fp32, direct convs", precision="fp32", convs="direct")
              if args.direct else None)

    jit = None
    if args.jit:
        gan = WaveGAN(cfg, gan_cfg)
        gan.compile()
        jit_fn = tf.function(gan.train_step, jit_compile=True)
        float(jit_fn(real)["d_loss"])
        jit = _time(lambda: jit_fn(real), args.steps)
        print(f"XLA jit: {jit:.2f} s per generator step", flush=True)

    bf16 = compiled_step("compiled bf16", precision="bf16") if args.bf16 else None
    if args.spec_critic:
        spectral_cost(compiled_step, args, "fp32", compiled)
        if bf16:
            spectral_cost(compiled_step, args, "bf16", bf16)
    addons = [(f"{what} {getattr(args, flag):g}", {flag: getattr(args, flag)})
              for flag, (_, _, what) in ADDONS.items()]
    for what, setting in addons:
        if any(setting.values()):
            for precision, without in (("fp32", compiled), ("bf16", bf16)):
                if without:
                    addon_cost(compiled_step, args, precision, without, what, **setting)
    if args.styles and args.aux:   # the head against the conditional step without it
        for precision, on in (("fp32", True), ("bf16", bool(bf16))):
            if on:
                styled = compiled_step(f"compiled {precision}, {args.styles} styles",
                                       precision=precision, styles=args.styles)
                addon_cost(compiled_step, args, precision, styled,
                           f"auxiliary style head ({args.styles} styles)",
                           styles=args.styles, aux=True)

    eager = None
    if not args.no_eager:  # the straightforward TF2 script: Keras layers, no tf.function
        gan = WaveGAN(cfg, gan_cfg)
        gan.compile()
        _time(lambda: gan.train_step(real), 1)  # eager warm-up
        eager = _time(lambda: gan.train_step(real), args.eager_steps)
        print(f"eager: {eager:.2f} s per generator step", flush=True)

    torch_s = None
    if args.torch:
        try:
            torch_step = torch_step_fn(cfg, args.batch)
        except ImportError:
            print("(PyTorch not installed: no PyTorch comparison)")
        else:
            torch_step()  # warm-up
            torch_s = _time(torch_step, args.eager_steps)
            print(f"PyTorch (eager, same architecture): {torch_s:.2f} s per generator step",
                  flush=True)

    best = min(x for x in (compiled, direct, jit, bf16) if x)
    for label, figure in (("tf.function, Winograd", compiled), ("tf.function, direct", direct),
                          ("XLA", jit), ("tf.function bf16", bf16)):
        if figure:
            report(f"train step d={args.dim} b={args.batch} 5 critic ({label})", figure,
                   "s/step", baseline=eager, baseline_name="eager TF2",
                   target=">=3x eager" if eager else "",
                   passed=None if eager is None else eager / figure >= 3.0)
    if torch_s:
        report(f"train step d={args.dim} b={args.batch} 5 critic (best TF vs PyTorch)", best,
               "s/step", baseline=torch_s, baseline_name="PyTorch", target="faster than PyTorch",
               passed=best < torch_s)
    hours = PROJECT_STEPS * best / 3600
    print(f"projected 200k generator steps on this machine: {hours:.0f} h "
          f"({hours / 24:.1f} days)")
    print("projected 200k generator steps on SageMaker (trainer/costs.py):")
    for line in gpu_projections():
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
