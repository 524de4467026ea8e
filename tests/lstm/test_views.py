"""The tab's views: bad input, features, find-units, saturation, figures, sampling.

These run on small random-weight models in a temporary pretrained/ folder, so they
test the machinery whatever the trained weights are; test_pretrained.py tests those.
"""

import json

import numpy as np
import pytest
import torch

from playground import weights
from playground.imaging import InputError
from playground.lstm import examples, features, views
from playground.lstm import model as M
from playground.lstm import tab


@pytest.fixture(scope="module")
def random_models(tmp_path_factory):
    """Random models of the real sizes, registered in a throwaway manifest."""
    folder = tmp_path_factory.mktemp("pretrained")
    mp = pytest.MonkeyPatch()
    mp.setenv("PLAYGROUND_PRETRAINED", str(folder))
    for key, hidden in (("lstm", 128), ("gru", 152), ("rnn", 274), ("brackets", 16)):
        torch.manual_seed(0)
        m = M.CharRNN(views.kind_of(key), hidden)
        weights.save(views.NAMES[key], m, config={"kind": views.kind_of(key), "hidden_size": hidden},
                     data="test", seed=0, steps=0, command="test", metrics={})
    for name in views.NAMES.values():  # forget models loaded from the real folder
        weights._cache.pop(f"lstm:{name}", None)
        weights._cache.pop(f"lstm:cell:{name}", None)
    yield folder
    for name in views.NAMES.values():
        weights._cache.pop(f"lstm:{name}", None)
        weights._cache.pop(f"lstm:cell:{name}", None)
    mp.undo()


# ---------------------------------------------------------------- bad input
def test_empty_text_is_a_clear_error():
    for empty in ("", None):
        with pytest.raises(InputError, match="empty"):
            views.prepare(empty)


def test_long_text_is_cut_with_a_notice():
    text, ids, notes = views.prepare("x" * 100_000)
    assert len(text) == len(ids) == views.MAX_CHARS
    assert any("100,000" in n and "2,000" in n for n in notes)


def test_unknown_characters_are_named_and_read_as_unknown():
    text, ids, notes = views.prepare("café\tok 🙂\r\n")
    assert text == "caf" + M.UNKNOWN + M.UNKNOWN + "ok " + M.UNKNOWN + "\n"
    assert (ids == M.UNK_ID).sum() == 3
    assert len(notes) == 1 and "3 characters" in notes[0] and "é" in notes[0] and "'\\t'" in notes[0]


def test_one_character_works_and_has_no_gradient(random_models):
    an = views.analyse("a", "lstm")
    assert an.rec["hidden"].shape == (1, 128) and an.grad_log10 == {}
    words = tab._labels("lstm")
    assert views.gradient_figure(an, words).layout.title.text == words["grad_need_two"]
    views.next_char_figure(an, 0, words)
    assert views.find_units(an, "in_string", "cell") == []  # a constant feature: nothing to rank


def test_100k_characters_finish_quickly(random_models):
    import time
    t0 = time.perf_counter()
    an = views.analyse(examples.CODE * 200, "gru")
    assert len(an.ids) == views.MAX_CHARS and an.notes
    assert time.perf_counter() - t0 < 30  # generous: a busy shared machine; the bench measures it


# ---------------------------------------------------------------- features
def test_code_features_follow_strings_comments_and_brackets():
    s = 'x = f("a(b", \'c\')  # not (a "string"\ny = """doc\n"q" """ + [1, {2}]\n'
    f = features.code_features(s)
    inside = "".join(ch for ch, v in zip(s, f["in_string"]) if v)
    assert inside == '"a(b' + "'c" + '"""doc\n"q" ""'  # opening quotes in, closing quotes out
    assert "".join(ch for ch, v in zip(s, f["in_comment"]) if v) == '# not (a "string"'
    depth = dict(zip(range(len(s)), f["bracket_depth"]))
    assert depth[s.index("(")] == 1 and depth[s.index("a(b") + 1] == 1  # '(' inside a string: no
    assert depth[s.index("{")] == 2 and depth[s.index("}")] == 1 and f["bracket_depth"][-1] == 0
    assert f["line_position"][s.index("\n")] == 0 and f["line_position"][0] == 1
    assert f["line_start"][s.index("\n") + 1] == 0  # 'y' is not indentation
    assert f["line_position"].max() == max(len(line) for line in s.split("\n"))


