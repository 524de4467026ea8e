"""A faster CPU forward pass of `ResnetGenerator`: same weights, the same picture to within 2/255.

The ResNet-9 generator at 256x256 is ~48 billion multiply-adds, 90% of them in
the 18 3x3 convolutions of the residual blocks. Two fast paths, picked per CPU:

bfloat16 (CPUs with native bf16 dot products, AVX512-BF16 or AMX; this repo's
2-core AMD EPYC has them). Measured on the real photo model at 256x256, whole
forward pass: 0.29 s against 0.50 s for the fp32 NNPACK path below and 0.70 s
for the plain module. bf16 keeps 8 significant bits, so where it is used was
chosen by measuring the output against plain fp32 (8 example images x 3 sizes,
~6 M pixels; largest difference in 0..255 units):

    everything in bf16                                   4   (78 pixels above 2)
    stem and down-sampling convs in fp32, rest bf16      2   (12 pixels at 2, none above)

The input pixels themselves do not survive rounding to bf16 (k/127.5 - 1 needs
more than 8 bits), which is why the first layers stay fp32. The residual stream
(the x in x + block(x)) also stays fp32: each block's convolutions read a bf16
copy of it and add their result back in fp32, so rounding does not pile up over
the nine blocks. Tensors are channels_last, oneDNN's fast layout for both dtypes.

fp32 with NNPACK (other CPUs). NNPACK computes 3x3 convolutions with Winograd
transforms (fewer multiplications per output than a direct convolution) and the
7x7 ones with FFTs; PyTorch ships it but only picks it for some batched shapes,
and called directly it is 2.6x faster than oneDNN fp32 per residual convolution
here. Differences from the direct convolution are float rounding (~1e-5
relative; measured at most 1/255 per pixel on the whole model).

Both paths:
* group_norm with one group per channel instead of instance_norm: the same
  statistics (per image, per channel), a faster CPU kernel.
* A convolution's bias right before an instance norm is cancelled by the mean
  subtraction, so it is dropped (exact).
* inference_mode: no autograd bookkeeping.

Not kept, and why:
* Our own Winograd F(4x4, 3x3) with the weights transformed once: in fp32 its
  batched matrix products alone take as long as NNPACK's whole convolution; with
  bf16 products its error is 3% of the output (Winograd's transforms amplify
  rounding), ten times that of a direct bf16 convolution.
* torch.compile: its gain is fusing the cheap elementwise ops (a few % of the
  time), against a compile of tens of seconds per process on 2 cores (more with
  every new image shape).

The bf16 path is for the photo generators (`bf16="auto"`); the small digit pair
stays fp32, where speed is no issue. Without NNPACK or bf16 (e.g. some ARM
builds), or on a GPU, this is the plain module.
"""

from __future__ import annotations

import functools
from pathlib import Path

import torch
import torch.nn.functional as F_

from playground.cyclegan.model import ResnetGenerator

CL = torch.channels_last


@functools.lru_cache(maxsize=1)
def nnpack_ok() -> bool:
    """NNPACK must be initialised (this call does it) before its first convolution."""
    try:
        if not torch._nnpack_available():
            return False
        x, w = torch.randn(1, 2, 6, 6), torch.randn(2, 2, 3, 3)
        got = torch._nnpack_spatial_convolution(x, w, torch.zeros(2), [0, 0], [1, 1])
        return torch.allclose(got, F_.conv2d(x, w), atol=1e-4)
    except Exception:  # a build without it, or a CPU it does not support
        return False


def _cpu_flags() -> set[str]:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags"):
                return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


@functools.lru_cache(maxsize=1)
def bf16_ok() -> bool:
    """Native bf16 dot products only: where oneDNN has to emulate them, fp32 NNPACK is faster."""
    if not ({"avx512_bf16", "amx_bf16"} & _cpu_flags()):
        return False
    try:
        if not torch.ops.mkldnn._is_mkldnn_bf16_supported():
            return False
        x, w = torch.randn(1, 4, 6, 6), torch.randn(4, 4, 3, 3)
        got = F_.conv2d(x.bfloat16().contiguous(memory_format=CL), w.bfloat16().contiguous(memory_format=CL))
        return torch.allclose(got.float(), F_.conv2d(x, w), rtol=0.05, atol=0.1)
    except Exception:
        return False


