"""Helpers for browser tests: act like a student, then read what is on screen."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

from playwright.sync_api import Locator, Page

SCREENSHOTS = Path(__file__).parent / "screenshots"


def open_tab(page: Page, title: str) -> None:
    page.get_by_role("tab", name=title).click()


def screenshot(page: Page, name: str, full_page: bool = True) -> Path:
    """Save tests/screenshots/<name>.png (git-ignored) and return its path."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def image_bytes(page: Page, img: Locator) -> bytes:
    """The bytes behind an <img> on the page (Gradio serves images as files)."""
    src = img.get_attribute("src")
    assert src, "the image has no src yet"
    if src.startswith("data:"):
        import base64
        return base64.b64decode(src.split(",", 1)[1])
    return page.request.get(src).body()


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def press_and_drag(page: Page, slider: Locator, start: float, end: float, steps: int = 8,
                   pause_ms: int = 30, each=None) -> None:
    """Press a Gradio slider's handle at fraction `start` of its track and drag it to `end`
    with the mouse, the button still held when this returns (release: page.mouse.up()).
    `each()`, if given, runs after every move."""
    track = slider.locator("input[type=range]")
    box = track.bounding_box()
    assert box, "slider is not visible"
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * start, y)
    page.mouse.down()
    for i in range(1, steps + 1):
        page.mouse.move(box["x"] + box["width"] * (start + (end - start) * i / steps), y)
        page.wait_for_timeout(pause_ms)
        if each:
            each()


def drag_slider(page: Page, slider: Locator, start: float, end: float, steps: int = 8) -> None:
    """Drag a Gradio slider's handle from fraction `start` to `end` of its track, with the mouse."""
    press_and_drag(page, slider, start, end, steps)
    page.mouse.up()


def used_latent_slider(page: Page) -> Locator:
    """The VAE's first latent slider whose dimension the model uses (its label says "unused" else)."""
    labels = [page.locator(f"#vae-z{i} label").first.inner_text() for i in range(1, 17)]
    used = next(i for i, text in enumerate(labels, 1) if "unused" not in text)
    return page.locator(f"#vae-z{used}")


# --- which language the page is in -----------------------------------------------------------

# Text that is data, not the interface's words: formulas, code, what the student typed or
# the model read or wrote, axis ticks (characters, numbers), the MiniLM tokens.
DATA_SELECTORS = ", ".join([
    ".katex", "code", "pre", "textarea", "input", "[class*='tick']", ".lstm-unit-text",
    "#lstm-diagram .lstm-vectors", "#att-tokens .textfield", "#lstm-sampled", "#toy-output code",
    "[data-testid='dataset'] td", ".gallery-item", ".table-wrap td",
])

# Names that stay as they are in Korean (models, data sets, units, people, file formats)
PROPER = {
    "playground", "English", "PixelCNN", "CycleGAN", "MiniLM", "nats", "nat", "bits", "bit", "dim", "softmax",
    "tanh", "sigmoid", "ReLU", "Adam", "SGD", "RMSprop", "Karpathy", "Johnson", "Fei-Fei", "Python",
    "PyTorch", "torch", "Gradio", "NADE", "Goodfellow", "Kingma", "Welling", "Zhu", "Vaswani", "DejaVu",
    "Liberation", "vintagify", "safetensors", "all-MiniLM-L", "px", "logit", "logits", "argmax",
    "Plotly", "plotly", "WordPiece", "Hugging", "Face", "Wasserstein", "Bernoulli", "Gaussian",
    # people and their works cited (Cho et al., colah's blog, Monte Carlo), a library's name
    "Cho", "colah", "autograd", "Arjovsky", "Bottou", "Mao", "Gulrajani", "Jensen", "Shannon", "Yusong",
    "Zhao", "Fangyi", "Wang", "Monte", "Carlo", "Gated",
}
# A file's path is code: assets/cyclegan/CREDITS.md
_PATH = re.compile(r"[\w.-]+(?:/[\w.-]+)+\.\w+")

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")


def visible_texts(page: Page, root: str = "body", skip: str = DATA_SELECTORS) -> list[str]:
    """The text of every visible text node under `root` (and empty fields' placeholders),
    except inside `skip`."""
    return page.evaluate("""([root, skip]) => {
      const out = [];
      const shown = (el) => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
        && el.getBoundingClientRect().width > 0;
      for (const top of document.querySelectorAll(root)) {
        const walk = document.createTreeWalker(top, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
          const t = n.textContent.trim(), el = n.parentElement;
          if (t && el && !el.closest(skip) && !el.closest('style, script') && shown(el)) out.push(t);
        }
        for (const f of top.querySelectorAll('textarea[placeholder], input[placeholder]')) {
          if (!f.value && f.placeholder && shown(f)) out.push(f.placeholder);
        }
      }
      return out;
    }""", [root, skip])


def _excused(word: str) -> bool:
    """A word that is not English prose: a name, an acronym (LSTM, ELBO), a variable (x, G)."""
    bare = word.strip("'’-")
    return (len(bare) <= 1 or bare in PROPER or bare.upper() == bare
            or any(c.isupper() for c in bare[1:]) or bare.rstrip("s") in PROPER)