def test_correlation_ranks_the_unit_that_copies_a_feature():
    rng = np.random.default_rng(0)
    feature = (rng.random(500) > 0.5).astype(np.float32)
    acts = rng.normal(size=(500, 8)).astype(np.float32)
    acts[:, 5] = -2 * feature + 0.1 * acts[:, 5]
    acts[:, 2] = 0.0  # a dead unit gets r = 0, not nan
    best = features.best_units(acts, feature, top=3)
    assert best[0][0] == 5 and best[0][1] < -0.99 and abs(best[1][1]) < 0.2
    assert features.correlations(acts, feature)[2] == 0.0


# ---------------------------------------------------------------- the views
def test_every_view_of_every_model(random_models):
    text = examples.CODE
    for key in views.NAMES:
        an = views.analyse(text, key)
        words = tab._labels(an.kind)
        H = an.hidden_size
        assert set(views.STATES[an.kind]) <= set(an.rec)
        assert an.top_p.shape == (len(text), views.TOP_K) and np.all(np.diff(an.top_p, axis=1) <= 0)
        assert 0 < an.bits_per_char < 10
        fig = views.gates_figure(an, 10, unit=3, t=20, labels=words)
        assert len(fig.data) == len(views.STATES[an.kind])
        assert fig.data[0].z.shape == (H, views.WINDOW)
        assert list(fig.layout.xaxis.ticktext[:3]) == [views.shown(c, True) for c in text[10:13]]
        assert len(fig.layout.shapes) == 2 * len(views.STATES[an.kind])  # unit outline + step line
        json.loads(fig.to_json())  # valid for the browser
        # written from its dicts (a figure not yet built), it is what plotly would write
        assert json.loads(views.gates_figure(an, 10, unit=3, t=20, labels=words).to_json()) == \
            json.loads(fig.to_json())
        html = views.unit_html(an, views.STATES[an.kind][-1], 3, t=5)
        assert html.count(" title=") == len(text) and " now" in html
        sat = views.saturation(an)
        assert all(0 <= lo <= 1 and 0 <= hi <= 1 and lo + hi <= 1 for lo, hi in sat.values())
        assert (an.kind == "rnn") == (set(sat) == {"hidden"})
        views.saturation_figure(an, words).to_json()
        assert set(an.grad_log10) == {"rnn", "lstm", "gru"}
        assert all(len(g) == len(text) - 1 and np.isfinite(g).all() for g in an.grad_log10.values())
        grad = views.gradient_figure(an, words)
        assert [d.name for d in grad.data] == [words[k] for k in ("rnn", "lstm", "gru")]
        assert grad.layout.showlegend and "1" in grad.layout.yaxis.ticktext  # log ticks: ..., 1e-1, 1, ...
        grad.to_json()
        views.next_char_figure(an, 7, words).to_json()
        html = tab._diagram(an, 7, 3)
        assert "<svg" in html and f"{an.rec['hidden'][7, 3]:+.2f}" in html


def test_saturation_counts_closed_and_open_gates(random_models):
    an = views.analyse(examples.PROSE, "lstm")
    f = an.rec["forget_gate"]
    lo, hi = views.saturation(an)["forget_gate"]
    assert lo == pytest.approx((f < 0.1).mean()) and hi == pytest.approx((f > 0.9).mean())


def test_the_diagram_numbers_are_the_cell_equations(random_models):
    """The numbers written into the diagram satisfy c_t = f c_{t-1} + i g and h_t = o tanh(c_t)."""
    from playground.lstm import diagram
    an = views.analyse(examples.CODE, "lstm")
    n = diagram.step_numbers(an.rec, "lstm", 30, 11)
    assert n["cell"] == pytest.approx(n["forget_gate"] * n["c_prev"] + n["input_gate"] * n["candidate"],
                                      abs=1e-5)
    assert n["hidden"] == pytest.approx(n["output_gate"] * np.tanh(n["cell"]), abs=1e-5)


