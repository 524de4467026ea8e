"""Assemble the page: header, intro, one tab per topic that exists, footer.

A topic shows up when `playground/<topic>/tab.py` exists. That module provides:

    TITLE: str          the tab's label (from its text.py)
    WEIGHTS: list[str]  manifest names it needs (a banner explains any problem)
    build() -> None     creates its components and events, inside the tab

Building must be cheap: no model is loaded and nothing heavy is imported until
a student first uses the tab (see `playground.weights.get`). A tab that fails to
build shows its error; the other tabs are unaffected.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import json
import logging
import os
import traceback
from pathlib import Path

import gradio as gr
from starlette.middleware import Middleware

from playground import TOPICS, frames, i18n, links, linktext, queues, sessions
from playground import device as device_mod
from playground import text
from playground.ui import weights_banner

log = logging.getLogger("playground")

# System fonts only: a web font would be fetched from outside 127.0.0.1.
# Soft's text colours, one shade darker where they fell short of WCAG 2.2 AA contrast
# (4.5:1): labels and buttons indigo-500 (3.6:1 on their tint, 4.5 under white text) ->
# 600/700; grey hints neutral-400 (2.5:1) -> 600; links amber-600 (3.2:1) -> 700.
THEME = gr.themes.Soft(
    primary_hue="indigo",
    secondary_hue="amber",
    font=[gr.themes.Font("system-ui"), gr.themes.Font("Segoe UI"), "Roboto", "sans-serif"],
    font_mono=[gr.themes.Font("ui-monospace"), "SFMono-Regular", "Menlo", "monospace"],
).set(
    block_label_text_color="*primary_700",
    block_title_text_color="*primary_700",
    button_primary_background_fill="*primary_600",
    button_primary_background_fill_hover="*primary_700",
    checkbox_label_background_fill_selected="*primary_600",
    color_accent="*primary_600",
    body_text_color_subdued="*neutral_600",
    input_placeholder_color="*neutral_500",
    link_text_color="*secondary_700",
    link_text_color_hover="*secondary_800",
)

CSS = """
.explain { font-size: 0.95em; }
/* An explanation never scrolls as a whole (Gradio's block would, by a pixel of rounding, and a
   box that scrolls must take the keyboard's focus); a formula wider than its column scrolls by
   itself, sideways only, and is then focusable (see mendA11y). */
