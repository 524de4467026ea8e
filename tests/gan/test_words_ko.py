"""The GAN tab's words come from text.py in the page's language: preset names and stories,
the meters' region words, error messages, the exported frame's caption (drawn with a font
that has Hangul, or in English where the machine has none)."""

from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from playground import fonts, i18n
from playground.gan import presets, tab, text, toy, views
from playground.gan.session import Session
from playground.imaging import InputError


def words(lang: str) -> SimpleNamespace:
    """The tab's words fixed in one language (i18n.strings follows the reader's language)."""
    return SimpleNamespace(**i18n.words(text, lang))


@pytest.fixture
def korean(monkeypatch):
    """The tab and its views as a server started with PLAYGROUND_LANG=ko would have them."""
    ko = words("ko")
    monkeypatch.setattr(tab, "T", ko)
    monkeypatch.setattr(views, "T", ko)
    return ko


@pytest.fixture(scope="module")
def collapsed():
    """A run past its first steps, whose meters have something to say."""
    sess = Session(presets.PRESETS["Mode collapse"].settings)
    sess.train(400)
    return sess, sess.snapshot()


def test_the_preset_story_and_its_change_note_are_korean(korean):
    name = "Saturating loss stalls"
    p = presets.PRESETS[name]
    assert tab.story(name, p.settings) == text.KO["preset_stories"][name] != p.story
    changed = tab.story(name, toy.Settings(**{**p.settings.as_dict(), "loss": "non-saturating"}))
    assert text.KO["preset_names"][name] in changed and name not in changed
    assert text.KO["field_short"]["loss"] in changed and changed.endswith(text.KO["preset_stories"][name])


def test_a_bad_learning_rate_names_the_network_in_korean(korean):
    values = tab.values_of(toy.Settings())
    values[tab.FIELDS.index("d_lr")] = "1e9"
    with pytest.raises(InputError) as err:
        tab.settings_from(*values)
    message = str(err.value)
    assert message.startswith(text.KO["lr_which"]["discriminator"]) and "discriminator" not in message


def test_the_meters_say_modes_in_korean(collapsed):
    sess, frame = collapsed
    en, ko = views.meters_html(sess, frame, words("en")), views.meters_html(sess, frame, words("ko"))
    assert "% of samples" in en and "modes covered" in en
    assert "samples" not in ko and "modes" not in ko
    assert f'title="{text.KO["region_one"]["modes"]} 1: ' in ko
    assert f'{text.KO["covered_label"].format(what=text.KO["region_words"]["modes"])}' in ko


def test_fonts_draw_hangul_as_letters_not_boxes():
    if fonts.cjk_font_file() is None:  # the test set-up installs fonts-noto-cjk (issue 15)
        pytest.fail("no font with Hangul on this machine: install fonts-noto-cjk")
    font = fonts.font(15, "스텝")
    masks = [np.asarray(font.getmask(ch)) for ch in "스텝모"]
    shapes = {(m.shape, m.tobytes()) for m in masks}
    assert len(shapes) == 3 and all(m.any() for m in masks)  # three glyphs, none blank, no shared box
    assert fonts.font(15, "step 10") is not font  # ASCII keeps Pillow's own font


def test_the_png_caption_is_korean_or_else_english(korean, collapsed, monkeypatch):
    sess, frame = collapsed
    english = words("en")
    caption = lambda img: np.asarray(img)[:24]  # noqa: E731  the band above the plane

    def drawn(T):
        monkeypatch.setattr(views, "T", T)
        return caption(views.render_png(sess, frame, size=240))

    ko, en = drawn(korean), drawn(english)
    assert (ko != en).any() and (ko < 128).any() and (en < 128).any()
    # not Pillow's own font, which has no Hangul (it would draw the Korean words as boxes)
    label = text.KO["png_caption"].format(step=frame.step, what=text.KO["region_words"]["modes"],
                                          k=frame.meters.covered, n=frame.meters.n_regions,
                                          hq=100 * frame.meters.high_quality)
    boxes = Image.new("RGB", (240, 24), (255, 255, 255))
    ImageDraw.Draw(boxes).text((6, 4), label, fill=(20, 20, 20), font=ImageFont.load_default(size=15))
    assert (ko != np.asarray(boxes)).any()
    # a machine without a CJK font: the English caption (Pillow's own font), not boxes
    monkeypatch.setattr(fonts, "cjk_font_file", lambda: None)
    fonts._font.cache_clear()
    try:
        plain = drawn(english)
        assert (drawn(korean) == plain).all() and (plain < 128).any()
    finally:
        fonts._font.cache_clear()