def test_the_chosen_models_gradient_reuses_its_trace(random_models):
    """analyse() reuses the chosen model's own trace for its gradient: same numbers as fresh."""
    an = views.analyse(examples.CODE, "lstm")
    fresh = views.gradient_flow(an.ids)
    for kind in ("rnn", "lstm", "gru"):
        np.testing.assert_allclose(an.grad_log10[kind], fresh[kind], rtol=1e-6, atol=1e-9)


def test_continue_text(random_models):
    out = views.continue_text("lstm", "def f(x):\n", 50, 0.8, seed=3)
    assert len(out) == 50 and M.UNKNOWN not in out
    assert out == views.continue_text("lstm", "def f(x):\n", 50, 0.8, seed=3)


def test_sorted_heatmaps_put_the_best_unit_on_top(random_models):
    """'Sort the units': rows reordered by |r| with the feature, the same order in every heatmap,
    the unit numbers on the axis and in the hover, the outline on the chosen unit's new row."""
    an = views.analyse(examples.CODE, "lstm", gradients=False)
    ranked = views.find_units(an, "in_string", "cell", top=3)
    order = views.unit_order(an, "in_string", "cell")
    assert [u for u, _ in ranked] == list(order[:3])
    assert sorted(order) == list(range(an.hidden_size))
    unit = ranked[1][0]
    fig = views.gates_figure(an, 0, unit=unit, t=5, labels=tab._labels("lstm"), order=order)
    for k, name in enumerate(views.STATES["lstm"]):
        np.testing.assert_allclose(fig.data[k].z[0], np.round(an.rec[name][:views.WINDOW, order[0]], 3))
        assert fig.data[k].customdata[0][0] == order[0]
        assert "unit %{customdata}" in fig.data[k].hovertemplate
    assert fig.layout.yaxis.ticktext[0] == str(order[0])
    outline = fig.layout.shapes[0]
    assert outline.type == "rect" and outline.y0 == 0.5 and outline.y1 == 1.5  # row 1: second best
    unsorted = views.gates_figure(an, 0, unit=unit, t=5, labels=tab._labels("lstm"))
    assert unsorted.data[0].customdata is None and unsorted.layout.shapes[0].y0 == unit - 0.5


def test_gradient_ratios_are_written_for_people():
    assert views.ratio_text(0.0) == "1" and views.ratio_text(np.log10(0.079)) == "0.079"
    assert views.ratio_text(np.log10(3.2e-5)) == "3.2e-5"
    assert views.ratio_text(-299.85) == "1.4e-300" and views.ratio_text(-2.99999) == "0.001"
    assert views.ratio_text(-float("inf")) == "0"


# ---------------------------------------------------------------- the GRU's update gate
def _svg_box(html: str, note: str) -> str:
    """The SVG of the box whose second line is `note`: its rect, title, note and value."""
    i = html.index(f'class="box-note">{note}</text>')
    start = html.rindex("<rect", 0, i)
    return html[start: html.index("</text>", html.index("font-weight", i)) + 7]