.explain.hide-container { overflow: visible !important; }
.explain .katex-display { overflow-x: auto; overflow-y: hidden; }
.weights-problem { border-left: 4px solid #d97706; padding-left: 0.8em; background: #fffbeb; }
#footer-device { opacity: 0.8; font-size: 0.9em; }
#page-top { align-items: center; }
#lang-switch { flex-grow: 0 !important; min-width: 15em !important; }
#lang-switch .wrap { flex-wrap: nowrap; }
#lang-switch label { white-space: nowrap; }
/* Keyboard users see where they are: one clear ring on whatever has the focus. */
:focus-visible { outline: 3px solid #4338ca !important; outline-offset: 2px !important; }
/* Targets of at least 24 x 24 px (WCAG 2.2, 2.5.8): the icon buttons on pictures and canvases */
.icon-button { min-width: 24px; min-height: 24px; }
a.download-link { display: inline-flex !important; align-items: center; justify-content: center;
  min-width: 24px !important; min-height: 24px !important; }
/* a download link wraps its icon button: one target, the link (the button covered it) */
a.download-link > button { pointer-events: none; }
figure.vae-live figcaption { opacity: 1 !important; color: var(--body-text-color); }
/* pixel-art images stay crisp when the browser scales them */
img { image-rendering: auto; }
.pixelated img { image-rendering: pixelated; }
"""


def available_topics(topics: tuple[str, ...] = TOPICS) -> list[str]:
    """Topics whose tab module exists, in syllabus order.

    PLAYGROUND_TOPICS=vae,gan limits the page to those tabs (for developing one
    tab, or a lighter classroom page); unset, every tab that exists is shown.
    """
    only = {t.strip() for t in os.environ.get("PLAYGROUND_TOPICS", "").split(",") if t.strip()}
    return [t for t in topics
            if (not only or t in only)
            and importlib.util.find_spec(f"playground.{t}") is not None
            and importlib.util.find_spec(f"playground.{t}.tab") is not None]


def _build_tab(topic: str) -> None:
    T = i18n.strings(text)
    try:
        tab = importlib.import_module(f"playground.{topic}.tab")
    except Exception:
        log.exception("tab %s failed to import", topic)
        with gr.Tab(topic.capitalize(), id=topic):
            gr.Markdown(f"**{T.tab_broken}:**\n\n```\n{traceback.format_exc(limit=3)}\n```")
        return
    # the title read now (a marker), not the module's TITLE (read when it was first imported)
    title = tab.T.title if hasattr(tab, "T") else tab.TITLE
    with gr.Tab(title, id=topic, elem_id=f"tab-{topic}"):
        weights_banner(list(getattr(tab, "WEIGHTS", [])), T.weights_problem)
        copy_link_button(topic)
        try:
            tab.build()
        except Exception:
            log.exception("tab %s failed to build", topic)
            links.forget(topic)
            gr.Markdown(f"**{T.tab_broken}:**\n\n```\n{traceback.format_exc(limit=3)}\n```")


# --- the language of each session ------------------------------------------------------------
# The page's script (PAGE_JS, in <head>) picks the language before any event is sent:
# ?lang=ko|en, else the one this browser chose with the switch (localStorage), else
# PLAYGROUND_LANG when set, else the browser's own language. It switches Gradio's front-end
# locale (labels, Markdown, buttons: the markers of `playground.i18n`) and sets a cookie; the
# page's load event then registers the session's language on the server, where handlers
# read it (`i18n.current()`). The switch does both again, live: no reload, no state lost.

def _set_language(lang: str, request: gr.Request) -> None:
    i18n.set_session_language(getattr(request, "session_hash", None), lang)


def _forget_language(request: gr.Request) -> None:
    i18n.forget_session(getattr(request, "session_hash", None))


def language_switch() -> gr.Radio:
    """한국어 / English, each in its own words; the page wires it in `build_demo`."""
    T = i18n.strings(text)
    return gr.Radio([(i18n.NAMES[lang], lang) for lang in ("ko", "en")], value=None, label=T.language,
                    elem_id="lang-switch", container=True, scale=0, min_width=200)


def copy_link_button(topic: str) -> None:
    """Copies the link of the page as it is now (the Space page's, on a Space): `playground.links`."""
    LT = i18n.strings(linktext)
    with gr.Row(elem_classes=["pg-copy-row"]):
        gr.Button(LT.copy_link, size="sm", elem_id=f"pg-copy-{topic}", scale=0).click(
            None, js=f"() => {{ window.playgroundLinks.copy(document.getElementById('pg-copy-{topic}')); }}")


def lesson_builder() -> None:
    """Teachers: tick what the class should not see, get the link and its QR code."""
    LT = i18n.strings(linktext)
    with gr.Accordion(LT.builder, open=False, elem_id="pg-lesson"):
        gr.Markdown(LT.builder_help)
        with gr.Row():
            hide = gr.CheckboxGroup([(LT.sections[s], s) for s in links.SECTIONS], label=LT.hide,
                                    elem_id="pg-lesson-hide", scale=2)
            with gr.Column(scale=1):
                only = gr.Checkbox(False, label=LT.only, elem_id="pg-lesson-only")
                run = gr.Checkbox(False, label=LT.run, elem_id="pg-lesson-run")
                present = gr.Checkbox(False, label=LT.present, elem_id="pg-lesson-present")
        make = gr.Button(LT.make, variant="primary", elem_id="pg-lesson-make")
        with gr.Row():
            link = gr.Textbox(label=LT.link, interactive=False, buttons=["copy"], elem_id="pg-lesson-link",
                              scale=2)
            qr = gr.HTML(f"<p>{LT.qr_empty}</p>", elem_id="pg-lesson-qr")
        page = gr.Textbox(visible=False)
        make.click(_make_lesson, [hide, only, run, present, page], [link, qr],
                   js="(h, o, r, p, u) => [h, o, r, p, window.playgroundLinks.url()]",
                   api_name="lesson_link", **queues.LIVE)


def _make_lesson(hide, only, run, present, page_url):
    LT = i18n.strings(linktext)
    url = links.make(str(page_url or ""), list(hide or []), bool(only), bool(run), bool(present))
    if len(url) > links.QR_MAX:
        return url, f"<p>{LT.qr_too_long}</p>"
    return url, links.qr_svg(url, LT.qr)


def build_demo(topics: tuple[str, ...] = TOPICS) -> gr.Blocks:
    sessions.install()
    T = i18n.strings(text)
    with i18n.language(i18n.default_language()):
        title = T.title  # the page title is not translated by the front end: PAGE_JS sets it
    # delete_cache: every 10 minutes, Gradio deletes what it keeps from uploads, webcam
    # photos and outputs once older than an hour (a shared server keeps no one's pictures)
    links.begin()
    with i18n.building(), gr.Blocks(title=title, analytics_enabled=False,
                                             delete_cache=queues.DELETE_CACHE) as demo:
        with gr.Row(elem_id="page-top", equal_height=True):
            gr.Markdown(T.header)
            presenter = gr.Checkbox(False, label=i18n.strings(linktext).present_toggle,
                                    elem_id="pg-present-toggle", scale=0, min_width=160)
            switch = language_switch()
        gr.Markdown(T.intro, elem_id="page-intro", elem_classes=["pg-sec-intro"])
        lesson_builder()
        present = available_topics(topics)
        if present:  # an empty gr.Tabs breaks the page's script
            with gr.Tabs():
                for topic in present:
                    _build_tab(topic)
        links.finish()
        presenter.input(None, presenter, None, js="(on) => window.playgroundLinks.present(on)")
        gr.Markdown(i18n.join(" · ", [device_mod.describe(T.footer_device), T.footer_source]),
                    elem_id="footer-device")
        # the switch shows the page's language at once (in the browser); the server learns it
        # next. No server reply sets the switch: one arriving late would undo a quick flip.
        demo.load(None, None, switch, js="() => window.playgroundLang.start()").then(
            _set_language, switch, None, api_visibility="private", **queues.LIVE)
        switch.input(_set_language, switch, None, js="(lang) => window.playgroundLang.apply(lang, true)",
                     api_visibility="private", **queues.LIVE)
        demo.unload(_forget_language)
        # a link opens the page in its state (after the tabs are on the page)
        demo.load(None, None, None, js="() => { setTimeout(() => window.playgroundLinks.start(), 0); }")
    queues.quiet_progress(demo)
    queues.no_matplotlib_search()
    demo.queue(max_size=queues.MAX_QUEUE, default_concurrency_limit=queues.INTERACTIVE["concurrency_limit"])
    return demo


GRADIO_ASSETS = Path(gr.__file__).parent / "templates" / "frontend" / "assets"


@functools.lru_cache(maxsize=1)
def frontend_modules() -> dict[str, str]:
    """The file names of the two Gradio front-end modules PAGE_JS imports (their names carry
    a build hash, so they are looked up in the installed Gradio, once):

    locale:     exports `changeLocale`, which switches the front end's language live;
    components: the class behind every component's props, whose `set_data` PAGE_JS mends
                (Gradio 6.31 re-translates a prop built with a marker on every language
                change, even after a handler has replaced it: a status line would jump
                back to its first words).
    """
    found = {}
    for path in sorted(GRADIO_ASSETS.glob("*.js")):
        if not path.name.startswith(("core-", "src-")):
            continue
        code = path.read_text(encoding="utf-8", errors="replace")
        if path.name.startswith("core-") and "as changeLocale" in code:
            found["locale"] = path.name
        if path.name.startswith("src-") and "_translate_and_store(e,t,n){" in code and "set_data(e){" in code:
            found["components"] = path.name
    missing = {"locale", "components"} - found.keys()
    if missing:
        raise RuntimeError(f"Gradio's front end has changed: no module for {missing} in {GRADIO_ASSETS}")
    return found


PAGE_JS = """<script>
(() => {
  const LANGS = %(langs)s, DEFAULT = %(default)s, MODULES = %(modules)s, COOKIE = %(cookie)s;
  const TITLES = %(titles)s, TOASTS = %(toasts)s, KEY = "playground.lang";
  const norm = (tag) => {
    const p = String(tag || "").toLowerCase().split(/[-_]/)[0];
    return LANGS.includes(p) ? p : null;
  };
  const pick = () => {
    const asked = norm(new URLSearchParams(location.search).get("lang"));
    if (asked) return asked;
    try { const kept = norm(localStorage.getItem(KEY)); if (kept) return kept; } catch (e) {}
    if (DEFAULT !== "auto") return DEFAULT;
    for (const tag of (navigator.languages || [navigator.language])) { if (norm(tag)) return norm(tag); }
    return "en";
  };
  // the module the page itself loaded (same instance), found by its file name
  const load = (name) => {
    const el = [...document.querySelectorAll("link[href], script[src]")]
      .find((e) => (e.href || e.src || "").split("?")[0].endsWith("/assets/" + name));
    return import(el ? (el.href || el.src) : new URL("assets/" + name, document.baseURI).href);
  };
  // A prop built with a marker is re-translated on every language change, even after a
  // handler has replaced it: forget the marker when a handler's value without one arrives.
  const mend = (mod) => {
    for (const C of Object.values(mod)) {
      const proto = C && C.prototype;
      if (!proto || typeof proto._translate_and_store !== "function" || proto.__playground) continue;
      const setData = proto.set_data;
      proto.set_data = function (data) {
        for (const key in data) {
          const v = data[key];
          if (this.translatable_props && !(typeof v === "string" && v.includes("__i18n__"))) {
            const group = (this.shared_props || []).includes(key) ? "shared." : "props.";
            delete this.translatable_props[group + key];
          }
        }
        return setData.call(this, data);
      };
      proto.__playground = true;
      api.mended = document.querySelectorAll(".block").length === 0 ? "before" : "late";
    }
  };
  // Accessibility that Gradio 6.31 leaves to the page (found by axe, tests/core/test_a11y_browser.py)
  const mendA11y = () => {
    // an empty view's placeholder has an aria-label, which a plain <div> may not carry
    for (const el of document.querySelectorAll("div.empty[aria-label]:not([role])")) el.setAttribute("role", "img");
    // a picture that can be clicked is a button: name it after the picture's label (live in
    // the page's language) or, for an example, its file name
    for (const b of document.querySelectorAll(".image-container > button, button.gallery-item")) {
      const label = b.closest(".block")?.querySelector("[data-testid=block-label]");
      const img = b.querySelector("img");
      let name = (label && label.textContent.trim()) || (img && img.alt) || "";
      if (!name && img) {
        name = decodeURIComponent(img.src.split("?")[0].split("/").pop()).replace(/\.[a-z]+$/i, "").replace(/[_-]+/g, " ");
      }
      if (name && b.getAttribute("aria-label") !== name) b.setAttribute("aria-label", name);
    }
    // a box that scrolls is reached with the keyboard too
    for (const el of document.querySelectorAll(".lstm-unit-text, .explain, .explain .katex-display")) {
      const cs = getComputedStyle(el), scrolls = (o) => o === "auto" || o === "scroll";
      if (!el.hasAttribute("tabindex") && ((scrolls(cs.overflowY) && el.scrollHeight > el.clientHeight)
          || (scrolls(cs.overflowX) && el.scrollWidth > el.clientWidth))) {
        el.setAttribute("tabindex", "0");
      }
    }
  };
  // The arrow keys move the choice of a radio group, as in any radio group: Gradio gives each
  // choice its own name (and may render them anew), so the browser sees groups of one.
  document.addEventListener("keydown", (e) => {
    const el = e.target, step = {ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1}[e.key];
    if (!step || e.altKey || e.ctrlKey || e.metaKey || !(el instanceof HTMLInputElement) || el.type !== "radio") return;
    const group = [...(el.closest(".block")?.querySelectorAll("input[type=radio]") || [])].filter((r) => !r.disabled);
    if (group.length < 2 || group.every((r) => r.name === el.name)) return;  // a real group: the browser's own
    e.preventDefault();
    const next = group[(group.indexOf(el) + step + group.length) %% group.length];
    next.focus();
    next.click();
  }, true);
  // after changes to the page, at most five times a second; not for the streamed frames
  // (GAN canvas and meters, pixel-by-pixel frames), which change many times a second
  const STREAMED = "#gan-canvas, #gan-meters, #gan-status, #gan-losses, #pixelcnn-frame, #pixelcnn-complete-frame";
  // a notice's heading is its kind, which Gradio writes in English: in the page's language
  const mendToasts = () => {
    const words = TOASTS[api.current] || TOASTS.en;
    for (const el of document.querySelectorAll(".toast-title")) {
      const kind = [...el.classList].find((c) => words[c]), text = el.firstChild;
      if (kind && text && text.nodeType === 3 && text.textContent.trim() !== words[kind]) text.textContent = words[kind] + " ";
    }
  };
  let mendSoon = null;
  new MutationObserver((records) => {
    if (document.querySelector(".toast-title")) mendToasts();   // at once: no English heading shows
    if (mendSoon || records.every((r) => (r.target.nodeType === 1 ? r.target : r.target.parentElement)?.closest(STREAMED))) return;
    mendSoon = setTimeout(() => { mendSoon = null; mendA11y(); }, 200);
  }).observe(document.documentElement, {childList: true, subtree: true, characterData: true});
  // a picture that loads late (lazily, below the fold) changes the layout without a mutation
  document.addEventListener("load", (e) => {
    if (mendSoon || !(e.target instanceof HTMLImageElement)) return;
    mendSoon = setTimeout(() => { mendSoon = null; mendA11y(); }, 200);
  }, true);
  let locale = null;
  const api = {
    current: null,
    mended: null,
    // the language of this page: the front end's locale, <html lang>, the title, the cookie
    apply(lang, remember) {
      lang = norm(lang) || "en";
      api.current = lang;
      document.documentElement.lang = lang;
      if (TITLES[lang]) document.title = TITLES[lang];
      mendToasts();
      document.cookie = COOKIE + "=" + lang + "; path=/; max-age=31536000; SameSite=Lax";
      if (remember) { try { localStorage.setItem(KEY, lang); } catch (e) {} }
      locale = locale || load(MODULES.locale);
      return locale.then((m) => { m.changeLocale(lang); return lang; },
                         (err) => { console.warn("playground: no live language switch", err); return lang; });
    },
    // at page load: the language picked before the app started (its title now set too)
    start() { setTimeout(mendA11y, 0); return api.apply(api.current || pick(), false); },
    pick,
  };
  window.playgroundLang = api;
  load(MODULES.components).then(mend, (err) => console.warn("playground: props not mended", err));
  api.apply(pick(), false);
})();
</script>"""


def page_head() -> str:
    T = i18n.strings(text)
    titles, toasts = {}, {}
    for lang in i18n.LANGS:
        with i18n.language(lang):
            titles[lang], toasts[lang] = T.title, dict(T.toast_kinds)
    values = {"langs": list(i18n.LANGS), "default": i18n.configured(), "modules": frontend_modules(),
              "cookie": i18n.COOKIE, "titles": titles, "toasts": toasts}
    return PAGE_JS % {k: json.dumps(v, ensure_ascii=False).replace("</", "<\\/") for k, v in values.items()}


def launch_kwargs(host: str, port: int, share: bool) -> dict:
    """run_history=False: Gradio 6 otherwise keeps each event's inputs and outputs (pictures
    as data URIs too) in the browser's localStorage, up to 100 runs, and re-reads and rewrites
    that list several times per event. A classroom computer is shared, and it was the page's
    largest cost: a server-bound VAE slider took 361 ms of Chromium's CPU per update with it,
    173 ms without (painted p50 225 -> 120 ms on an idle server; at 30 students, p50 440 ->
    231 ms, p95 1,016 -> 494 ms)."""
    return dict(server_name=host, server_port=port, share=share, ssr_mode=False,
                theme=THEME, css=CSS + links.CSS, head=page_head() + links.page_head(), i18n=i18n.gradio_i18n(),
                max_file_size=queues.MAX_FILE_SIZE,
                max_threads=queues.MAX_THREADS, show_error=True, footer_links=["api", "settings"],
                state_session_capacity=sessions.SESSION_CAPACITY, run_history=False,
                app_kwargs={"middleware": [Middleware(frames.HtmlPage)]})
