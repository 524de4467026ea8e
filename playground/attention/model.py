"""A small encoder-decoder transformer, written out the way the syllabus says it.

Every attention in this file goes through `attention(q, k, v, mask)`:

    scores  = q k^T / sqrt(d_k)            how well each query matches each key
    scores  = -inf where the mask forbids   (padding; the decoder's future)
    weights = softmax(scores)               each row sums to 1
    output  = weights v                     a weighted sum of the values

The encoder reads the whole input at once (no recurrence). The decoder writes
the output one token at a time: masked self-attention over the tokens it has
written so far, then cross-attention whose queries come from the decoder and
whose keys and values come from the encoder. Order enters only through the
sinusoidal positional encoding added to the embeddings.

Every forward pass also returns the attention weights, so the tab can show them.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class Config:
    vocab_size: int
    d_model: int = 64
    n_heads: int = 4
    n_encoder_layers: int = 2
    n_decoder_layers: int = 2
    d_ff: int = 256
    max_len: int = 40          # longest sequence the positional table covers
    pad_id: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


def sinusoidal_positions(n_positions: int, d_model: int) -> torch.Tensor:
    """PE[pos, 2i] = sin(pos / 10000^(2i/d)), PE[pos, 2i+1] = cos(pos / 10000^(2i/d)).

    Each pair of dimensions is a clock turning at its own speed: the first pairs
    tick every position, the last ones barely move over the whole table. Together
    they give every position a unique pattern, and PE[pos + k] is a fixed rotation
    of PE[pos], so "k steps further" looks the same everywhere.
    """
    pos = torch.arange(n_positions, dtype=torch.float32)[:, None]
    two_i = torch.arange(0, d_model, 2, dtype=torch.float32)
    angle = pos / torch.pow(10000.0, two_i / d_model)
    pe = torch.zeros(n_positions, d_model)
    pe[:, 0::2] = torch.sin(angle)
    pe[:, 1::2] = torch.cos(angle)
    return pe


def attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor,
              mask: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """Scaled dot-product attention: softmax(q k^T / sqrt(d_k) + mask) v.

    q: [..., n_queries, d_k], k and v: [..., n_keys, d_k]; mask (broadcastable
    to [..., n_queries, n_keys]) is True where a query may look at a key.
    Returns the output [..., n_queries, d_k] and the weights [..., n_queries, n_keys].
    Forbidden scores become -inf, so their weight is exactly 0 after softmax.
    """
    d_k = q.size(-1)
    scores = q @ k.transpose(-2, -1) / math.sqrt(d_k)
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights


def causal_mask(n: int, device: torch.device | None = None) -> torch.Tensor:
    """[n, n] lower triangle of True: position t may look at positions 0..t only."""
    return torch.ones(n, n, dtype=torch.bool, device=device).tril()


class MultiHeadAttention(nn.Module):
    """n_heads attentions side by side, each on its own d_k = d_model / n_heads slice."""

    def __init__(self, d_model: int, n_heads: int):
        super().__init__()
        assert d_model % n_heads == 0
        self.n_heads, self.d_k = n_heads, d_model // n_heads
        self.W_q = nn.Linear(d_model, d_model)
        self.W_k = nn.Linear(d_model, d_model)
        self.W_v = nn.Linear(d_model, d_model)
        self.W_o = nn.Linear(d_model, d_model)  # mixes the concatenated heads

    def split_heads(self, x: torch.Tensor) -> torch.Tensor:
        B, n, _ = x.shape  # [B, n, d_model] -> [B, heads, n, d_k]
        return x.view(B, n, self.n_heads, self.d_k).transpose(1, 2)

    def forward(self, x_query: torch.Tensor, x_keyvalue: torch.Tensor,
                mask: torch.Tensor | None) -> tuple[torch.Tensor, torch.Tensor]:
        q = self.split_heads(self.W_q(x_query))
        k = self.split_heads(self.W_k(x_keyvalue))
        v = self.split_heads(self.W_v(x_keyvalue))
        out, weights = attention(q, k, v, mask)
        B, _, n, _ = out.shape
        concat = out.transpose(1, 2).reshape(B, n, self.n_heads * self.d_k)
        return self.W_o(concat), weights


class FeedForward(nn.Module):
    def __init__(self, d_model: int, d_ff: int):
        super().__init__()
        self.up, self.down = nn.Linear(d_model, d_ff), nn.Linear(d_ff, d_model)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.down(F.gelu(self.up(x)))


class EncoderLayer(nn.Module):
    """Self-attention over the whole input, then a feed-forward net (pre-norm, residual)."""

    def __init__(self, cfg: Config):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(cfg.d_model), nn.LayerNorm(cfg.d_model)
        self.self_attn = MultiHeadAttention(cfg.d_model, cfg.n_heads)
        self.ffn = FeedForward(cfg.d_model, cfg.d_ff)

    def forward(self, x, src_mask):
        h = self.ln1(x)
        a, weights = self.self_attn(h, h, src_mask)
        x = x + a
        return x + self.ffn(self.ln2(x)), weights


class DecoderLayer(nn.Module):
    """Masked self-attention (only earlier outputs), cross-attention to the encoder, feed-forward."""

    def __init__(self, cfg: Config):
        super().__init__()
        self.ln1, self.ln2, self.ln3 = (nn.LayerNorm(cfg.d_model) for _ in range(3))
        self.self_attn = MultiHeadAttention(cfg.d_model, cfg.n_heads)
        self.cross_attn = MultiHeadAttention(cfg.d_model, cfg.n_heads)
        self.ffn = FeedForward(cfg.d_model, cfg.d_ff)

    def forward(self, y, memory, tgt_mask, memory_mask):
        h = self.ln1(y)
        a, self_weights = self.self_attn(h, h, tgt_mask)
        y = y + a
        # queries from the decoder; keys and values from the encoder's output
        a, cross_weights = self.cross_attn(self.ln2(y), memory, memory_mask)
        y = y + a
        return y + self.ffn(self.ln3(y)), self_weights, cross_weights


class Seq2SeqTransformer(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.cfg = cfg
        self.src_embed = nn.Embedding(cfg.vocab_size, cfg.d_model)
        self.tgt_embed = nn.Embedding(cfg.vocab_size, cfg.d_model)
        # fixed, not learned: a buffer, not saved with the weights
        self.register_buffer("pe", sinusoidal_positions(cfg.max_len, cfg.d_model), persistent=False)
        self.encoder = nn.ModuleList(EncoderLayer(cfg) for _ in range(cfg.n_encoder_layers))
        self.decoder = nn.ModuleList(DecoderLayer(cfg) for _ in range(cfg.n_decoder_layers))
        self.ln_enc, self.ln_dec = nn.LayerNorm(cfg.d_model), nn.LayerNorm(cfg.d_model)
        self.lm_head = nn.Linear(cfg.d_model, cfg.vocab_size)

    def embed(self, embedding: nn.Embedding, ids: torch.Tensor, use_positions: bool = True):
        """Token embedding (scaled by sqrt(d_model), as in the paper) + positional encoding."""
        x = embedding(ids) * math.sqrt(self.cfg.d_model)
        if use_positions:
            x = x + self.pe[: ids.size(1)]
        return x

    def encode(self, src: torch.Tensor, use_positions: bool = True):
        """src [B, S] -> memory [B, S, d], per-layer self-attention weights [B, heads, S, S]."""
        src_mask = (src != self.cfg.pad_id)[:, None, None, :]  # keys that are not padding
        x = self.embed(self.src_embed, src, use_positions)
        weights = []
        for layer in self.encoder:
            x, w = layer(x, src_mask)
            weights.append(w)
        return self.ln_enc(x), weights

    def decode(self, tgt_in: torch.Tensor, memory: torch.Tensor, src: torch.Tensor,
               use_positions: bool = True):
        """tgt_in [B, T] (starting with BOS) -> logits [B, T, vocab] and the decoder's weights."""
        T = tgt_in.size(1)
        tgt_mask = causal_mask(T, tgt_in.device)[None, None]          # no peeking ahead
        memory_mask = (src != self.cfg.pad_id)[:, None, None, :]
        y = self.embed(self.tgt_embed, tgt_in, use_positions)
        self_weights, cross_weights = [], []
        for layer in self.decoder:
            y, ws, wc = layer(y, memory, tgt_mask, memory_mask)
            self_weights.append(ws)
            cross_weights.append(wc)
        return self.lm_head(self.ln_dec(y)), self_weights, cross_weights

    def forward(self, src: torch.Tensor, tgt_in: torch.Tensor, use_positions: bool = True):
        memory, _ = self.encode(src, use_positions)
        logits, _, _ = self.decode(tgt_in, memory, src, use_positions)
        return logits

    @torch.no_grad()
    def generate(self, src: torch.Tensor, bos_id: int, eos_id: int, max_new: int,
                 use_positions: bool = True):
        """Greedy decoding, one token at a time, for a batch. Returns ids [B, <=max_new]
        (without BOS; EOS and anything after it are kept, callers cut there)."""
        memory, _ = self.encode(src, use_positions)
        out = torch.full((src.size(0), 1), bos_id, dtype=torch.long, device=src.device)
        done = torch.zeros(src.size(0), dtype=torch.bool, device=src.device)
        for _ in range(max_new):
            logits, _, _ = self.decode(out, memory, src, use_positions)
            nxt = logits[:, -1].argmax(-1)
            out = torch.cat([out, nxt[:, None]], dim=1)
            done |= nxt == eos_id
            if done.all():
                break
        return out[:, 1:]


def build(config: dict) -> Seq2SeqTransformer:
    """The module described by a manifest config (for playground.weights.load)."""
    fields = Config.__dataclass_fields__
    return Seq2SeqTransformer(Config(**{k: v for k, v in config.items() if k in fields}))
