"""Where a person expects each output character to look, and which heads do.

For reversing, output t should read input n-1-t. A cross-attention head is
*aligned* on a character when its strongest weight falls inside the expected
span of source positions.
"""

from __future__ import annotations

import torch

from playground.attention import tasks


def expected_spans(task: tasks.Task, source: str, target: str) -> list[set[int] | None]:
    """For each target character, the source positions it should attend to (None: anywhere)."""
    if task.name != "reverse":
        raise ValueError(f"no expected alignment for task {task.name!r}")
    n = len(source)
    return [{n - 1 - t} for t in range(len(target))]


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
