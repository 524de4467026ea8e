"""What the canvas and the losses chart say follows the chosen loss, and says only true things.

The map's value is D(x) = P(real) for the cross-entropy losses, the least-squares score
clipped to [0, 1], or for WGAN-GP the critic score min-max rescaled every frame; only for
the first two families does white (1/2) mean "cannot tell". The dotted equilibrium lines
must be the losses' real values at the equilibrium, computed here from toy.py's losses.
"""

import dataclasses
import inspect
import re
from types import SimpleNamespace

import numpy as np
import pytest

from playground.gan import text, toy, views
from playground.gan.session import Session

EN = text.EN
CROSS_ENTROPY = ("non-saturating", "saturating")


@pytest.fixture(scope="module")
def sessions():
    out = {}
    for loss in toy.LOSSES:
        sess = Session(toy.Settings(loss=loss, seed=3))
        sess.train(30)
        out[loss] = (sess, sess.snapshot())
    return out


def _bar_ticks(page: str) -> list[str]:
    bar = re.search(r'<div class="gc-grad"[^>]*>(.*?)</div>', page).group(1)
    return re.findall(r"<span[^>]*>(.*?)</span>", bar)


def _reading(page: str) -> str:
    return re.search(r'<div class="gc-reading">(.*?)</div>', page).group(1)


def test_the_legend_follows_the_loss(sessions):
    """Label, colour-bar ticks and reading line come from the chosen loss, and the three
    families (cross-entropy, least squares, WGAN-GP) read differently."""
    seen = {}
    for loss, (sess, frame) in sessions.items():
        page = views.canvas_html(sess, frame)
        words = views.heat_words(loss)
        assert f'data-loss="{loss}"' in page
        assert views.html.escape(words["label"]) in page
        assert _bar_ticks(page) == [views.html.escape(t) for t in words["ticks"]]
        assert _reading(page) == views.html.escape(words["reading"])
        seen[loss] = (words["label"], tuple(words["ticks"]), words["reading"])
    assert seen["non-saturating"] == seen["saturating"]  # same D, same meaning
    families = {seen["non-saturating"], seen["least-squares"], seen["wgan-gp"]}
    assert len(families) == 3
    assert len({w[0] for w in families}) == 3 and len({w[2] for w in families}) == 3


def test_wgan_legend_never_claims_one_half(sessions):
    """A per-frame rescaled critic has no 'D = 1/2' line: no tick, label or reading says so."""
    sess, frame = sessions["wgan-gp"]
    page = views.canvas_html(sess, frame)
    shown = " ".join([*_bar_ticks(page), _reading(page), views.heat_words("wgan-gp")["label"]])
    for half in ("½", "1/2", "0.5", "P(real)", "D(x) ="):
        assert half not in shown, half
    assert not any(re.fullmatch(r"[-+0-9.]+", t) for t in _bar_ticks(page))  # no fixed numbers
    assert "rescaled" in views.heat_words("wgan-gp")["label"]
    # ... while the cross-entropy legend does say it, since there it is true
    for loss in CROSS_ENTROPY:
        page = views.canvas_html(*sessions[loss])
        assert "½" in _bar_ticks(page)[1] and "cannot tell" in _reading(page)


def test_the_wgan_map_is_rescaled_every_frame(sessions):
    """Why the WGAN legend must not claim 1/2: its map always spans exactly 0..1 (toy.py's
    prob_real min-max rescales), whatever the critic's raw scores are."""
    heat = sessions["wgan-gp"][1].heat
    assert heat.min() == pytest.approx(0, abs=1e-6) and heat.max() == pytest.approx(1, abs=1e-6)


def test_the_raw_critic_range_is_named_when_the_frame_carries_it(sessions):
    sess, frame = sessions["wgan-gp"]
    with_range = SimpleNamespace(**vars(frame), score_range=(-1.25, 2.5))
    reading = _reading(views.canvas_html(sess, with_range))
    assert "-1.25" in reading and "+2.50" in reading
    assert "-1.25" not in _reading(views.canvas_html(sess, frame))
    # a cross-entropy map is an absolute scale: no range is added to it
    ce = views.heat_words("non-saturating", (-1.25, 2.5))["reading"]
    assert "-1.25" not in ce


def _equilibrium_losses(loss: str) -> tuple[float, float | None]:
    """D's and G's losses from toy.py when p_G = p_data and D is at its best: the same
    scores on real and fake points (1/2 as a probability, or as a least-squares score)."""
    s = {"non-saturating": 0.0, "saturating": 0.0, "least-squares": 0.5, "wgan-gp": 0.7}[loss]
    batch = np.full((64, 1), s, np.float32)
    d_value = float(toy.d_loss_and_grad(loss, batch, batch)[0])
    g_value = float(toy.g_loss_and_grad(loss, batch)[0])
    if loss == "wgan-gp":  # a constant added to the critic changes G's loss: no fixed value
        assert float(toy.g_loss_and_grad(loss, batch + 1)[0]) != pytest.approx(g_value)
        return d_value, None
    return d_value, g_value


@pytest.mark.parametrize("loss", toy.LOSSES)
def test_the_dotted_lines_are_each_losss_equilibrium(sessions, loss):
    fig = views.losses_figure(sessions[loss][0])
    dotted = fig["layout"]["shapes"]
    d_eq, g_eq = _equilibrium_losses(loss)
    expected = [d_eq] + ([] if g_eq is None else [g_eq])
    assert [d["y0"] for d in dotted] == pytest.approx(expected, abs=1e-6)
    assert all(d["y0"] == d["y1"] and d["line"]["dash"] == "dot" for d in dotted)
    notes = fig["layout"]["annotations"]
    assert [n["text"] for n in notes] == [n for n in EN["eq_lines"][loss] if n]
    assert [n["y"] for n in notes] == [d["y0"] for d in dotted]
    names = [d["name"] for d in fig["data"] if d.get("yaxis", "y") == "y"]
    assert names == [EN["loss_critic"] if loss == "wgan-gp" else EN["loss_d"], EN["loss_g"]]
    # on the right axis, the divergences from the densities: JSD always, and for least squares
    # the triangular discrimination its D measures (WGAN-GP's own estimate is the critic loss)
    right = [d["name"] for d in fig["data"] if d.get("yaxis") == "y2"]
    assert right == [EN["jsd_trace"]] + ([EN["tri_trace"]] if loss == "least-squares" else [])


def test_the_vanishing_gradient_message_is_only_for_the_saturating_loss(sessions):
    """'the saturating loss log(1 - D) is flat there' is false for -log D, whose push is
    largest exactly where D rejects the samples."""
    for loss, expect in (("saturating", True), ("non-saturating", False)):
        sess, frame = sessions[loss]
        stuck = dataclasses.replace(frame, step=1000, d_fake=0.01, d_real=0.99, grad_norm=0.01)
        said = " ".join(message for _, message in views.diagnosis(sess, stuck, views.T))
        assert ("flat there" in said) is expect, loss


def test_the_loss_paragraphs_match_the_model():
    """The WGAN-GP weight and the 'covered' rule quoted in the text are the code's."""
    gp = toy.Settings().gp_weight
    assert f"\\lambda = {gp:g}$ here" in EN["how_to_read"]
    for loss in ("Non-saturating", "Saturating", "Least squares", "WGAN-GP"):
        assert f"**{loss}" in EN["how_to_read"]
    share = inspect.signature(views.covered_count).parameters["min_share"].default
    assert f"{share:.0%}" in EN["mnist_intro"] and f"{round(share * 100)} of 100" in EN["mnist_intro"]
