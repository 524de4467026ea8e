"""Fonts for words drawn into the pictures the server makes (the attention grid's labels,
the GAN's exported PNG/GIF caption).

Pillow's own font has Latin letters only: a Korean label needs a system font with Hangul.
`font(size, label)` gives Pillow's font for an ASCII label and otherwise a CJK TrueType font,
found once through fontconfig (`fc-match 'sans:lang=ko'`: Debian's fonts-noto-cjk or
fonts-nanum), else at a few well-known paths (macOS, Windows). None when this machine has no
such font: the caller then draws the English words rather than empty boxes.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

from PIL import ImageFont

# Where fontconfig is missing or finds nothing with Hangul.
KNOWN_CJK = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
             "/usr/share/fonts/opentype/noto/NotoSansCJKkr-Regular.otf",
             "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
             "/System/Library/Fonts/AppleSDGothicNeo.ttc", "C:/Windows/Fonts/malgun.ttf")


@functools.lru_cache(maxsize=1)
def cjk_font_file() -> tuple[str, int] | None:
    """(path, face index) of a font that covers Korean, looked up once; None if there is none.

    fc-match always answers with its best match, which need not have Hangul: its language
    list must name Korean. The index picks the Korean face of a collection (Noto's .ttc)."""
    fc = shutil.which("fc-match")
    if fc:
        try:
            out = subprocess.run([fc, "-f", "%{file}\n%{index}\n%{lang}", "sans:lang=ko"],
                                 capture_output=True, text=True, timeout=10).stdout.split("\n")
        except (OSError, subprocess.SubprocessError):
            out = []
        if len(out) >= 3 and "ko" in out[2].split("|") and Path(out[0]).is_file():
            return out[0], int(out[1]) if out[1].isdigit() else 0
    path = next((p for p in KNOWN_CJK if Path(p).is_file()), None)
    return (path, 0) if path else None


@functools.lru_cache(maxsize=32)
def _font(size: int, ascii_only: bool) -> ImageFont.ImageFont | ImageFont.FreeTypeFont | None:
    if ascii_only:
        try:
            return ImageFont.load_default(size=size)
        except TypeError:  # Pillow without FreeType: one size only
            return ImageFont.load_default()
    found = cjk_font_file()
    if found is None:
        return None
    try:
        return ImageFont.truetype(found[0], size, index=found[1])
    except OSError:  # unreadable, or a Pillow without FreeType
        return None


def font(size: int, label: str = "") -> ImageFont.ImageFont | ImageFont.FreeTypeFont | None:
    """A font of `size` pixels that can draw `label`: Pillow's own for ASCII, else a CJK
    font (None if this machine has none)."""
    return _font(size, label.isascii())
