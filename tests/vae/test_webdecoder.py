"""The decoder the page runs (playground/vae/webdecoder.py): the file it fetches, and its math.

The browser side (the JavaScript itself, and that a drag sends nothing to the server) is
in test_webdecoder_browser.py. Here a numpy forward pass reads the exported file the way
the page does (safetensors, float16, the layers by name) and must give the server's picture.
"""

import json
import struct
from pathlib import Path

import numpy as np
import pytest

from playground import imaging, weights
from playground.vae import views as V
from playground.vae import webdecoder

pytestmark = pytest.mark.skipif(bool(weights.problems([V.SLIDERS_MODEL, V.MAP_MODEL])),
                                reason="VAE weights missing")
MODELS = [V.SLIDERS_MODEL, V.MAP_MODEL]


def read_safetensors(path: str) -> tuple[dict, dict[str, np.ndarray]]:
    """What DECODER_JS does with the file: the u64 header size, the JSON header, float16 data."""
    raw = Path(path).read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    meta = header.pop("__metadata__", {})
    tensors = {}
    for key, v in header.items():
        assert v["dtype"] == "F16", key
        a, b = v["data_offsets"]
        tensors[key] = np.frombuffer(raw[8 + n + a:8 + n + b], "<f2").astype(np.float32).reshape(v["shape"])
    return meta, tensors


def conv_transpose(x, w, b, stride, pad):
    """torch.nn.ConvTranspose2d written out: input pixel (i, j) adds w scaled by it at
    (stride * i - pad + ky, stride * j - pad + kx), the scatter DECODER_JS loops over."""
    cin, h, _ = x.shape
    _, cout, k, _ = w.shape
    full = np.zeros((cout, (h - 1) * stride + k, (h - 1) * stride + k), np.float32)
    for ky in range(k):
        for kx in range(k):
            full[:, ky:ky + stride * h:stride, kx:kx + stride * h:stride] += np.einsum("ihw,io->ohw", x, w[:, :, ky, kx])
    big = (h - 1) * stride - 2 * pad + k
    return full[:, pad:pad + big, pad:pad + big] + b[:, None, None]


def page_pixels(meta, t, z):
    relu = lambda a: np.maximum(a, 0)  # noqa: E731
    h = relu(t["fc1.weight"] @ z + t["fc1.bias"])
    h = relu(t["fc2.weight"] @ h + t["fc2.bias"])
    c = t["up1.weight"].shape[0]
    side = int(round(np.sqrt(h.size / c)))
    s, p = int(meta["stride"]), int(meta["padding"])
    h = relu(conv_transpose(h.reshape(c, side, side), t["up1.weight"], t["up1.bias"], s, p))
    logits = conv_transpose(h, t["up2.weight"], t["up2.bias"], s, p)[0]
    return np.floor(255 / (1 + np.exp(-logits)) + 0.5).astype(np.uint8)


@pytest.mark.parametrize("name", MODELS)
def test_export_is_the_decoder_in_float16_named_by_its_weights(name):
    path = webdecoder.export(name)
    assert Path(path).parent == webdecoder.EXPORT_DIR
    assert weights.entry(name)["sha256"][:16] in Path(path).name
    meta, t = read_safetensors(path)
    assert sorted(t) == sorted(f"{k}.{p}" for k in ("fc1", "fc2", "up1", "up2") for p in ("weight", "bias"))
    latent = V.model(name).latent_dim
    assert t["fc1.weight"].shape == (256, latent) and t["up2.weight"].shape[1] == 1
    assert Path(path).stat().st_size < 2_000_000  # float16: half of the decoder's float32
    assert meta["model"] == name


@pytest.mark.parametrize("name", MODELS)
def test_the_pages_forward_pass_gives_the_servers_picture(name):
    meta, t = read_safetensors(webdecoder.export(name))
    latent = V.model(name).latent_dim
    rng = np.random.default_rng(0)
    zs = np.clip(rng.standard_normal((12, latent)) * 1.5, -V.Z_MAX, V.Z_MAX).astype(np.float32)
    zs[0] = 0.0
    server = imaging.to_uint8(V.decode(name, zs))
    for z, want in zip(zs, server):
        got = page_pixels(meta, t, z)
        diff = np.abs(got.astype(int) - want.astype(int))
        # float16 weights: a pixel moves by a level or two of 255 at most, rarely at all
        assert diff.max() <= 2 and diff.mean() < 0.1, (diff.max(), diff.mean())


def test_slider_js_names_its_decoder_and_range():
    js = webdecoder.slider_js('/tmp/x "y".safetensors', 3.0)
    assert '"/tmp/x \\"y\\".safetensors"' in js and ", 3.0)" in js
    assert webdecoder.slider_js("", None).endswith('decode("", z, current, 0) : current')


def test_the_page_gets_no_decoder_when_the_weights_are_broken(monkeypatch):
    def broken(name):
        raise weights.FileMissing(name, "gone")
    monkeypatch.setattr(webdecoder, "export", broken)
    assert webdecoder.source(V.SLIDERS_MODEL) == ""
