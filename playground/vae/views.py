"""What the VAE tab shows, as pure functions: inputs -> arrays, numbers, plotly figures.

No Gradio here. Models are loaded lazily, once per process, shared by every
session (`playground.weights.get`). All numbers are in nats per digit.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots
import torch
from PIL import Image

from playground import data, i18n, imaging, weights
from playground.plots import DIGIT_COLOURS, style
from playground.vae import text
from playground.vae.model import (PRETRAINED, RING, UNUSED_KL_NATS, VAE, build, estimate_elbo,
                                  log_weights, prior_codes, reparameterise, ring_centres)

SLIDERS_MODEL = "vae16_beta1"
MAP_MODEL = "vae2"
BETA_MODELS = ("vae16_beta0.5", "vae16_beta1", "vae16_beta4")
LATENT = PRETRAINED[SLIDERS_MODEL][0]
Z_MAX = 3.0              # slider range: +-3 standard deviations of the prior
SCORE_SAMPLES = 16       # draws of z behind each reconstruction term (as in the manifest)
INK = 0.5                # a grey pixel counts as "on" above this (see `binarize`)


def model(name: str) -> VAE:
    return weights.get(name, build)


def beta(name: str) -> float:
    return PRETRAINED[name][1]


# ---------------------------------------------------------------- images

def png_data_uri(img: np.ndarray) -> str:
    """A small [H, W] image in [0, 1] as an inline PNG (the page scales it, pixelated).

    A 28x28 PNG is ~0.5 kB: it travels inside the event's reply, so the browser
    paints it without a second request for a file."""
    buf = io.BytesIO()
    Image.fromarray(imaging.to_uint8(img)).save(buf, "PNG", compress_level=1)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


# ---------------------------------------------------------------- the decoder

@torch.no_grad()
def decode(name: str, z: np.ndarray) -> np.ndarray:
    """Pixel probabilities sigmoid(logits) for latent codes z [N, d] -> [N, 28, 28]."""
    m = model(name)
    zt = torch.as_tensor(np.asarray(z, dtype=np.float32).reshape(-1, m.latent_dim))
    return torch.sigmoid(m.decode(zt.to(next(m.parameters()).device)))[:, 0].cpu().numpy()


def slider_image(z: list[float]) -> str:
    """One live slider update: decode z (batch of one) and encode it as a tiny PNG."""
    return png_data_uri(decode(SLIDERS_MODEL, np.clip(z, -Z_MAX, Z_MAX))[0])


def prior_z(seed: int | None = None) -> list[float]:
    """A draw from the prior p(z) = N(0, I) (clipped to the sliders' range)."""
    rng = np.random.default_rng(seed)
    return np.clip(rng.standard_normal(LATENT), -Z_MAX, Z_MAX).round(2).tolist()


# ---------------------------------------------------------------- inputs

def heldout() -> tuple[np.ndarray, np.ndarray]:
    """The 1,000 fixed-binarized held-out digits, the "test" split that no training or model
    selection read (float 0/1 [N, 28, 28]), and labels."""
    def make():
        x, y = data.digits("test", binarized=True)
        return x.astype(np.float32), y
    return weights.cached("vae:heldout", make)


def gallery_indices(page: int = 0, per_class: int = 2) -> list[int]:
    """`per_class` held-out digits of each class 0..9, a different set per `page`."""
    _, y = heldout()
    out = []
    for c in range(10):
        idx = np.flatnonzero(y == c)
        start = (page * per_class) % max(1, len(idx) - per_class)
        out += idx[start: start + per_class].tolist()
    return out


def example_of(label: int, k: int) -> int:
    """Index of the k-th held-out example of a class (wrapping around)."""
    _, y = heldout()
    idx = np.flatnonzero(y == int(label))
    return int(idx[int(k) % len(idx)])


def binarize(grey: np.ndarray) -> np.ndarray:
    """A grey digit -> 0/1 pixels (on above INK).

    The decoder is Bernoulli: it gives each pixel a probability of being ON, so
    the likelihood is defined for binary images, the kind it was trained on. A
    fixed threshold (not a random draw) keeps a drawing's score reproducible."""
    return (np.asarray(grey, dtype=np.float32) > INK).astype(np.float32)


def from_user(image, drawing: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """A drawing or an uploaded picture -> (framed grey 28x28, binarized 28x28), or InputError."""
    T = i18n.strings(text)  # read when called: the words of the language in use now
    if image is None:
        raise imaging.InputError(T.error_blank_drawing if drawing else T.error_no_image)
    grey_full = np.asarray(imaging.open_image(image, "L", need=imaging.DIGIT_NEED), dtype=np.float32)
    if grey_full.size and grey_full.max() - grey_full.min() < 8:
        if drawing:
            raise imaging.InputError(T.error_blank_drawing)
        raise imaging.InputError(T.error_flat_image)
    grey = imaging.digit_from_user(grey_full.astype(np.uint8))
    x = binarize(grey)
    if x.sum() < 5:
        raise imaging.InputError(T.error_faint)
    return grey, x


# ---------------------------------------------------------------- the ELBO of one input

@dataclass
class Breakdown:
    """Everything the tab shows about one input x under one model (numpy / floats)."""
    name: str
    beta: float
    mu: np.ndarray          # [d]
    logvar: np.ndarray      # [d]
    kl_per_dim: np.ndarray  # [d] nats
    recon: float            # E_q[log p(x|z)], Monte Carlo over SCORE_SAMPLES draws of z
    kl: float               # KL(q(z|x) || p(z)), closed form
    elbo: float             # recon - kl
    reconstruction: np.ndarray  # [28, 28] pixel probabilities decoded from z = mu

    @property
    def sigma(self) -> np.ndarray:
        return np.exp(0.5 * self.logvar)

    @property
    def unused(self) -> np.ndarray:
        return self.kl_per_dim < UNUSED_KL_NATS


@torch.no_grad()
def breakdown(name: str, x: np.ndarray) -> Breakdown:
    """The ELBO of a binary digit x [28, 28], split into its terms."""
    m = model(name)
    dev = next(m.parameters()).device
    xt = torch.as_tensor(np.asarray(x, np.float32)).reshape(1, 1, 28, 28).to(dev)
    est = estimate_elbo(m, xt, samples=SCORE_SAMPLES, seed=0)
    mu, logvar = m.encode(xt)
    recon_img = torch.sigmoid(m.decode(mu))[0, 0]
    return Breakdown(name=name, beta=beta(name), mu=mu[0].cpu().numpy(), logvar=logvar[0].cpu().numpy(),
                     kl_per_dim=est["kl_per_dim"][0].cpu().numpy(), recon=float(est["recon"][0]),
                     kl=float(est["kl"][0]), elbo=float(est["elbo"][0]),
                     reconstruction=recon_img.cpu().numpy())


@torch.no_grad()
def resample(b: Breakdown, n: int = 8, seed: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """n draws z = mu + sigma * eps, eps ~ N(0, I), and their decodes: (z [n, d], images [n, 28, 28])."""
    g = torch.Generator().manual_seed(int(seed if seed is not None else np.random.SeedSequence().entropy % 2**62))
    eps = torch.randn((n, len(b.mu)), generator=g)
    z = reparameterise(torch.as_tensor(b.mu), torch.as_tensor(b.logvar), eps).numpy()
    return z, decode(b.name, z)


def average_kl_per_dim(name: str) -> np.ndarray:
    """Mean KL per latent dimension over the held-out digits: which dimensions the model uses."""
    def make():
        x, _ = heldout()
        m = model(name)
        xt = torch.as_tensor(x[:, None]).to(next(m.parameters()).device)
        return estimate_elbo(m, xt, samples=1)["kl_per_dim"].mean(0).cpu().numpy()
    return weights.cached(f"vae:avg_kl:{name}", make)


# ---------------------------------------------------------------- figures

def _dims(d: int) -> list[str]:
    return [f"z{i + 1}" for i in range(d)]


def kl_figure(b: Breakdown, title: str, unused_label: str, height: int = 300) -> go.Figure:
    """KL per latent dimension; near-zero ones greyed and labelled unused (posterior collapse)."""
    names = _dims(len(b.mu))
    ticks = [f"{n}<br><span style='color:#888;font-size:10px'>{unused_label}</span>" if u else n
             for n, u in zip(names, b.unused)]
    fig = go.Figure(go.Bar(
        x=names, y=b.kl_per_dim, marker_color=["#c7c7c7" if u else "#4e79a7" for u in b.unused],
        text=[f"{v:.1f}" for v in b.kl_per_dim], textposition="outside", cliponaxis=False,
        hovertemplate="%{x}: KL = %{y:.3f} nats<extra></extra>"))
    style(fig, title, height=height, showlegend=False)
    fig.update_xaxes(tickmode="array", tickvals=names, ticktext=ticks, tickangle=0)
    fig.update_yaxes(title_text="KL (nats)", rangemode="tozero")
    return fig


def mu_sigma_figure(b: Breakdown, title: str, labels: dict, z: np.ndarray | None = None,
                    height: int = 320) -> go.Figure:
    """mu per dimension with a +-sigma bar; the prior's +-1 band behind; sampled z as dots."""
    names = _dims(len(b.mu))
    fig = go.Figure()
    fig.add_hrect(y0=-1, y1=1, fillcolor="#edc948", opacity=0.18, line_width=0,
                  annotation_text=labels["prior"], annotation_position="top left")
    fig.add_trace(go.Scatter(
        x=names, y=b.mu, mode="markers", name=labels["mu"],
        marker={"size": 10, "color": ["#c7c7c7" if u else "#4e79a7" for u in b.unused],
                "line": {"color": "#4e79a7", "width": 1}},  # grey: unused, as in the KL bars
        error_y={"type": "data", "array": b.sigma, "color": "#4e79a7", "thickness": 2, "width": 6},
        customdata=np.stack([b.sigma, b.kl_per_dim], 1),
        hovertemplate="%{x}: mu = %{y:.2f}, sigma = %{customdata[0]:.2f}, "
                      "KL = %{customdata[1]:.2f}<extra></extra>"))
    if z is not None:
        xs = [names[j] for i in range(len(z)) for j in range(z.shape[1])]
        fig.add_trace(go.Scatter(
            x=xs, y=z.reshape(-1), mode="markers", name=labels["z"],
            marker={"size": 6, "color": "#e15759", "symbol": "x", "opacity": 0.75},
            hovertemplate="%{x}: z = %{y:.2f}<extra></extra>"))
    style(fig, title, height=height, legend={"orientation": "h", "y": -0.18, "x": 0})
    fig.update_yaxes(range=[-4, 4], title_text="z")
    return fig


def beta_figure(rows: list[Breakdown], labels: dict, height: int = 300) -> go.Figure:
    """Reconstruction cost (-recon) and KL side by side for each beta: the trade-off."""
    xs = [f"β = {b.beta:g}" for b in rows]
    fig = go.Figure([
        go.Bar(x=xs, y=[-b.recon for b in rows], name=labels["recon"], marker_color="#f28e2b",
               text=[f"{-b.recon:.1f}" for b in rows], textposition="outside", cliponaxis=False),
        go.Bar(x=xs, y=[b.kl for b in rows], name=labels["kl"], marker_color="#4e79a7",
               text=[f"{b.kl:.1f}" for b in rows], textposition="outside", cliponaxis=False),
    ])
    style(fig, labels["title"], height=height, barmode="group",
          legend={"orientation": "h", "y": -0.15, "x": 0})
    fig.update_yaxes(title_text="nats", rangemode="tozero")
    return fig


# ---------------------------------------------------------------- the 2-d latent map

def heldout_mu_2d() -> tuple[np.ndarray, np.ndarray]:
    """mu of every held-out digit under the 2-d model [N, 2], and the labels."""
    def make():
        x, y = heldout()
        m = model(MAP_MODEL)
        with torch.no_grad():
            mu, _ = m.encode(torch.as_tensor(x[:, None]).to(next(m.parameters()).device))
        return mu.cpu().numpy(), y
    return weights.cached("vae:map_mu", make)


def map_extent() -> tuple[float, float]:
    """The square area the map, the manifold grid and the z sliders all cover."""
    mu, _ = heldout_mu_2d()
    half = float(np.ceil(max(3.0, np.percentile(np.abs(mu), 99.5)) * 2) / 2)
    return -half, half


def map_figure(title: str, labels: dict, point: tuple[float, float] | None = None,
               path: np.ndarray | None = None, height: int = 520) -> go.Figure:
    """Held-out digits at their mu, coloured by label; the decoded point and a path on top."""
    mu, y = heldout_mu_2d()
    lo, hi = map_extent()
    fig = go.Figure()
    for c in range(10):
        keep = y == c
        fig.add_trace(go.Scatter(
            x=mu[keep, 0], y=mu[keep, 1], mode="markers", name=str(c),
            marker={"size": 6, "color": DIGIT_COLOURS[c], "opacity": 0.8},
            hovertemplate=f"{labels['digit']} {c}<br>mu = (%{{x:.2f}}, %{{y:.2f}})<extra></extra>"))
    if path is not None:
        fig.add_trace(go.Scatter(x=path[:, 0], y=path[:, 1], mode="lines+markers", name=labels["path"],
                                 line={"color": "black", "width": 2}, marker={"size": 5, "color": "black"},
                                 hoverinfo="skip"))
    if point is not None:
        fig.add_trace(go.Scatter(x=[point[0]], y=[point[1]], mode="markers", name=labels["point"],
                                 marker={"size": 18, "color": "black", "symbol": "star",
                                         "line": {"color": "white", "width": 1.5}},
                                 hovertemplate="z = (%{x:.2f}, %{y:.2f})<extra></extra>"))
    # each class labelled where its digits sit (no legend eating the square's room)
    for c in range(10):
        cx, cy = np.median(mu[y == c], axis=0)
        fig.add_annotation(x=cx, y=cy, text=f"<b>{c}</b>", showarrow=False, opacity=0.9,
                           font={"size": 15, "color": "white"}, bgcolor=DIGIT_COLOURS[c],
                           bordercolor="white", borderwidth=1, borderpad=2)
    style(fig, title, height=height, dragmode=False, hovermode="closest", showlegend=False)
    fig.update_xaxes(range=[lo, hi], fixedrange=True, title_text="z1", constrain="domain")
    fig.update_yaxes(range=[lo, hi], fixedrange=True, title_text="z2", scaleanchor="x",
                     scaleratio=1, constrain="domain")
    return fig


def manifold(n: int = 15) -> np.ndarray:
    """Decodes of an n x n grid of z over the map's area, as one image (top row = largest z2)."""
    def make():
        lo, hi = map_extent()
        step = (hi - lo) / n
        centres = lo + step * (np.arange(n) + 0.5)  # each tile decodes the centre of its cell
        zz = np.array([[x, y] for y in centres[::-1] for x in centres], dtype=np.float32)
        return imaging.grid(decode(MAP_MODEL, zz), cols=n, pad=0)
    return weights.cached(f"vae:manifold:{n}", make)


def manifold_figure(title: str, n: int = 15, height: int = 520) -> go.Figure:
    """The manifold grid drawn on the same axes as the map (so the two can be compared)."""
    lo, hi = map_extent()
    img = manifold(n)[::-1]  # plotly draws an image's first row at y0, here the bottom
    px = (hi - lo) / img.shape[0]
    # an inline PNG (~60 kB) rather than 420x420x3 numbers in the figure's JSON (~2 MB)
    fig = go.Figure(go.Image(source=png_data_uri(img), x0=lo + px / 2, dx=px, y0=lo + px / 2,
                             dy=px, hoverinfo="skip"))
    style(fig, title, height=height, dragmode=False)
    fig.update_xaxes(range=[lo, hi], fixedrange=True, title_text="z1", constrain="domain", showgrid=False)
    fig.update_yaxes(range=[lo, hi], fixedrange=True, title_text="z2", autorange=False,
                     scaleanchor="x", scaleratio=1, constrain="domain", showgrid=False)
    return fig


def map_point_image(z1: float, z2: float) -> str:
    return png_data_uri(decode(MAP_MODEL, [[z1, z2]])[0])


@torch.no_grad()
def interpolation(name: str, xa: np.ndarray, xb: np.ndarray, steps: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """Decodes along the straight line from mu(xa) to mu(xb): (z path [steps, d], images [steps, 28, 28])."""
    m = model(name)
    dev = next(m.parameters()).device
    x = torch.as_tensor(np.stack([xa, xb]).astype(np.float32))[:, None].to(dev)
    mu, _ = m.encode(x)
    t = torch.linspace(0, 1, steps, device=dev)[:, None]
    z = (1 - t) * mu[0] + t * mu[1]
    return z.cpu().numpy(), decode(name, z.cpu().numpy())


# ---------------------------------------------------------------- the gap: ELBO vs log p(x)

GAP_SAMPLES = 1000      # draws of z ~ q(z|x) behind the importance-weighted estimate
GAP_CURVE = (1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000)


@torch.no_grad()
def gap_log_weights(name: str, x: np.ndarray, samples: int = GAP_SAMPLES) -> np.ndarray:
    """log w_k = log p(x|z_k) + log p(z_k) - log q(z_k|x) for `samples` draws z_k ~ q(z|x)
    (fixed seed: a digit always gets the same numbers) [samples], float64."""
    m = model(name)
    xt = torch.as_tensor(np.asarray(x, np.float32)).reshape(1, 1, 28, 28).to(next(m.parameters()).device)
    return log_weights(m, xt, samples, seed=0)[0].cpu().double().numpy()


def gap_numbers(log_w, k: int) -> tuple[float, float, float]:
    """(ELBO, the K-sample estimate of log p(x), their difference) from the draws `log_w`.

    The ELBO here is the K = 1 bound from the same draws (the mean of log w), so at K = 1 the
    gap is exactly zero; the gap estimates KL(q(z|x) || p(z|x)) from below."""
    lw = np.asarray(log_w, np.float64).reshape(-1)
    k = int(np.clip(int(k), 1, len(lw)))
    elbo, est = _iwae(lw, 1), _iwae(lw, k)
    return elbo, est, est - elbo


def _iwae(lw: np.ndarray, k: int) -> float:
    """model.iwae for one digit, in numpy (a slider update: no torch call, no thread pool)."""
    w = lw[: (len(lw) // k) * k].reshape(-1, k)
    top = w.max(1)
    return float(np.mean(top + np.log(np.mean(np.exp(w - top[:, None]), 1))))


def gap_figure(log_w, k: int, labels: dict, height: int = 340) -> go.Figure:
    """Left: ELBO + gap = estimate of log p(x) as a waterfall. Right: the estimate against K
    (log axis), the chosen K marked, the ELBO as a line."""
    lw = np.asarray(log_w, np.float64)
    k = int(np.clip(int(k), 1, len(lw)))
    elbo, est, gap = gap_numbers(lw, k)
    ks = sorted(set(GAP_CURVE) | {k})
    curve = [gap_numbers(lw, kk)[1] for kk in ks]
    fig = make_subplots(rows=1, cols=2, column_widths=[0.42, 0.58], horizontal_spacing=0.14,
                        subplot_titles=(labels["left"], labels["right"]))
    names = [labels["elbo"], labels["gap"], labels["logpx"].format(k=k)]
    fig.add_trace(go.Waterfall(
        x=names, y=[elbo, gap, 0.0], measure=["absolute", "relative", "total"],
        text=[f"{elbo:.1f}", f"+{gap:.2f}", f"{est:.1f}"], textposition="outside",
        cliponaxis=False, connector={"line": {"color": "#888", "width": 1}},
        increasing={"marker": {"color": "#59a14f"}}, decreasing={"marker": {"color": "#e15759"}},
        totals={"marker": {"color": "#4e79a7"}}, hovertemplate="%{x}: %{text}<extra></extra>",
        showlegend=False), row=1, col=1)
    pad = max(1.0, 0.6 * (max(curve) - elbo))
    fig.update_yaxes(range=[elbo - pad, max(curve) + pad], row=1, col=1)   # nats (the text says)
    fig.add_trace(go.Scatter(x=ks, y=curve, mode="lines+markers", name=labels["curve"],
                             line={"color": "#4e79a7"}, marker={"size": 5},
                             hovertemplate="K = %{x}: %{y:.2f}<extra></extra>"), row=1, col=2)
    fig.add_trace(go.Scatter(x=[k], y=[est], mode="markers", name=labels["chosen"].format(k=k),
                             marker={"size": 14, "color": "black", "symbol": "star"},
                             hovertemplate="K = %{x}: %{y:.2f}<extra></extra>"), row=1, col=2)
    fig.add_trace(go.Scatter(x=[1, len(lw)], y=[elbo, elbo], mode="lines", name=labels["elbo"],
                             line={"color": "#e15759", "dash": "dash"}, hoverinfo="skip"), row=1, col=2)
    fig.update_xaxes(type="log", title_text=labels["k_axis"], row=1, col=2)
    fig.update_yaxes(range=[elbo - pad, max(curve) + pad], row=1, col=2)
    style(fig, None, height=height, showlegend=False)   # the titles and the text say what is what
    fig.update_layout(margin={"l": 50, "r": 20, "t": 40, "b": 40})  # room for the two titles
    return fig


def gap_testset(name: str) -> dict[str, float] | None:
    """The test-set means in the manifest: -ELBO and -estimate with K = 1000 (None if absent)."""
    try:
        m = weights.entry(name)["metrics"]
        return {"elbo": -m["test_neg_elbo_nats"], "iwae": -m["test_neg_iwae1000_nats"]}
    except (weights.WeightsError, KeyError):
        return None


# ---------------------------------------------------------------- does it look like a digit?

# A decoded sample "looks like a digit" when, binarized as a drawing is here (pixels above INK
# on), the GAN tab's digit classifier gives one class at least this much belief and the ink sits
# inside a dark frame (gan.model.digit_like), and there is some ink at all (MIN_INK pixels on: the
# classifier also names an empty picture). 959 of the 1,000 real test digits pass. Why not the
# GAN tab's 50% on the grey image: a decoder's output is a map of probabilities, and on a grey,
# blurry blob (a plain autoencoder's typical sample) the classifier says "8" with confidence.
JUDGE_CONFIDENCE = 0.8
MIN_INK = 20             # pixels on; the fewest among the 1,000 real test digits: 25


@torch.no_grad()
def judge(images: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Decoded images [N, 28, 28] in [0, 1] -> (class [N], looks like a digit [N] bool); the
    rule is JUDGE_CONFIDENCE's (classifier: gan_digit_classifier, see playground/gan/mnist.py)."""
    from playground.gan import mnist
    from playground.gan import model as gan_model
    clf = mnist.classifier()
    x = torch.as_tensor(binarize(images))[:, None]
    cls, conf = gan_model.classify(clf, x.to(next(clf.parameters()).device))
    ink = x.flatten(1).sum(1) >= MIN_INK
    sure = (conf.cpu() >= JUDGE_CONFIDENCE) & gan_model.digit_like(x) & ink
    return cls.cpu().numpy(), sure.numpy()


# ---------------------------------------------------------------- sampling: VAE, AE, AAE

AE_MODEL = "ae16"        # the 16-d VAE's network trained without the KL term
AAE_MODEL = "aae2"       # 2-d, prior: 10 Gaussians on a ring, a discriminator instead of KL
N_SHOWN = 40             # samples per grid
YES, NO = (89, 161, 79), (90, 90, 90)   # tile frames: looks like a digit / does not


def framed_grid(images: np.ndarray, sure: np.ndarray, cols: int = 10, scale: int = 3) -> np.ndarray:
    """Samples [N, 28, 28] as one RGB picture, each tile framed green when it counts as a
    digit (`judge`) and grey when not; upscaled nearest-neighbour."""
    n = len(images)
    rows = -(-n // cols)
    tile = 28 + 4
    out = np.full((rows * tile, cols * tile, 3), 255, np.uint8)
    for i, (img, ok) in enumerate(zip(images, sure)):
        r, c = divmod(i, cols)
        y, x = r * tile, c * tile
        out[y + 1: y + tile - 1, x + 1: x + tile - 1] = YES if ok else NO
        out[y + 2: y + 30, x + 2: x + 30] = imaging.to_uint8(img)[..., None]
    return np.kron(out, np.ones((scale, scale, 1), np.uint8))


@torch.no_grad()
def prior_samples(name: str, n: int = N_SHOWN, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """n codes from the model's prior (N(0, I), or the ring for the AAE), decoded: (z [n, d],
    images [n, 28, 28], looks like a digit [n])."""
    z = prior_codes(name, n, seed).numpy()
    images = decode(name, z)
    return z, images, judge(images)[1]


def prior_count(name: str) -> tuple[int, int] | None:
    """(digit-like, judged) of the 1,000 prior samples the manifest counted (None if absent)."""
    try:
        m = weights.entry(name)["metrics"]
        return int(m["prior_samples_digit_like"]), int(m["prior_samples_judged"])
    except (weights.WeightsError, KeyError):
        return None


def code_spread(name: str) -> tuple[float, float]:
    """How far a model's codes of the test digits sit from N(0, I): (mean |mean_j|, mean std_j)
    over the latent dimensions j, with z = mu(x)."""
    def make():
        x, _ = heldout()
        m = model(name)
        with torch.no_grad():
            mu, _ = m.encode(torch.as_tensor(x[:, None]).to(next(m.parameters()).device))
        mu = mu.cpu().numpy()
        return float(np.abs(mu.mean(0)).mean()), float(mu.std(0).mean())
    return weights.cached(f"vae:spread:{name}", make)


def heldout_codes(name: str) -> tuple[np.ndarray, np.ndarray]:
    """z = mu(x) of every held-out digit under a 2-d model [N, 2], and the labels."""
    def make():
        x, y = heldout()
        m = model(name)
        with torch.no_grad():
            mu, _ = m.encode(torch.as_tensor(x[:, None]).to(next(m.parameters()).device))
        return mu.cpu().numpy(), y
    return weights.cached(f"vae:codes:{name}", make)


def codes_figure(name: str, title: str, labels: dict, ring: bool = False, height: int = 430) -> go.Figure:
    """Held-out digits at their code, coloured by label; for the AAE its prior drawn behind
    (a cloud of prior samples and the ring's ten centres)."""
    mu, y = heldout_codes(name)
    fig = go.Figure()
    if ring:
        zp = prior_codes(name, 1500, seed=1).numpy()
        fig.add_trace(go.Scatter(x=zp[:, 0], y=zp[:, 1], mode="markers", name=labels["prior"],
                                 marker={"size": 4, "color": "#bbbbbb", "opacity": 0.45},
                                 hoverinfo="skip"))
        c = ring_centres(RING["components"], RING["radius"]).numpy()
        fig.add_trace(go.Scatter(x=c[:, 0], y=c[:, 1], mode="markers", name=labels["centres"],
                                 marker={"size": 11, "color": "white", "symbol": "x",
                                         "line": {"color": "black", "width": 1.5}},
                                 hoverinfo="skip"))
    for cl in range(10):
        keep = y == cl
        fig.add_trace(go.Scatter(
            x=mu[keep, 0], y=mu[keep, 1], mode="markers", name=str(cl), showlegend=False,
            marker={"size": 5, "color": DIGIT_COLOURS[cl], "opacity": 0.8},
            hovertemplate=f"{labels['digit']} {cl}<br>z = (%{{x:.2f}}, %{{y:.2f}})<extra></extra>"))
    for cl in range(10):
        cx, cy = np.median(mu[y == cl], axis=0)
        fig.add_annotation(x=cx, y=cy, text=f"<b>{cl}</b>", showarrow=False, opacity=0.9,
                           font={"size": 13, "color": "white"}, bgcolor=DIGIT_COLOURS[cl],
                           bordercolor="white", borderwidth=1, borderpad=2)
    half = float(np.ceil(max(3.0, np.percentile(np.abs(mu), 99.5)) * 2) / 2)
    style(fig, title, height=height, dragmode=False, hovermode="closest",
          legend={"orientation": "h", "y": -0.15, "x": 0})
    fig.update_xaxes(range=[-half, half], fixedrange=True, title_text="z1", constrain="domain")
    fig.update_yaxes(range=[-half, half], fixedrange=True, title_text="z2", scaleanchor="x",
                     scaleratio=1, constrain="domain")
    return fig