def test_the_gru_diagram_labels_the_update_gate_as_keep_old(random_models):
    """PyTorch's GRU: h_t = (1 - z) n_t + z h_{t-1}. The box showing z is the 'keep the old h'
    gate, a second box shows 1 - z as the 'write the new n' gate (each green when open), and a
    note says that colah's figure in the notes has z the other way round."""
    from playground.lstm import diagram, text as lstm_text
    an = views.analyse(examples.CODE, "gru", gradients=False)
    words = tab._labels("gru")
    t, unit = 40, 5
    n = diagram.step_numbers(an.rec, "gru", t, unit)
    z, h_prev = n["update_gate"], n["h_prev"]
    # the convention itself, from the model's own numbers: z multiplies the OLD state
    assert n["hidden"] == pytest.approx(z * h_prev + (1 - z) * n["candidate"], abs=1e-5)
    html = tab._diagram(an, t, unit)
    keep = _svg_box(html, words["box_update_note"])
    write = _svg_box(html, words["box_write_note"])
    assert words["box_update"] in keep and f">{z:+.2f}</text>" in keep
    assert f'fill="{diagram._fill(z, "gate")}"' in keep
    assert words["box_write"] in write and f">{1 - z:+.2f}</text>" in write
    assert f'fill="{diagram._fill(1 - z, "gate")}"' in write
    assert "keep" in lstm_text.EN["box_update_note"] and "write" in lstm_text.EN["box_write_note"]
    assert words["gru_convention"] in html and "colah" in words["gru_convention"]
    # the LSTM has no such gate and no such note
    lstm_html = tab._diagram(views.analyse(examples.CODE, "lstm", gradients=False), t, unit)
    assert words["gru_convention"] not in lstm_html and "box-note" not in lstm_html


def test_the_update_gate_says_open_means_keep_in_every_view(random_models):
    an = views.analyse(examples.CODE, "gru", gradients=False)
    words = tab._labels("gru")
    titles = [a.text for a in views.gates_figure(an, labels=words).layout.annotations]
    assert words["update_gate"] + words["update_gate_note"] in titles
    assert words["reset_gate"] in titles  # the other gates keep their plain names
    legend = views.unit_html(an, "update_gate", 3)
    low, high = (views.html.escape(words[k]) for k in ("legend_update_low", "legend_update_high"))
    assert legend.index(low) < legend.index("class=\"bar\"") < legend.index(high)
    reset = views.unit_html(an, "reset_gate", 3)
    assert words["legend_open"] in reset and high not in reset


def test_the_exploding_rnn_beside_the_others_and_clipping(random_models):
    """s = 1 is the RNN of the plot; clipping divides every step's gradient by ||g|| when it is
    above 1 and leaves it alone below; the toy gets its own line and row; bad input is named."""
    an = views.analyse(examples.CODE, "rnn")
    one = views.exploding(an, 1.0)
    np.testing.assert_allclose(one.grad_log10, an.grad_log10["rnn"], atol=1e-4)
    big = views.exploding(an, 4.0, clip=True)
    assert big.total_log10 > one.total_log10 and big.clip_shift == pytest.approx(-big.total_log10)
    assert views.exploding(an, 4.0).clip_shift == 0.0                          # not ticked
    small = views.Toy(0.5, one.grad_log10, -0.5, clip=True)                    # ||g|| = 0.32 < 1
    assert small.clip_shift == 0.0 and "not above 1" in views.toy_summary(small, tab._labels("rnn"))
    words = tab._labels("rnn")
    fig = views.gradient_figure(an, words, big)
    names = [d.name for d in fig.data]
    assert names == ["vanilla RNN", "LSTM", "GRU", "RNN, U × 4.00", "RNN, U × 4.00, clipped at 1"]
    np.testing.assert_allclose(fig.data[-1].y, np.round(big.grad_log10 - big.total_log10, 3))
    assert fig.data[-2].line.dash == "dot"
    rows = views.gradient_summary(an, toy=big)
    assert [r[0] for r in rows] == ["rnn", "lstm", "gru", "toy"]
    info = views.toy_summary(big, words)
    assert "U × 4.00" in info and "multiplied by" in info
    assert "not clipped" in views.toy_summary(views.exploding(an, 4.0), words)
    assert views.exploding(views.analyse("x", "rnn"), 2.0) is None               # one character: no gradient
    out = tab.explode(an, 2.5, True)
    assert out[2].startswith("**U × 2.50**")


def test_huge_ratios_are_written_for_people():
    assert views.ratio_text(394.42) == "2.6e394" and views.ratio_text(2.1) == "126"
    assert views.ratio_text(1.0) == "10" and views.ratio_text(3.0) == "1.0e3"
