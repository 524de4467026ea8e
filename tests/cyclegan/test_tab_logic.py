"""The tab's handlers without a browser: outputs, repeats, the model description."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import gradio as gr
import pytest

from playground.cyclegan import tab

EXAMPLES = Path(__file__).resolve().parents[2] / "assets" / "cyclegan" / "examples"


def test_digit_round_trip_outputs_and_a_repeat_is_not_recomputed():
    student = SimpleNamespace(session_hash="student-1")
    picture = str(EXAMPLES / "digit_typeset_7.png")
    seen, output, back, fig, summary, download, no_reverse = tab.translate(picture, "digits_ba", 256, student)
    assert output["label"] == "Translation: F(b)" and back["label"] == "Back again: G(F(b))"
    assert back["value"] is not None and no_reverse["visible"] is False
    assert "mean cycle error" in summary and "$D_A$" in summary
    assert Path(download["value"]).name == "cyclegan-digits_ba-224x224.png"
    assert fig.data[0].type == "heatmap"
    # Gradio fires `change` twice when a picture replaces another: the second is skipped
    repeat = tab.translate(picture, "digits_ba", 256, student)
    assert all(isinstance(o, type(gr.skip())) for o in repeat)
    # ...but only for the same student: another session computes its own
    other = tab.translate(picture, "digits_ba", 256, SimpleNamespace(session_hash="student-2"))
    assert other[4] == summary


def test_a_sessions_newest_translation_shows_whichever_ends_last(monkeypatch):
    """A link sets the picture, the model and the size one after another, and two translations
    run side by side: the one started first (the page's default picture) may end last. Its
    answer is dropped; the newest one's shows. Another session's calls are its own."""
    import threading
    import time

    release = {"old.png": threading.Event(), "new.png": threading.Event(), "own.png": threading.Event()}
    entered = []

    def slow(image, *args):   # a translation that ends when the test says
        entered.append(image)
        release[image].wait(10)
        return (f"shows {image}",) * 7

    monkeypatch.setattr(tab, "_translate", slow)
    student, other = SimpleNamespace(session_hash="s-newest"), SimpleNamespace(session_hash="s-other")
    got = {}

    def call(image, who):
        got[image] = tab.translate(image, "vintage", 128, who)

    threads = [threading.Thread(target=call, args=args) for args in
               (("old.png", student), ("new.png", student), ("own.png", other))]
    for k, t in enumerate(threads):
        t.start()
        while len(entered) <= k:   # each one translating before the next starts
            time.sleep(0.001)
    for image in ("new.png", "old.png", "own.png"):   # the newest ends first
        release[image].set()
    for t in threads:
        t.join(10)
    assert got["new.png"][1] == "shows new.png" and got["own.png"][1] == "shows own.png"
    assert all(isinstance(o, type(gr.skip())) for o in got["old.png"])
    assert "s-newest" not in tab._newest and "s-other" not in tab._newest   # nothing left behind


def test_no_picture_clears_the_views():
    seen, output, back, fig, summary, download, no_reverse = tab.translate(None, "vintage", 256, None)
    assert seen["value"] is None and output["value"] is None and summary == ""
    assert download["visible"] is False


def test_unknown_translator_is_a_clear_error():
    with pytest.raises(gr.Error, match="Unknown translator"):
        tab.translate(str(EXAMPLES / "coffee.jpg"), "no-such-model", 256, None)


def test_digits_ignore_the_working_size():
    source, resolution = tab.describe("digits_ab")
    assert "MNIST" in source and resolution["interactive"] is False
    source, resolution = tab.describe("vintage")
    assert "vintagify" in source and resolution["interactive"] is True


def test_a_photo_sent_to_the_digit_pair_says_which_translator_fits():
    with pytest.raises(gr.Error, match="almost all ink.*choose the photo translator"):
        tab.translate(str(EXAMPLES / "coffee.jpg"), "digits_ab", 256, None)


def test_the_photo_model_goes_one_way_and_says_so():
    seen, output, back, fig, summary, download, no_reverse = tab.translate(
        str(EXAMPLES / "coffee.jpg"), "vintage", 128, None)
    assert back["visible"] is False and no_reverse["visible"] is True  # no empty third frame
    assert "working size 192x128 (your picture: 576x384)" in summary
    assert Path(download["value"]).name == "cyclegan-vintage-192x128.png"
    assert fig.layout.annotations[0].text == tab.T.no_reverse_note


def test_an_upload_reaches_the_handler_unopened(tmp_path):
    """A text file posing as .png must get to open_image (clear message), not to PIL inside Gradio,
    also after Gradio rebuilds the component from its class (it does when an example updates it)."""
    from gradio.data_classes import ImageData

    from playground.cyclegan.upload import UploadedImage
    notes = tmp_path / "notes.png"
    notes.write_text("not a picture")
    payload = ImageData(path=str(notes), url="http://127.0.0.1/gradio_api/file=notes.png")
    image = UploadedImage(type="filepath")
    rebuilt = type(image)(type="filepath")
    assert image.preprocess(payload) == rebuilt.preprocess(payload) == str(notes)
    with pytest.raises(gr.Error, match="not an image this app can read"):
        tab.translate(str(notes), "vintage", 256, None)


def test_trained_pair_claims_kept_digits_only_when_the_manifest_shows_it(monkeypatch):
    """The shipped pair keeps a digit's label (nearest typeset training digit) no better than
    the untranslated digit does, and the text says so; a pair whose gain is clear of its 95%
    interval would be described as keeping it."""
    from playground import weights
    real = weights.entry("cyclegan_digits")
    m = real["metrics"]
    shipped_better = m["test_digit_kept_ab_gain"] - m["test_digit_kept_ab_gain_ci95"] > 0
    _, _, md = tab.trained_pair()
    assert ("no better than not translating" in md) == (not shipped_better)
    assert f"{m['test_digit_kept_ab']:.0%}" in md and f"{m['test_digit_kept_ab_input']:.0%}" in md
    better = {**real, "metrics": {**m, "test_digit_kept_ab_gain": 0.2, "test_digit_kept_ab_gain_ci95": 0.03}}
    original = weights.entry
    monkeypatch.setattr(weights, "entry", lambda name: better if name == "cyclegan_digits" else original(name))
    _, _, md = tab.trained_pair()
    assert "better than not translating at all." in md and "no better" not in md
