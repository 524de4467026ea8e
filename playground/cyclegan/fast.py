"""A faster CPU forward pass of `ResnetGenerator`: same weights, same numbers (to ~1e-5).

The ResNet-9 generator at 256x256 is ~48 billion multiply-adds, 90% of them in
the 18 3x3 convolutions of the residual blocks. CPU time of one forward pass
at 256x256, one thread, measured op by op on this repo's 2-core AMD EPYC
(Zen 4) while other work shared it (so: ratios, not absolute numbers):

    residual 3x3 convs x18   oneDNN (PyTorch's default) 819 ms   NNPACK 314 ms
    2 down + 2 up convs      oneDNN ~100 ms (transposed: channels_last 3x faster than NCHW)
    7x7 stem and head        ~35 ms
    norms, pads, ReLUs, adds ~20 ms in all

So, kept:
* NNPACK for the stride-1 convolutions. It computes 3x3 convolutions with
  Winograd transforms (fewer multiplications per output than a direct
  convolution) and the 7x7 ones with FFTs. PyTorch ships it but only picks it
  for some batched shapes; called directly it is 2.6x faster than oneDNN here.
  Its results differ from the direct convolution by float rounding only
  (~1e-5 relative); tests/cyclegan hold the output to within 2/255 per pixel of
  the plain forward pass (measured: at most 1/255).
* channels_last for the two transposed convolutions (oneDNN's fast path there).
* group_norm with one group per channel instead of instance_norm: the same
  statistics (per image, per channel), a faster CPU kernel.
* A convolution's bias right before an instance norm is cancelled by the mean
  subtraction, so it is dropped (exact).
* inference_mode: no autograd bookkeeping.

Not kept, and why:
* bfloat16 (this CPU has AVX512-BF16): oneDNN's bf16 convolutions measured only
  ~10% faster than its fp32 ones, still far slower than NNPACK's fp32, and
  bf16 rounding through 20 layers is a risk to the 2/255 bound.
* torch.compile: its gain is fusing the cheap elementwise ops (norm, ReLU,
  pad: ~4% of the time above), against a compile of tens of seconds per
  process on 2 cores (more with every new image shape). Not worth it here.
* channels_last everywhere: NNPACK wants NCHW, and converting costs more.

Where NNPACK is missing (e.g. some ARM builds), or on a GPU, this falls back to
the plain module.
"""

from __future__ import annotations

import functools

import torch
import torch.nn.functional as F_

from playground.cyclegan.model import ResnetGenerator


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


def _conv(x: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Stride-1, unpadded convolution through NNPACK."""
    return torch._nnpack_spatial_convolution(x, w, b, [0, 0], [1, 1])


def _norm(x: torch.Tensor, layer: torch.nn.InstanceNorm2d) -> torch.Tensor:
    # one group per channel == instance norm
    return F_.group_norm(x, x.shape[1], layer.weight, layer.bias, layer.eps)


class FastGenerator:
    """Callable like the module: fast(x) == module(x) up to float rounding. Thread-safe."""

    def __init__(self, module: ResnetGenerator):
        self.module = module.eval()
        self.multiple = module.multiple
        # NNPACK wants a bias; where a norm follows, a zero one (the norm cancels any bias)
        widths = {m.conv.out_channels for m in [module.stem, *module.down, *module.up]}
        widths |= {b.conv1.out_channels for b in module.blocks}
        self.zeros = {n: torch.zeros(n) for n in widths}
        self.up_w = [u.conv.weight.detach().contiguous(memory_format=torch.channels_last) for u in module.up]

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        if x.device.type != "cpu" or not nnpack_ok():
            with torch.inference_mode():
                return self.module(x)
        m, zero = self.module, self.zeros
        with torch.inference_mode():
            s = m.stem
            h = _conv(F_.pad(x.contiguous(), (3, 3, 3, 3), mode="reflect"), s.conv.weight, zero[s.conv.out_channels])
            h = torch.relu_(_norm(h, s.norm))
            for d in m.down:
                h = torch.relu_(_norm(F_.conv2d(h, d.conv.weight, None, stride=2, padding=1), d.norm))
            for b in m.blocks:  # h + norm(conv(relu(norm(conv(h))))), borders reflected
                z = zero[b.conv1.out_channels]
                r = torch.relu_(_norm(_conv(F_.pad(h, (1, 1, 1, 1), mode="reflect"), b.conv1.weight, z), b.norm1))
                h = h + _norm(_conv(F_.pad(r, (1, 1, 1, 1), mode="reflect"), b.conv2.weight, z), b.norm2)
            h = h.contiguous(memory_format=torch.channels_last)
            for u, w in zip(m.up, self.up_w):
                h = F_.conv_transpose2d(h, w, None, stride=2, padding=1, output_padding=1)
                h = torch.relu_(_norm(h, u.norm))
            h = F_.pad(h.contiguous(), (3, 3, 3, 3), mode="reflect")
            return torch.tanh_(_conv(h, m.head.weight, m.head.bias))
