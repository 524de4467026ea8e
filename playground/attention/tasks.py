"""Toy tasks where the right attention is known in advance.

    reverse   "31415"          -> "51413"       output t copies input n-1-t: the
                                                cross-attention should be an anti-diagonal
    dates     "march 5, 2021"  -> "2021-03-05"  the year digits copy the year, the month
                                                digits read the month's name, the day
                                                digits read the day: lengths and
                                                "languages" differ, and the order changes

Characters are the tokens. A fixed 10% of all examples (by a hash of the answer)
is held out: training never sees them, in any written form, and the manifest's
`heldout_exact_match` is measured on them.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from dataclasses import dataclass

import torch

PAD, BOS, EOS = "<pad>", "<s>", "</s>"
SPECIALS = (PAD, BOS, EOS)

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2099, 12, 31)


def is_heldout(answer: str) -> bool:
    """The fixed held-out tenth: decided by the answer, so no written form of it is trained on."""
    return zlib.crc32(answer.encode()) % 10 == 0


def ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def written_forms(d: dt.date) -> list[str]:
    """Ways people write a date (lower case), all meaning the same ISO date."""
    month, mon = MONTHS[d.month - 1], MONTHS[d.month - 1][:3]
    return [
        f"{month} {d.day}, {d.year}",
        f"{d.day} {month} {d.year}",
        f"{mon} {d.day} {d.year}",
        f"{d.day} {mon} {d.year}",
        f"{month} {ordinal(d.day)}, {d.year}",
        f"the {ordinal(d.day)} of {month} {d.year}",
        f"{WEEKDAYS[d.weekday()]}, {month} {d.day}, {d.year}",
        f"{d.day}.{d.month}.{d.year}",
    ]


@dataclass(frozen=True)
class Task:
    name: str
    chars: str            # the characters a source or target may contain
    max_source: int       # longest source the tab accepts (characters)
    max_target: int
    examples: tuple[str, ...]
    about: str            # one line for the manifest and the tab

    @property
    def vocab(self) -> list[str]:
        return list(SPECIALS) + list(self.chars)

    def sample(self, rng: random.Random) -> tuple[str, str]:
        """One (source, target) pair, any split."""
        if self.name == "reverse":
            n = rng.randint(1, self.max_source)
            s = "".join(rng.choice("0123456789") for _ in range(n))
            return s, s[::-1]
        day = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
        return rng.choice(written_forms(day)), day.isoformat()

    def sample_split(self, rng: random.Random, heldout: bool) -> tuple[str, str]:
        while True:
            src, tgt = self.sample(rng)
            if is_heldout(tgt) == heldout:
                return src, tgt

    def answer(self, source: str) -> str | None:
        """The right answer for a source the student typed, when we can tell (else None)."""
        if self.name == "reverse":
            return source[::-1] if source.isdigit() else None
        return parse_date(source)


def heldout_pairs(task: "Task", n: int, seed: int = 12345) -> list[tuple[str, str]]:
    """n examples from the held-out tenth, the same ones for the same seed."""
    rng = random.Random(seed)
    return [task.sample_split(rng, heldout=True) for _ in range(n)]


def parse_date(text: str) -> str | None:
    """The ISO form of a written date in one of `written_forms`, or None."""
    text = " ".join(text.lower().split())
    for year in range(FIRST_DAY.year, LAST_DAY.year + 1):
        if str(year) not in text:
            continue
        for month in range(1, 13):
            for day in range(1, 32):
                try:
                    d = dt.date(year, month, day)
                except ValueError:
                    continue
                if text in written_forms(d):
                    return d.isoformat()
    return None


TASKS = {
    "reverse": Task("reverse", "0123456789", max_source=20, max_target=20,
                    examples=("31415926", "1234567890", "900125", "73"),
                    about="random digit strings of 1 to 20 digits -> the same digits reversed"),
    "dates": Task("dates", " ,.-/0123456789abcdefghijklmnopqrstuvwxyz", max_source=34, max_target=10,
                  examples=("march 5, 2021", "the 21st of june 1969", "tuesday, december 31, 2024",
                            "14 jul 1789", "9.11.1989"),
                  about="dates 1900-2099 written 8 ways ('march 5, 2021', '5.3.2021', ...) -> ISO 2021-03-05"),
}


class Codec:
    """Characters <-> ids for one task (ids 0, 1, 2 are padding, begin and end)."""

    def __init__(self, task: Task):
        self.itos = task.vocab
        self.stoi = {c: i for i, c in enumerate(self.itos)}
        self.pad, self.bos, self.eos = (self.stoi[s] for s in SPECIALS)

    def encode(self, text: str) -> list[int]:
        return [self.stoi[c] for c in text]

    def decode(self, ids: list[int]) -> str:
        out = []
        for i in ids:
            if i == self.eos:
                break
            if i >= len(SPECIALS):
                out.append(self.itos[i])
        return "".join(out)

    def source(self, text: str) -> list[int]:
        """Source ids: the characters, then EOS (it tells the encoder where the input ends)."""
        return self.encode(text) + [self.eos]

    def batch(self, pairs: list[tuple[str, str]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """(src, tgt_in, tgt_out) padded tensors: tgt_in = BOS + target, tgt_out = target + EOS."""
        srcs = [self.source(s) for s, _ in pairs]
        tgts = [self.encode(t) for _, t in pairs]
        S, T = max(map(len, srcs)), max(map(len, tgts)) + 1
        src = torch.full((len(pairs), S), self.pad, dtype=torch.long)
        tgt_in = torch.full((len(pairs), T), self.pad, dtype=torch.long)
        tgt_out = torch.full((len(pairs), T), self.pad, dtype=torch.long)
        for b, (s, t) in enumerate(zip(srcs, tgts)):
            src[b, :len(s)] = torch.tensor(s)
            tgt_in[b, :len(t) + 1] = torch.tensor([self.bos] + t)
            tgt_out[b, :len(t) + 1] = torch.tensor(t + [self.eos])
        return src, tgt_in, tgt_out
