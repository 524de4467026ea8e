"""Which translators the tab offers, and loading them (lazily, once per process).

    vintage       photo -> vintage look: vintagify's generator (pretrained/cyclegan_vintage)
    digits_ab     handwritten -> typeset digit: G of our pair (pretrained/cyclegan_digits)
    digits_ba     typeset -> handwritten digit: F of the same pair
    user:<name>   generators a user placed in pretrained/cyclegan/ (found at start-up)

A user's checkpoint is any ResNet generator file of the reference code
(`latest_net_G.pth`, `latest_net_G_A.pth`, `horse2zebra.pth`...) or a
.safetensors in any of the layouts `model.convert_state_dict` knows. A .pth is
read with torch.load(weights_only=True): tensors only, never pickled code.
Two files make a round trip when their names say they are opposite directions:
`..._G_A` with `..._G_B` in one folder, or `x2y` with `y2x` (horse2zebra and
zebra2horse).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import torch

from playground import i18n, weights
from playground.cyclegan import text
from playground.cyclegan.fast import FastGenerator
from playground.cyclegan.model import CycleGAN, LayoutError, ResnetGenerator, generator_from_state_dict

VINTAGE, DIGITS = "cyclegan_vintage", "cyclegan_digits"
USER_SUFFIXES = (".pth", ".pt", ".safetensors")
MAX_USER_FILE = 400 * 2**20  # a ResNet-9 generator is ~45 MB (fp32); refuse absurd files


@dataclass(frozen=True)
class Translator:
    key: str
    label: str
    kind: str                                # "photo" (RGB, any size) or "digit" (28x28 grey)
    forward: Callable[[], FastGenerator]     # loads on first call
    reverse: Callable[[], FastGenerator] | None
    source: str                              # where it comes from (shown under the choice)
    critic: Callable[[], torch.nn.Module] | None = None  # the output domain's discriminator, if shipped
    names: tuple[str, str, str] = ("x", "G", "F")  # the input, the generator there and the one back


def user_dir() -> Path:
    return weights.pretrained_dir() / "cyclegan"


def _fast(key: str, module: Callable[[], ResnetGenerator], bf16: bool | str = "auto") -> FastGenerator:
    # photo generators take the bf16 path where the CPU has it (see fast.py); the digit pair stays fp32
    return weights.cached(f"cyclegan:fast:{key}", lambda: FastGenerator(module(), bf16=bf16))


def vintage() -> FastGenerator:
    return _fast(VINTAGE, lambda: weights.get(VINTAGE, lambda c: ResnetGenerator(**c)))


def digit_pair() -> CycleGAN:
    return weights.get(DIGITS, lambda c: CycleGAN(**c))


def digits_G() -> FastGenerator:
    return _fast("digits:G", lambda: digit_pair().G, bf16=False)


def digits_F() -> FastGenerator:
    return _fast("digits:F", lambda: digit_pair().F, bf16=False)


# ---- users' checkpoints -----------------------------------------------------------------

def read_user_state(path: Path) -> dict[str, torch.Tensor]:
    """Tensors of a user's file: safetensors, or a .pth through torch.load(weights_only=True)."""
    T = i18n.strings(text)
    if path.stat().st_size > MAX_USER_FILE:
        raise LayoutError(T.err_user_too_big.format(file=path.name, mb=path.stat().st_size / 2**20,
                                                    limit=MAX_USER_FILE // 2**20))
    if path.suffix == ".safetensors":
        from safetensors.torch import load_file
        return load_file(path)
    state = torch.load(path, map_location="cpu", weights_only=True)
    if isinstance(state, dict) and "state_dict" in state and isinstance(state["state_dict"], dict):
        state = state["state_dict"]  # a checkpoint that wraps the weights
    if not isinstance(state, dict):
        raise LayoutError(T.err_user_not_dict.format(file=path.name, kind=type(state).__name__))
    return state


def load_user(path: Path) -> ResnetGenerator:
    name = path.relative_to(user_dir()).as_posix()
    try:
        return generator_from_state_dict(read_user_state(path))
    except Exception as err:  # pickled code refused by weights_only, a wrong layout, a bad file...
        raise weights.WeightsError(f"cyclegan/{name}",
                                   i18n.strings(text).err_user_unusable.format(reason=err)) from None


def _user_name(path: Path, root: Path) -> str:
    rel = path.relative_to(root)
    generic = re.fullmatch(r"(latest|\d+)_net_G(_[AB])?", path.stem)
    if rel.parent != Path(".") and generic:  # checkpoints/horse2zebra_pretrained/latest_net_G.pth
        return rel.parent.as_posix() + (f"/G{generic.group(2)}" if generic.group(2) else "")
    return rel.with_suffix("").as_posix()


def _opposite(name: str, names: set[str]) -> str | None:
    """The file going the other way, if there is one (G_A <-> G_B, x2y <-> y2x)."""
    for pattern, swap in ((r"G_A\b", "G_B"), (r"G_B\b", "G_A")):
        if re.search(pattern, name) and (other := re.sub(pattern, swap, name)) in names:
            return other
    m = re.search(r"([A-Za-z]+)2([A-Za-z]+)", name)
    if m:
        other = name[:m.start()] + f"{m.group(2)}2{m.group(1)}" + name[m.end():]
        if other in names and other != name:
            return other
    return None


def user_translators(root: Path | None = None) -> list[Translator]:
    """Generators found in pretrained/cyclegan/ (and one folder deep): listed, not loaded."""
    root = root or user_dir()
    if not root.is_dir():
        return []
    files = sorted(p for pattern in ("*", "*/*") for p in root.glob(pattern)
                   if p.suffix in USER_SUFFIXES and p.is_file() and "net_D" not in p.stem)
    by_name = {_user_name(p, root): p for p in files}
    out = []
    for name, path in by_name.items():
        forward = (lambda p=path: _fast(f"user:{p}", lambda: load_user(p)))
        other = _opposite(name, set(by_name))
        reverse = (lambda p=by_name[other]: _fast(f"user:{p}", lambda: load_user(p))) if other else None
        T = i18n.strings(text)
        source = T.source_user.format(file=path.relative_to(root).as_posix())
        if other:
            source += " " + T.source_user_pair.format(other=other)
        out.append(Translator(f"user:{name}", T.model_user.format(name=name), "photo", forward, reverse, source))
    return out


def D_A() -> torch.nn.Module:
    return digit_pair().D_A


def D_B() -> torch.nn.Module:
    return digit_pair().D_B


def translators() -> dict[str, Translator]:
    """Every choice, in menu order; cheap (lists files, loads nothing)."""
    T = i18n.strings(text)
    built_in = [
        Translator("vintage", T.model_vintage, "photo", vintage, None, T.source_vintage),
        Translator("digits_ab", T.model_digits_ab, "digit", digits_G, digits_F, T.source_digits, D_B,
                   ("a", "G", "F")),
        Translator("digits_ba", T.model_digits_ba, "digit", digits_F, digits_G, T.source_digits, D_A,
                   ("b", "F", "G")),
    ]
    return {t.key: t for t in [*built_in, *user_translators()]}
