"""Where a person expects each output character to look, and which heads do.

For reversing, output t should read input n-1-t. For dates, the year digits
should read the year, the month digits the month (its name or number), the day
digits the day; the dashes and the end have no "right" place. A cross-attention
head is *aligned* on a character when its strongest weight falls inside the
expected span of source positions.
"""

from __future__ import annotations

import re

import torch

from playground.attention import tasks


def expected_spans(task: tasks.Task, source: str, target: str) -> list[set[int] | None]:
    """For each target character, the source positions it should attend to (None: anywhere)."""
    if task.name == "reverse":
        n = len(source)
        return [{n - 1 - t} for t in range(len(target))]
    numbers = [(m.start(), m.end()) for m in re.finditer(r"\d+", source)]
    year = set(range(*numbers[-1]))
    if re.fullmatch(r"\d+\.\d+\.\d+", source):
        day, month = set(range(*numbers[0])), set(range(*numbers[1]))
    else:
        day = set(range(*numbers[0]))
        month_no = int(target[5:7])
        name = tasks.MONTHS[month_no - 1]
        start = source.find(name) if name in source else source.find(name[:3])
        end = start + (len(name) if name in source else 3)
        month = set(range(start, end))
    # ISO: yyyy-mm-dd
    return [year] * 4 + [None] + [month] * 2 + [None] + [day] * 2


@torch.no_grad()
def cross_attention(model, codec: tasks.Codec, pairs: list[tuple[str, str]]) -> list[torch.Tensor]:
    """Teacher-forced cross-attention weights, one [B, heads, T, S] tensor per decoder layer."""
    dev = next(model.parameters()).device
    src, tgt_in, _ = (t.to(dev) for t in codec.batch(pairs))
    memory, _ = model.encode(src)
    _, _, cross = model.decode(tgt_in, memory, src)
    return cross


def head_scores(model, codec: tasks.Codec, task: tasks.Task, pairs: list[tuple[str, str]],
                tolerance: int = 0) -> dict[tuple[int, int | None], float]:
    """(layer, head) -> fraction of target characters whose strongest source position is
    where a person expects it (or within `tolerance` positions of it); head None is the
    average of the layer's heads.

    A reversing head typically splits its weight between the digit it copies and the one
    it copied just before, so its strongest position is often one off: tolerance=1 counts
    that as following the alignment too.
    """
    cross = [torch.cat([w, w.mean(1, keepdim=True)], dim=1) for w in cross_attention(model, codec, pairs)]
    n_heads = cross[0].size(1) - 1
    hits = {(l, h): 0 for l in range(len(cross)) for h in [*range(n_heads), None]}
    counted = 0
    for b, (source, target) in enumerate(pairs):
        for t, span in enumerate(expected_spans(task, source, target)):
            if span is None:
                continue
            counted += 1
            for (l, h) in hits:
                strongest = int(cross[l][b, n_heads if h is None else h, t].argmax())
                hits[(l, h)] += min(abs(strongest - p) for p in span) <= tolerance
    # (argmax on the device is fine: the tensors are tiny)
    return {k: v / max(counted, 1) for k, v in hits.items()}