def _conv(x: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Stride-1, unpadded convolution through NNPACK."""
    return torch._nnpack_spatial_convolution(x, w, b, [0, 0], [1, 1])


def _norm(x: torch.Tensor, layer: torch.nn.InstanceNorm2d) -> torch.Tensor:
    # one group per channel == instance norm (statistics in fp32 for bf16 input too)
    return F_.group_norm(x, x.shape[1], layer.weight, layer.bias, layer.eps)


def _pad(x: torch.Tensor, p: int) -> torch.Tensor:
    return F_.pad(x, (p, p, p, p), mode="reflect")


def _bf16(w: torch.Tensor) -> torch.Tensor:
    return w.detach().to(torch.bfloat16).contiguous(memory_format=CL)


class FastGenerator:
    """Callable like the module: fast(x) == module(x) to within 2/255 per pixel. Thread-safe."""

    def __init__(self, module: ResnetGenerator, bf16: bool | str = False):
        self.module = module.eval()
        self.multiple = module.multiple
        # NNPACK wants a bias; where a norm follows, a zero one (the norm cancels any bias)
        widths = {m.conv.out_channels for m in [module.stem, *module.down, *module.up]}
        widths |= {b.conv1.out_channels for b in module.blocks}
        self.zeros = {n: torch.zeros(n) for n in widths}
        self.up_w = [u.conv.weight.detach().contiguous(memory_format=CL) for u in module.up]
        self.bf16 = bf16_ok() if bf16 == "auto" else bool(bf16)
        if self.bf16:
            self.stem_w = module.stem.conv.weight.detach().contiguous(memory_format=CL)
            self.down_w = [d.conv.weight.detach().contiguous(memory_format=CL) for d in module.down]
            self.blocks_w16 = [(_bf16(b.conv1.weight), _bf16(b.conv2.weight)) for b in module.blocks]
            self.up_w16 = [_bf16(u.conv.weight) for u in module.up]
            self.head_w16 = _bf16(module.head.weight)
            self.head_b16 = module.head.bias.detach().to(torch.bfloat16)

    @property
    def path(self) -> str:
        """Which forward pass a CPU tensor takes: "bf16", "nnpack" or "plain"."""
        return "bf16" if self.bf16 else "nnpack" if nnpack_ok() else "plain"

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        path = self.path if x.device.type == "cpu" else "plain"
        with torch.inference_mode():
            if path == "bf16":
                return self._bf16_forward(x)
            if path == "nnpack":
                return self._nnpack_forward(x)
            return self.module(x)

    def _bf16_forward(self, x: torch.Tensor) -> torch.Tensor:
        m = self.module
        h = _pad(x, 3).contiguous(memory_format=CL)  # fp32 up to the residual blocks (see above)
        h = torch.relu_(_norm(F_.conv2d(h, self.stem_w), m.stem.norm))
        for d, w in zip(m.down, self.down_w):
            h = torch.relu_(_norm(F_.conv2d(h, w, stride=2, padding=1), d.norm))
        for b, (w1, w2) in zip(m.blocks, self.blocks_w16):  # h stays fp32; each block adds in fp32
            r = torch.relu_(_norm(F_.conv2d(_pad(h, 1).to(torch.bfloat16), w1), b.norm1))
            h = h + _norm(F_.conv2d(_pad(r, 1), w2), b.norm2).float()
        h = h.to(torch.bfloat16)
        for u, w in zip(m.up, self.up_w16):
            h = torch.relu_(_norm(F_.conv_transpose2d(h, w, stride=2, padding=1, output_padding=1), u.norm))
        h = F_.conv2d(_pad(h, 3), self.head_w16, self.head_b16)
        return torch.tanh_(h.float()).contiguous()

    def _nnpack_forward(self, x: torch.Tensor) -> torch.Tensor:
        m, zero = self.module, self.zeros
        s = m.stem
        h = _conv(_pad(x.contiguous(), 3), s.conv.weight, zero[s.conv.out_channels])
        h = torch.relu_(_norm(h, s.norm))
        for d in m.down:
            h = torch.relu_(_norm(F_.conv2d(h, d.conv.weight, None, stride=2, padding=1), d.norm))
        for b in m.blocks:  # h + norm(conv(relu(norm(conv(h))))), borders reflected
            z = zero[b.conv1.out_channels]
            r = torch.relu_(_norm(_conv(_pad(h, 1), b.conv1.weight, z), b.norm1))
            h = h + _norm(_conv(_pad(r, 1), b.conv2.weight, z), b.norm2)
        h = h.contiguous(memory_format=CL)  # oneDNN's fast layout for transposed convolutions
        for u, w in zip(m.up, self.up_w):
            h = F_.conv_transpose2d(h, w, None, stride=2, padding=1, output_padding=1)
            h = torch.relu_(_norm(h, u.norm))
        h = _pad(h.contiguous(), 3)
        return torch.tanh_(_conv(h, m.head.weight, m.head.bias))
