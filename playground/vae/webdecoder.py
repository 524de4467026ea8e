"""The VAE's decoders in the student's browser: dragging a latent slider costs the server nothing.

A class drags sliders more than it does anything else. Before this module each tick of a
drag was a queue event: the server decoded z (~1 ms of torch) and encoded a PNG, but
Gradio's own work around an event (the queue, a worker thread, the reply's messages) cost
several times that, all of it under the serving process's one GIL. Thirty students
dragging made every other student's clicks wait. Measured (bench classroom, 30 students,
120 s, back to back): ~3,400 of the server's 3,661 events were slider ticks; with the
page decoding, the server answered 881 events and used 49 s of CPU instead of 67 s, the
browser's slider -> picture painted went from p50 248 / p95 523 ms to 50 / 130 ms, and
clicks p95 from 466 to 230 ms.

The decoder p_theta(x|z) is small (16 -> 256 -> 3136 -> 32x14x14 -> 1x28x28, about
0.85 M weights, 2.5 M multiply-adds), so the page runs it itself:

- `export` writes the decoder's weights once per process as a safetensors file in
  float16 (1.7 MB; the page reads the format's JSON header like any safetensors reader)
  in a folder the server serves as static files (`gr.set_static_paths`). Its name carries
  the weights' sha256, so a browser never keeps a stale one.
- DECODER_JS (the decoded picture's `js_on_load`) fetches it when the picture first comes
  into view, and decodes z in a few milliseconds: the same layers as `model.VAE.decoder`,
  then sigmoid, then the same rounding to 0..255 as `imaging.to_uint8`. float16 weights
  move a pixel by at most a level or two of 255 (tests/vae/test_webdecoder.py).
- A slider's `input` event runs only that JavaScript (no server call). Its `release` still
  goes to the server with all sixteen values (the `vae_decode` API), and the server's
  picture, the same up to that rounding, replaces the page's own.
- The 2-D map's z1 and z2 sliders work the same way with the 2-D model's decoder (the same
  architecture); their release redraws the map's point on the server.

If the file cannot be fetched, the picture keeps its last image while a slider moves and
follows the server's picture on release.
"""

from __future__ import annotations

import functools
import json
import os
import tempfile
from pathlib import Path

import torch
from safetensors.torch import save_file

from playground import weights

# this user's own folder (another user's, on a shared machine, might not be writable)
EXPORT_DIR = Path(tempfile.gettempdir()) / f"playground-web-{os.getuid() if hasattr(os, 'getuid') else 0}"


def file_name(name: str) -> str:
    """The export's name: the model and the first 16 hex digits of its weights' sha256."""
    return f"{name}-decoder-{weights.entry(name)['sha256'][:16]}.f16.safetensors"


def path(name: str) -> Path:
    """Where `export` writes `name`'s decoder (on the server: the page fetches this path)."""
    return EXPORT_DIR / file_name(name)


def decoder_tensors(model) -> dict[str, torch.Tensor]:
    """The decoder's layers by what they are (the page looks them up by these names)."""
    d = model.decoder  # Linear, ReLU, Linear, ReLU, Unflatten, ConvT, ReLU, ConvT
    layers = {"fc1": d[0], "fc2": d[2], "up1": d[5], "up2": d[7]}
    assert all(isinstance(d[i], t) for i, t in ((0, torch.nn.Linear), (2, torch.nn.Linear),
                                                (5, torch.nn.ConvTranspose2d),
                                                (7, torch.nn.ConvTranspose2d)))
    out = {}
    for key, layer in layers.items():
        out[f"{key}.weight"] = layer.weight.detach().to("cpu", torch.float16).contiguous()
        out[f"{key}.bias"] = layer.bias.detach().to("cpu", torch.float16).contiguous()
    return out


@functools.lru_cache(maxsize=None)
def export(name: str) -> str:
    """Write `name`'s decoder for the page (once per process) and return its path on the server.

    Raises weights.WeightsError when the model cannot be loaded, OSError when the folder
    cannot be written."""
    from playground.vae import views  # the tab's shared, verified models

    model = views.model(name)
    up1 = model.decoder[5]
    EXPORT_DIR.mkdir(parents=True, exist_ok=True)
    out = path(name)
    if not out.exists():
        # several servers (tests) may write the same file: each writes its own, then renames
        tmp = out.with_suffix(f".{os.getpid()}.tmp")
        save_file(decoder_tensors(model), str(tmp), metadata={
            "model": name, "stride": str(up1.stride[0]), "padding": str(up1.padding[0])})
        os.replace(tmp, out)
    return str(out)


@functools.lru_cache(maxsize=None)
def serve() -> None:
    """Let the server hand out the exports (only this folder, which holds nothing else);
    once per process (each call would add the folder to Gradio's list again)."""
    import gradio as gr

    EXPORT_DIR.mkdir(parents=True, exist_ok=True)
    gr.set_static_paths([EXPORT_DIR])


def source(name: str) -> str:
    """What the page fetches for `name` ("" when it cannot: the server's pictures still come)."""
    try:
        serve()
        return export(name)
    except (weights.WeightsError, OSError):
        return ""


