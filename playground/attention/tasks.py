"""The toy task where the right attention is known in advance.

    reverse   "31415"          -> "51413"       output t copies input n-1-t: the
                                                cross-attention should be an anti-diagonal

Characters are the tokens. A fixed 10% of all examples (by a hash of the answer)
is held out: training never sees them, and the manifest's
`heldout_exact_match` is measured on them.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass

import torch

PAD, BOS, EOS = "<pad>", "<s>", "</s>"
SPECIALS = (PAD, BOS, EOS)


def is_heldout(answer: str) -> bool:
    """The fixed held-out tenth: decided by the answer, so it is never trained on."""
    return zlib.crc32(answer.encode()) % 10 == 0


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
        n = rng.randint(1, self.max_source)
        s = "".join(rng.choice("0123456789") for _ in range(n))
        return s, s[::-1]

    def sample_split(self, rng: random.Random, heldout: bool) -> tuple[str, str]:
        while True:
            src, tgt = self.sample(rng)
            if is_heldout(tgt) == heldout:
                return src, tgt

    def answer(self, source: str) -> str | None:
        """The right answer for a source the student typed, when we can tell (else None)."""
        return source[::-1] if source.isdigit() else None


def heldout_pairs(task: "Task", n: int, seed: int = 12345) -> list[tuple[str, str]]:
    """n examples from the held-out tenth, the same ones for the same seed."""
    rng = random.Random(seed)
    return [task.sample_split(rng, heldout=True) for _ in range(n)]


TASKS = {
    "reverse": Task("reverse", "0123456789", max_source=20, max_target=20,
                    examples=("31415926", "1234567890", "900125", "73"),
                    about="random digit strings of 1 to 20 digits -> the same digits reversed"),
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