def language_report(texts: list[str]) -> dict:
    """Hangul letters against the Latin letters of English words, and the English sentences
    (three or more English words in a row) left in `texts`."""
    hangul = latin = 0
    sentences = []
    words: Counter = Counter()
    for t in texts:
        t = _PATH.sub(" ", t)
        hangul += len(_HANGUL.findall(t))
        for m in re.finditer(r"[A-Za-z][A-Za-z'’\-]*", t):
            if not _excused(m.group(0)):
                latin += len(m.group(0))  # glosses too: every English letter counts against the share
                words[m.group(0)] += 1
        run, longest = 0, 0
        # A term's English in parentheses right after its Korean, "생성적 적대 신경망(generative
        # adversarial network, GAN)", is the glossary's gloss, not a sentence left in English (a text
        # node may start with it when the term before it is bold).
        for m in re.finditer(r"(?:(?<=[\uac00-\ud7a3])|^)\([^()]*\)|[A-Za-z][A-Za-z'’\-]*|\S", t):
            w = m.group(0)
            if w.startswith("(") and len(w) > 1:
                run = 0
            elif _WORD.fullmatch(w) and not _excused(w):
                run += 1
                longest = max(longest, run)
            elif not re.fullmatch(r"[,.:;!?()'\"“”‘’/·–—-]", w):
                run = 0  # a number, a symbol, Hangul: the English run ends
        if longest >= 3:
            sentences.append(t[:160])
    share = hangul / (hangul + latin) if hangul + latin else 1.0
    return {"hangul": hangul, "latin": latin, "share": share, "english": sentences, "words": words}


def wait_language(page: Page, lang: str, timeout: float = 30_000) -> None:
    """Until the page shows `lang`: its <html lang>, the switch, and the front end's words
    (the switch's own label, translated like every label once the locale has loaded)."""
    from playground import text
    word = getattr(text, lang.upper())["language"]
    page.wait_for_function(
        "([lang, word]) => document.documentElement.lang === lang && "
        "document.querySelector('#lang-switch input[value=' + lang + ']')?.checked && "
        "document.querySelector('#lang-switch [data-testid=block-info]')?.textContent.trim() === word",
        arg=[lang, word], timeout=timeout)


def switch_language(page: Page, lang: str) -> None:
    """Flip the switch at the top, with the keyboard (as a student without a mouse would)."""
    page.locator(f"#lang-switch input[value={lang}]").focus()
    page.keyboard.press("Space")
    wait_language(page, lang)


# --- every tab, used once ------------------------------------------------------------------------
def wait_plot(page, elem: str, timeout: float = 120_000) -> None:
    page.wait_for_selector(f"#{elem} .main-svg", timeout=timeout)


def use_lstm(page) -> None:
    page.click("#lstm-run")
    for elem in ("lstm-heatmaps", "lstm-saturation", "lstm-gradient", "lstm-next"):
        wait_plot(page, elem)


def use_attention(page) -> None:
    wait_plot(page, "att-heatmap")  # the first look, when the tab opens
    page.click("#att-show")
    wait_plot(page, "toy-dec")
    page.wait_for_function("() => !document.querySelector('#tab-attention .pending')", timeout=120_000)


def use_pixelcnn(page) -> None:
    page.locator("#pixelcnn-speed input[value='max']").click()   # as fast as it draws (~1 s, not 6.5)
    page.click("#pixelcnn-generate-btn")
    page.wait_for_selector("#pixelcnn-frame .pix-frame[data-state=done]", timeout=180_000)


def use_vae(page) -> None:
    for elem in ("vae-kl", "vae-beta-plot", "vae-mu-sigma", "vae-map", "vae-manifold"):
        wait_plot(page, elem)  # the tab fills itself when first opened
    page.click("#vae-random")


GAN_PLANE = "#gan-canvas .gc-plane canvas"


def gan_picture(page) -> str:
    """The GAN canvas as the page drew it (a PNG data URL): changes whenever G or D moves."""
    return page.locator(GAN_PLANE).first.evaluate("(c) => c.toDataURL()")


def use_gan(page) -> None:
    page.wait_for_selector(GAN_PLANE, timeout=60_000)
    page.click("#gan-step-both")
    page.wait_for_function("() => document.querySelector('#gan-meters .gan-meters')?.dataset.step === '1'",
                           timeout=60_000)
    wait_plot(page, "gan-hist-healthy")


def use_cyclegan(page) -> None:
    page.locator(".gallery-item", has=page.locator("img[src$='chelsea_the_cat.jpg']")).click()
    page.wait_for_function("() => (document.querySelector('#cyclegan-summary')?.innerText || '').length > 20",
                           timeout=180_000)
    wait_plot(page, "cyclegan-heatmap")


FIRST_USE = {  # topic -> what a student does first there
   "lstm": use_lstm, "attention": use_attention, "pixelcnn": use_pixelcnn,
             "vae": use_vae, "gan": use_gan, "cyclegan": use_cyclegan}


def settle(page, topic: str) -> None:
    """Until no view of the tab shows progress (the page's streams never let the network idle)."""
    page.wait_for_function(
        "t => ![...document.querySelectorAll('#tab-' + t + ' [data-testid=status-tracker]')]"
        ".some(e => !e.classList.contains('hide') && e.checkVisibility())", arg=topic, timeout=120_000)
    page.wait_for_timeout(800)


def use_tab(page: Page, topic: str, again: bool = True) -> None:
    """Open a tab (its button by id: any language) and use it as a student first would.
    again=False: on a page where use_tab already used it, only open it (its views are there)."""
    used = page.__dict__.setdefault("_playground_used", set())
    page.click(f"#tab-{topic}-button")
    if topic in used and not again:
        page.wait_for_selector(f"#tab-{topic}-button[aria-selected=true]")
        return
    FIRST_USE[topic](page)
    settle(page, topic)
    used.add(topic)


def wait_for(predicate, timeout: float = 30.0, interval: float = 0.1):
    """Poll `predicate` until it returns something true; return that, or fail after `timeout`."""
    import time
    t0 = time.time()
    while time.time() - t0 < timeout:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("condition not met in time")