# Runs once when a decoded picture mounts (gr.HTML js_on_load; `props.decoder` is the
# export's path on the server, fetched relative to the page). window.playgroundVae.decode is
# what a slider's input event calls (`slider_js`); each model's weights are fetched once.
DECODER_JS = """
const hub = window.playgroundVae = window.playgroundVae || {};
if (!hub.decode) {
  const HALF = new Float32Array(65536);       // float16 bits -> value
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1, e = (h >> 10) & 31, m = h & 1023;
    HALF[h] = sign * (e === 0 ? m * 2 ** -24 : e === 31 ? (m ? NaN : Infinity) : (1 + m / 1024) * 2 ** (e - 15));
  }
  const read = (buf) => {                     // safetensors: u64 header size, JSON header, data
    const n = Number(new DataView(buf).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 8, n)));
    const t = {meta: header.__metadata__ || {}};
    for (const [key, v] of Object.entries(header)) {
      if (key === '__metadata__') continue;
      const bits = new Uint16Array(buf.slice(8 + n + v.data_offsets[0], 8 + n + v.data_offsets[1]));
      const data = new Float32Array(bits.length);
      for (let i = 0; i < bits.length; i++) data[i] = HALF[bits[i]];
      t[key] = {data: data, shape: v.shape};
    }
    return t;
  };
  const loading = {};
  hub.load = (src) => {
    if (!src) return Promise.resolve(null);
    if (!loading[src]) {
      const url = new URL('gradio_api/file=' + src, document.baseURI);
      loading[src] = fetch(url).then((r) => { if (!r.ok) throw new Error(r.status); return r.arrayBuffer(); })
        .then(read)
        .catch((err) => { delete loading[src]; console.warn('VAE decoder not loaded:', err); return null; });
    }
    return loading[src];
  };
  // y = W x + b, W [out, in]
  const linear = (p, x, relu) => {
    const [o, n] = p.w.shape, y = new Float32Array(o);
    for (let r = 0; r < o; r++) {
      let s = p.b.data[r];
      for (let c = 0, k = r * n; c < n; c++, k++) s += p.w.data[k] * x[c];
      y[r] = relu && s < 0 ? 0 : s;
    }
    return y;
  };
  // a transposed convolution, W [in, out, k, k]: each input pixel adds its weight-scaled kernel
  // to the output at (stride * i - padding + kernel offset), like torch.nn.ConvTranspose2d
  const convT = (p, x, size, stride, pad, relu) => {
    const [cin, cout, k] = p.w.shape, big = (size - 1) * stride - 2 * pad + k, w = p.w.data;
    const y = new Float32Array(cout * big * big);
    for (let oc = 0; oc < cout; oc++) y.fill(p.b.data[oc], oc * big * big, (oc + 1) * big * big);
    for (let ic = 0; ic < cin; ic++) {
      for (let iy = 0; iy < size; iy++) {
        for (let ix = 0; ix < size; ix++) {
          const v = x[(ic * size + iy) * size + ix];
          if (v === 0) continue;                // after a ReLU, most inputs are 0
          for (let oc = 0; oc < cout; oc++) {
            const wk = (ic * cout + oc) * k * k, yc = oc * big * big;
            for (let ky = 0; ky < k; ky++) {
              const oy = iy * stride - pad + ky;
              if (oy < 0 || oy >= big) continue;
              for (let kx = 0; kx < k; kx++) {
                const ox = ix * stride - pad + kx;
                if (ox >= 0 && ox < big) y[yc + oy * big + ox] += v * w[wk + ky * k + kx];
              }
            }
          }
        }
      }
    }
    if (relu) for (let i = 0; i < y.length; i++) if (y[i] < 0) y[i] = 0;
    return [y, big];
  };
  const layer = (t, key) => ({w: t[key + '.weight'], b: t[key + '.bias']});
  // z -> pixel probabilities sigmoid(logits), as bytes 0..255 ([28 * 28])
  hub.pixels = (t, z) => {
    const stride = +t.meta.stride || 2, pad = +t.meta.padding || 1;
    const h1 = linear(layer(t, 'fc1'), Float32Array.from(z, Number), true);
    const h2 = linear(layer(t, 'fc2'), h1, true);
    const c = t['up1.weight'].shape[0], size = Math.round(Math.sqrt(h2.length / c));
    const [h3, s3] = convT(layer(t, 'up1'), h2, size, stride, pad, true);
    const [logits, side] = convT(layer(t, 'up2'), h3, s3, stride, pad, false);
    const out = new Uint8ClampedArray(side * side);
    for (let i = 0; i < out.length; i++) out[i] = Math.floor(255 / (1 + Math.exp(-logits[i])) + 0.5);
    return [out, side];
  };
  const canvas = document.createElement('canvas');
  // the picture of z as an inline PNG; `current` (the picture shown) if the weights are missing
  hub.decode = async (src, z, current, zmax) => {
    const t = await hub.load(src);
    if (!t) return current;                     // keep the picture; the release redraws it
    const lim = zmax > 0 ? zmax : Infinity;     // the server clips z to the sliders' range too
    const [px, side] = hub.pixels(t, z.map((v) => Math.max(-lim, Math.min(lim, +v || 0))));
    canvas.width = canvas.height = side;
    const ctx = canvas.getContext('2d'), img = ctx.createImageData(side, side);
    for (let i = 0; i < px.length; i++) {
      img.data[4 * i] = img.data[4 * i + 1] = img.data[4 * i + 2] = px[i];
      img.data[4 * i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    return canvas.toDataURL('image/png');
  };
}
// fetch the weights as soon as the picture is on screen (not for students who never look)
const src = props.decoder || '';
if (src && window.IntersectionObserver) {
  const seen = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) { seen.disconnect(); hub.load(src); }
  });
  seen.observe(element);
}
"""


def slider_js(src: str, zmax: float | None = None) -> str:
    """A slider's input event: the page decodes the values of its inputs (after the picture
    itself) with the export at `src`, clipped to +-zmax (see the module's doc)."""
    return (f"(current, ...z) => window.playgroundVae ? window.playgroundVae.decode("
            f"{json.dumps(src)}, z, current, {json.dumps(zmax or 0)}) : current")
