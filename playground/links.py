"""Lesson links: the page's URL is its state.

Each tab declares, once, which of its controls a link carries (`declare`): a name, the
component(s) and a `Param` that validates what a link says. From that one declaration:

- the page's script writes the tab's values to the URL as they change
  (`history.replaceState`, values equal to their defaults left out), with `lang=` and
  `tab=<topic folder>`; on a Hugging Face Space it keeps the Space page's URL in sync
  (`postMessage({queryString}, "https://huggingface.co")`, as Hugging Face documents);
- opening a URL restores them: the page's script presses the tab's hidden "apply" button
  with the query; `restore` (server) validates it, selects the tab, sets the controls and
  the tab's own handlers redraw from them (`Declared.then`), then the script presses the
  tab's main button when the link says `run=1`;
- whatever a link says that the page does not know or cannot use is left out, with one
  notice in the student's language (never an error).

Lesson parameters (any tab): `hide=settings,export,...` (sections), `only=<topic>` (pin the
tab: the others are hidden), `run=1` (press the main button once restored), `present=1`
(presenter mode: large type, thick lines, explanations on one line, the main view large).

`parse` is pure (unit-tested); the Gradio wiring is in `declare` / `finish`.
"""

from __future__ import annotations

import html
import inspect
import json
import logging
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence
from urllib.parse import parse_qsl, quote

log = logging.getLogger("playground")

LESSON = ("hide", "only", "run", "present")
GLOBAL = ("lang", "tab", *LESSON)
# sections a link may hide; a tab marks its own (`declare(sections=...)`), the page marks
# the explanations (every `ui.explain`) and its intro
SECTIONS = ("settings", "export", "draw", "explain", "intro")
MAX_QUERY = 6000        # characters of a query string read at all
MAX_NAMES_SHOWN = 5     # names listed in the notice
QR_MAX = 1200           # characters of a link put into a QR code


class Invalid(ValueError):
    """A link's value the page cannot use."""


# --------------------------------------------------------------------- parameters

@dataclass(frozen=True)
class Choice:
    """One of `values` (what the component's value is: a key, a number); written as str(),
    or with slug=True as lower-case-with-hyphens ("Mode collapse" -> mode-collapse). Either
    spelling is read."""
    values: tuple
    slug: bool = False
    file: str | None = None  # the values are file names in this folder: the component gets the path
    size: int = 1

    @property
    def kind(self) -> str:
        return "file" if self.file else "slug" if self.slug else "str"

    def parse(self, raw: str) -> Any:
        for v in self.values:
            if str(v) == raw:
                return v
        for v in self.values:
            if slugify(str(v)) == slugify(raw):
                return v
        raise Invalid(raw)

    def component_value(self, value: Any) -> Any:
        """What the component is set to for a parsed `value`."""
        return str(Path(self.file) / value) if self.file else value

    def encode(self, value: Any) -> str:
        return slugify(str(value)) if self.slug else str(value)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _number(raw: str) -> float:
    try:
        v = float(raw)
    except (TypeError, ValueError):
        raise Invalid(raw) from None
    if not math.isfinite(v):
        raise Invalid(raw)
    return v


def _fmt(v: float) -> str:
    return f"{v:.6g}"


@dataclass(frozen=True)
class Int:
    lo: int
    hi: int
    kind: str = "num"
    size: int = 1

    def parse(self, raw: str) -> int:
        v = _number(raw)
        if v != int(v) or not self.lo <= v <= self.hi:
            raise Invalid(raw)
        return int(v)

    def encode(self, value: Any) -> str:
        return str(int(value))


@dataclass(frozen=True)
class Float:
    """A number in [lo, hi] (`step`: the slider's, for the reader; values a handler set off
    the step, e.g. a random z, are kept as they are)."""
    lo: float
    hi: float
    step: float | None = None
    text: bool = False      # the component holds it as text (a dropdown of "0.001", ...)
    kind: str = "num"
    size: int = 1

    def parse(self, raw: str) -> float | str:
        v = _number(raw)
        if not self.lo - 1e-9 <= v <= self.hi + 1e-9:
            raise Invalid(raw)
        v = float(_fmt(v))  # as the page writes it (a slider's own step is its business)
        return _fmt(v) if self.text else v

    def encode(self, value: Any) -> str:
        return _fmt(float(value))


@dataclass(frozen=True)
class Text:
    max_len: int
    kind: str = "str"
    size: int = 1

    def parse(self, raw: str) -> str:
        if len(raw) > self.max_len or "\x00" in raw:
            raise Invalid(raw[:20])
        return raw

    def encode(self, value: Any) -> str:
        return str(value or "")


@dataclass(frozen=True)
class Bool:
    kind: str = "bool"
    size: int = 1

    def parse(self, raw: str) -> bool:
        low = raw.strip().lower()
        if low in ("1", "true", "yes", "on"):
            return True
        if low in ("0", "false", "no", "off"):
            return False
        raise Invalid(raw)

    def encode(self, value: Any) -> str:
        return "1" if value else "0"


@dataclass(frozen=True)
class Floats:
    """`size` numbers in [lo, hi], comma-separated (one per component: latent sliders)."""
    size: int
    lo: float
    hi: float
    step: float | None = None
    kind: str = "nums"

    def parse(self, raw: str) -> list[float]:
        parts = raw.split(",")
        if len(parts) != self.size:
            raise Invalid(raw[:20])
        one = Float(self.lo, self.hi, self.step)
        return [one.parse(p) for p in parts]

    def encode(self, value: Any) -> str:
        return ",".join(_fmt(float(v)) for v in value)


Param = Choice | Int | Float | Text | Bool | Floats


@dataclass(frozen=True)
class Spec:
    """What a tab's links carry (no Gradio objects: `parse` and the tests use it alone).

    presets: (name of a Choice param, {its value: {param: value}}): picking that value
    stands for those values of the others (a link says `preset=...` and only what differs).
    """
    topic: str
    params: Mapping[str, Param]
    presets: tuple[str, Mapping[Any, Mapping[str, Any]]] | None = None
    sections: tuple[str, ...] = ()


@dataclass
class Link:
    """What one URL asks for, validated."""
    tab: str | None = None
    values: dict[str, Any] = field(default_factory=dict)   # the tab's params (presets filled in)
    hide: list[str] = field(default_factory=list)
    only: bool = False
    run: bool = False
    present: bool = False
    lang: str | None = None
    ignored: list[str] = field(default_factory=list)        # names (or name=value) left out


def _pairs(query: str | Mapping[str, str] | None) -> list[tuple[str, str]]:
    if query is None:
        return []
    if isinstance(query, Mapping):
        return [(str(k), str(v)) for k, v in query.items()]
    query = str(query)[:MAX_QUERY].lstrip("?")
    return parse_qsl(query, keep_blank_values=True)


def parse(query: str | Mapping[str, str] | None, specs: Mapping[str, Spec],
          default_tab: str | None = None) -> Link:
    """The link in `query` against the tabs' specs; never raises."""
    link = Link()
    seen: dict[str, str] = {}
    for name, raw in _pairs(query):
        if name in seen:           # a name said twice: the first counts
            link.ignored.append(name)
            continue
        seen[name] = raw
    for name in ("only", "tab"):
        raw = seen.get(name)
        if raw is None:
            continue
        if raw in specs:
            if link.tab is None or name == "only":
                link.tab = raw
            if name == "only":
                link.only = True
        else:
            link.ignored.append(f"{name}={raw}")
    if "only" in seen and "tab" in seen and seen["tab"] != seen["only"] and seen["tab"] in specs:
        link.ignored.append("tab")  # pinned to another tab: `only` wins
    if "lang" in seen:
        from playground import i18n
        link.lang = i18n.normalise(seen["lang"])
        if link.lang is None:
            link.ignored.append(f"lang={seen['lang']}")
    for name in ("run", "present"):
        if name in seen:
            try:
                setattr(link, name, Bool().parse(seen[name]))
            except Invalid:
                link.ignored.append(f"{name}={seen[name]}")
    tab = link.tab or default_tab
    spec = specs.get(tab) if tab else None
    if "hide" in seen:
        allowed = set(SECTIONS)
        for part in filter(None, (p.strip() for p in seen["hide"].split(","))):
            if part in allowed and part not in link.hide:
                link.hide.append(part)
            elif part not in allowed:
                link.ignored.append(f"hide={part}")
    for name, raw in seen.items():
        if name in GLOBAL:
            continue
        param = spec.params.get(name) if spec else None
        if param is None:
            link.ignored.append(name)
            continue
        try:
            link.values[name] = param.parse(raw)
        except Invalid:
            link.ignored.append(f"{name}={raw}")
    if spec and spec.presets:
        key, table = spec.presets
        if key in link.values:
            for name, value in table.get(link.values[key], {}).items():
                link.values.setdefault(name, value)
    return link


def notice(ignored: Sequence[str], template: str) -> str:
    """One line naming what was left out (escaped, short)."""
    shown = []
    for name in ignored[:MAX_NAMES_SHOWN]:
        name = re.sub(r"\s+", " ", name)
        shown.append(html.escape(name if len(name) <= 24 else name[:23] + "…"))
    more = len(ignored) - len(shown)
    return template.format(names=", ".join(shown) + (f" (+{more})" if more > 0 else ""))


def make(url: str, hide: Sequence[str] = (), only: bool = False, run: bool = False,
         present: bool = False, tab: str | None = None) -> str:
    """A lesson link: the page's link `url` with the lesson's parameters instead of its own."""
    base, _, query = url.partition("?")
    pairs = [(k, v) for k, v in _pairs(query) if k not in LESSON]
    tab = tab or dict(pairs).get("tab")
    hide = [h for h in hide if h in SECTIONS]
    if hide:
        pairs.append(("hide", ",".join(hide)))
    if only and tab:
        pairs.append(("only", tab))
    if run:
        pairs.append(("run", "1"))
    if present:
        pairs.append(("present", "1"))
    text = "&".join(f"{quote(k, safe='')}={quote(v, safe=',')}" for k, v in pairs)
    return base + ("?" + text if text else "")


def qr_svg(url: str, title: str) -> str:
    """The link as an inline SVG QR code (made here: nothing is fetched)."""
    import segno
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=5, dark="#000", light="#fff", border=3, title=title)
    return f'<div class="pg-qr" role="img" aria-label="{html.escape(title)}">{svg}</div>'


# --------------------------------------------------------------------- the page (Gradio)

@dataclass
class Declared:
    """A tab's declaration on the page being built."""
    spec: Spec
    components: dict[str, list]
    main: str | None
    run: str | None
    defaults: dict[str, str]
    event: Any = None        # the last step of the restore chain
    button: Any = None       # the hidden button the page's script presses
    flat: list = field(default_factory=list)   # the components, in the order the script reads them
    write_js: str = ""       # the script's write of their values
    pending: Any = None      # gr.State: the restored values (None: nothing to restore)

    def then(self, fn: Callable, inputs: list, outputs: list, values: bool = False, **kwargs) -> "Declared":
        """After a link set the controls: run `fn(*inputs)` (or `fn(values, *inputs)`) into
        `outputs`, as the tab's own event would; skipped when the link set nothing here."""
        n = len(outputs) if isinstance(outputs, (list, tuple)) else 1
        inputs = list(inputs) if isinstance(inputs, (list, tuple)) else [inputs]
        skipped = tuple(_skip() for _ in range(n)) if n != 1 else _skip()

        # a failing step says why and leaves the views as they are: the chain goes on to its end
        if inspect.isgeneratorfunction(fn):
            def step(pending, *args):
                if not pending:
                    yield skipped
                    return
                try:
                    yield from (fn(pending, *args) if values else fn(*args))
                except Exception as err:
                    _warn(err)
                    yield skipped
        else:
            def step(pending, *args):
                if not pending:
                    return skipped
                try:
                    return fn(pending, *args) if values else fn(*args)
                except Exception as err:
                    _warn(err)
                    return skipped
        kwargs.setdefault("api_visibility", "private")
        self.event = self.event.then(step, [self.pending, *inputs], outputs, **kwargs)
        return self


def _warn(err: Exception) -> None:
    import gradio as gr
    if not isinstance(err, gr.Error):
        log.exception("a link's restore step failed")
    gr.Warning(str(getattr(err, "message", err)))


def _skip():
    import gradio as gr
    return gr.skip()


_declared: dict[str, Declared] = {}


def begin() -> None:
    """A new page is being built (app.build_demo)."""
    _declared.clear()


def forget(topic: str) -> None:
    """A tab that failed to build carries no links."""
    _declared.pop(topic, None)


def specs() -> dict[str, Spec]:
    return {t: d.spec for t, d in _declared.items()}


def declare(topic: str, params: Mapping[str, tuple[Any, Param]], *, main: str | None = None,
            run: str | None = None, sections: Mapping[str, Any] | None = None,
            presets: tuple[str, Mapping[Any, Mapping[str, Any]]] | None = None,
            late: Sequence[str] = ()) -> Declared:
    """Declare what a link carries on this tab, inside the tab's build().

    params: name -> (component, or a list of components for a `Floats`, and its Param);
    main: the elem_id of the tab's main view (made large in presenter mode);
    run: the elem_id of the button `run=1` presses; sections: name -> block a link may hide;
    late: params the restore does not set (a dropdown whose choices the tab fills first): the
    tab's own chain step sets them from the values (`Declared.then(values=True)`).
    """
    import gradio as gr
    from playground import i18n, linktext

    T = i18n.strings(linktext)
    comps = {}
    defaults = {}
    for name, (comp, param) in params.items():
        group = list(comp) if isinstance(comp, (list, tuple)) else [comp]
        assert len(group) == param.size, f"{topic}.{name}: {len(group)} components for {param}"
        comps[name] = group
        value = [c.value for c in group] if param.kind == "nums" else group[0].value
        defaults[name] = param.encode(value) if value is not None else ""
    for name, block in (sections or {}).items():
        assert name in SECTIONS, name
        block.elem_classes = [*(block.elem_classes or []), f"pg-sec-{name}"]
    spec = Spec(topic, dict((n, p) for n, (_, p) in params.items()), presets, tuple(sections or ()))
    d = Declared(spec, comps, main, run, defaults)
    _declared[topic] = d

    query = gr.Textbox(visible=False)
    d.pending = gr.State(None)
    # on the page, not in the tab: a tab not shown yet is not on the page (see `finish`)
    apply = gr.Button("apply", elem_id=f"pg-link-apply-{topic}", elem_classes=["pg-hidden"], size="sm",
                      render=False)
    d.button = apply
    flat = [c for name in comps for c in comps[name]]

    def restore(q: str):
        link = parse(q, specs(), default_tab=topic)
        if link.ignored:
            gr.Warning(notice(link.ignored, T.ignored), title=T.notice_title)
        out = []
        values = link.values if (link.tab in (None, topic)) else {}
        out.append(values or None)
        for name, group in comps.items():
            if name not in values or name in late:
                out += [gr.skip()] * len(group)
            elif spec.params[name].kind == "nums":
                out += list(values[name])
            else:
                param = spec.params[name]
                out.append(param.component_value(values[name]) if isinstance(param, Choice) else values[name])
        return tuple(out)

    outputs = [d.pending, *flat]
    d.event = apply.click(restore, query, outputs, js="() => [location.search]",
                          api_name=f"{topic}_open_link", concurrency_id="live", concurrency_limit=16)
    names = json.dumps(list(comps))
    sizes = json.dumps([len(g) for g in comps.values()])
    write = f"(...v) => window.playgroundLinks && window.playgroundLinks.write({json.dumps(topic)}, {names}, {sizes}, v)"
    for c in flat:
        c.change(None, flat, None, js=write, queue=False)
    d.flat, d.write_js = flat, write
    return d


def finish() -> None:
    """After every tab is built (outside the tabs): each tab's hidden apply button, and
    each restore chain ends by telling the page it is done."""
    for topic, d in _declared.items():
        d.button.render()
        # the values as the restore left them (a tab not shown yet sends no change events)
        d.event = d.event.then(None, d.flat, None, js=d.write_js)
        d.event = d.event.then(None, None, None, js=f"() => window.playgroundLinks && window.playgroundLinks.done({json.dumps(topic)})")


def page_config() -> dict:
    """What the page's script needs to know about the declared tabs."""
    from playground import i18n, linktext
    tabs = {}
    for topic, d in _declared.items():
        params = []
        for name, param in d.spec.params.items():
            entry = {"name": name, "kind": param.kind, "default": d.defaults[name]}
            if param.kind == "file":
                entry["choices"] = [str(v) for v in param.values]
            params.append(entry)
        preset = None
        if d.spec.presets:
            key, table = d.spec.presets
            preset = {"param": key, "values": {
                d.spec.params[key].encode(k): {n: d.spec.params[n].encode(v) for n, v in vals.items()} for k, vals in table.items()}}
        tabs[topic] = {"params": params, "main": d.main, "run": d.run, "preset": preset}
    words = {lang: {k: linktext.KO.get(k) if lang == "ko" else linktext.EN[k]
                    for k in ("copied", "copy_failed")} for lang in i18n.LANGS}
    space = os.environ.get("SPACE_ID")
    return {"tabs": tabs, "sections": list(SECTIONS), "words": words,
            "space": f"https://huggingface.co/spaces/{space}" if space else None}


CSS = """
.pg-hidden { display: none !important; }
.pg-copy-row { justify-content: flex-end; }
.pg-copy-row button { flex-grow: 0 !important; }
.pg-qr svg { width: 100%; max-width: 320px; height: auto; }
body.pg-hide-settings .pg-sec-settings, body.pg-hide-export .pg-sec-export,
body.pg-hide-draw .pg-sec-draw, body.pg-hide-explain .explain,
body.pg-hide-intro .pg-sec-intro { display: none !important; }
/* presenter mode: for a projector */
body.pg-present { font-size: 125%; }
body.pg-present .gradio-container { max-width: 100% !important; --text-md: 20px; --text-lg: 24px;
  --text-sm: 17px; --block-label-text-size: 17px; --block-title-text-size: 19px; }
body.pg-present .prose { font-size: 1.15em; }
body.pg-present .explain { max-height: 1.7em; overflow: hidden; white-space: nowrap;
  text-overflow: ellipsis; cursor: pointer; }
body.pg-present .explain:hover, body.pg-present .explain:focus-within { max-height: none; white-space: normal; }
body.pg-present .explain * { white-space: inherit; }
body.pg-present .scatterlayer .js-line { stroke-width: 4px !important; }
body.pg-present .pg-main { min-height: 60vh; }
body.pg-present .pg-main img { min-height: 55vh; object-fit: contain; }
body.pg-present .pg-main .gc-plot { flex-basis: 60vh; }  /* the GAN plane: square, its axes aligned */
"""


PAGE_JS = """<script>
(() => {
  const CFG = %(config)s;
  const q0 = new URLSearchParams(location.search);
  const LESSON = {};
  for (const k of ["hide", "only", "run", "present"]) if (q0.has(k)) LESSON[k] = q0.get(k);
  const values = {};   // topic -> {name: written value}
  let current = null, ready = false, ran = false;
  const topics = Object.keys(CFG.tabs);
  const enc = (v, kind) => {
    if (kind === "file") {
      const path = v && (v.orig_name || v.path || v.url || (typeof v === "string" ? v : ""));
      return path ? String(path).split(/[\\/]/).pop().split("?")[0] : "";
    }
    if (kind === "slug") return String(v ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (kind === "bool") return v ? "1" : "0";
    if (kind === "num") return (v === null || v === undefined || v === "") ? "" : String(+Number(v).toPrecision(6));
    return v === null || v === undefined ? "" : String(v);
  };
  const same = (a, b, kind) => kind === "num" || kind === "nums"
    ? String(a).split(",").every((x, i) => Math.abs(Number(x) - Number(String(b).split(",")[i])) < 1e-9) && String(a).split(",").length === String(b).split(",").length
    : a === b;
  const esc = (s) => encodeURIComponent(s).replace(/%%2C/g, ",");
  const query = () => {
    const parts = [];
    const lang = (window.playgroundLang && window.playgroundLang.current) || q0.get("lang");
    if (lang) parts.push("lang=" + esc(lang));
    const topic = current || topics[0];
    if (topic) parts.push("tab=" + esc(topic));
    const tab = CFG.tabs[topic], vals = values[topic];
    if (tab && vals) {
      let defaults = {};
      for (const p of tab.params) defaults[p.name] = p.default;
      if (tab.preset && vals[tab.preset.param] !== undefined) {
        Object.assign(defaults, tab.preset.values[vals[tab.preset.param]] || {});
        parts.push(tab.preset.param + "=" + esc(vals[tab.preset.param]));
      }
      for (const p of tab.params) {
        if (tab.preset && p.name === tab.preset.param) continue;
        const v = vals[p.name];
        if (p.choices && !p.choices.includes(v)) continue;  // a student's own file: not in a link
        if (v !== undefined && v !== "" && !same(v, defaults[p.name], p.kind)) parts.push(esc(p.name) + "=" + esc(v));
      }
    }
    for (const [k, v] of Object.entries(LESSON)) if (k !== "only" || v === topic) parts.push(k + "=" + esc(v));
    return "?" + parts.join("&");
  };
  // A drag changes a control on every tick, and each history.replaceState costs the
  // browser ~13 ms of its own process's CPU (measured, Chromium): while values change,
  // the address follows at most every SYNC_MS, and at once before a link is copied.
  const SYNC_MS = 250;
  let syncTimer = null;
  const syncSoon = () => {
    if (!syncTimer) syncTimer = setTimeout(() => { syncTimer = null; sync(); }, SYNC_MS);
  };
  const sync = () => {
    if (syncTimer) { clearTimeout(syncTimer); syncTimer = null; }
    if (!ready) return;
    const qs = query();
    if (qs !== location.search) history.replaceState(history.state, "", location.pathname + qs + location.hash);
    if (CFG.space && window.parent !== window) {
      try { window.parent.postMessage({queryString: qs, hash: location.hash}, "https://huggingface.co"); } catch (e) {}
    }
  };
  const bodyClasses = () => {
    const b = document.body;
    for (const s of CFG.sections) b.classList.toggle("pg-hide-" + s, (LESSON.hide || "").split(",").includes(s));
    b.classList.toggle("pg-present", ["1", "true", "yes", "on"].includes(LESSON.present || ""));
    let style = document.getElementById("pg-only-style");
    if (!style) { style = document.createElement("style"); style.id = "pg-only-style"; document.head.appendChild(style); }
    const only = LESSON.only && CFG.tabs[LESSON.only] ? LESSON.only : null;
    style.textContent = only ? topics.filter((t) => t !== only)
      .map((t) => `#tab-${t}-button`).join(", ") + " { display: none !important; }" : "";
    const on = ["1", "true", "yes", "on"].includes(LESSON.present || "");
    const cb = document.querySelector("#pg-present-toggle input[type=checkbox]");
    if (cb && cb.checked !== on) cb.click();
    for (const t of topics) {
      const main = CFG.tabs[t].main && document.getElementById(CFG.tabs[t].main);
      if (main) main.classList.add("pg-main");
    }
  };
  // until no view of the tab shows progress for a moment (at most 90 s)
  const quiet = (topic) => new Promise((resolve) => {
    const t0 = Date.now();
    let calm = 0;
    const busy = () => {
      const panel = document.getElementById("tab-" + topic);
      if (!panel) return true;
      return [...panel.querySelectorAll("[data-testid=status-tracker]")]
        .some((e) => !e.classList.contains("hide") && e.checkVisibility && e.checkVisibility());
    };
    const poll = () => {
      calm = busy() ? 0 : calm + 1;
      if ((calm >= 4 && Date.now() - t0 > 500) || Date.now() - t0 > 90000) resolve();
      else setTimeout(poll, 150);
    };
    setTimeout(poll, 150);
  });
  const api = {
    write(topic, names, sizes, vals) {
      const tab = CFG.tabs[topic];
      if (!tab) return;
      const out = {};
      let i = 0;
      names.forEach((name, k) => {
        const p = tab.params[k];
        if (sizes[k] > 1) { out[name] = vals.slice(i, i + sizes[k]).map((v) => enc(v, "num")).join(","); }
        else out[name] = enc(vals[i], p.kind);
        i += sizes[k];
      });
      values[topic] = out;
      if (topic === (current || topics[0])) syncSoon();
    },
    // a link's restore chain has ended on `topic`: show the tab (its own first look finds
    // its views filled, and skips), then press its main button if the link says run=1
    done(topic) {
      current = topic;
      ready = true;
      bodyClasses();
      const tabBtn = document.getElementById("tab-" + topic + "-button");
      if (tabBtn && tabBtn.getAttribute("aria-selected") !== "true") tabBtn.click();
      sync();
      const run = CFG.tabs[topic] && CFG.tabs[topic].run;
      if (!ran && run && ["1", "true", "yes", "on"].includes(LESSON.run || "")) {
        ran = true;
        let tries = 0;
        const press = () => {
          const btn = document.getElementById(run);
          if (btn) btn.click(); else if (tries++ < 100) setTimeout(press, 100);
        };
        press();
      }
    },
    show(topic) { if (CFG.tabs[topic]) { current = topic; sync(); } },
    url() {
      const base = CFG.space && window.parent !== window ? CFG.space : location.origin + location.pathname;
      return base + query();
    },
    present(on) {
      if (on) LESSON.present = "1"; else delete LESSON.present;
      bodyClasses();
      sync();
    },
    lesson: () => Object.assign({}, LESSON),
    values: (topic) => Object.assign({}, values[topic || current || topics[0]] || {}),
    isReady: () => ready,
    copy(button) {
      sync();   // the address bar shows the link that is copied
      const link = api.url();
      const lang = (window.playgroundLang && window.playgroundLang.current) || "en";
      const W = CFG.words[lang] || CFG.words.en;
      const say = (text) => {
        let out = button && button.parentElement && button.parentElement.querySelector(".pg-copied");
        if (button && !out) {
          out = document.createElement("span"); out.className = "pg-copied"; out.setAttribute("role", "status");
          button.insertAdjacentElement("afterend", out);
        }
        if (out) out.textContent = text;
      };
      const fallback = () => {
        const area = document.createElement("textarea");
        area.value = link; document.body.appendChild(area); area.select();
        let ok = false;
        try { ok = document.execCommand("copy"); } catch (e) {}
        area.remove();
        say(ok ? W.copied : W.copy_failed + " " + link);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(link).then(() => say(W.copied), fallback);
      } else fallback();
      api.copied = link;
      return link;
    },
    // at page load: restore what the URL says (the tab's apply button), else just follow
    start() {
      bodyClasses();
      const keys = [...q0.keys()].filter((k) => k !== "lang");
      if (!keys.length) { ready = true; return; }
      const want = q0.get("only") || q0.get("tab");
      const active = [...document.querySelectorAll("button[role=tab][aria-selected=true]")]
        .map((b) => (b.id || "").replace(/^tab-|-button$/g, "")).find((t) => CFG.tabs[t]);
      const topic = CFG.tabs[want] ? want : (active || topics[0]);
      const btn = topic && document.getElementById("pg-link-apply-" + topic);
      if (!btn) { ready = true; return; }
      // open the tab as a student would (its own first look runs), then, once it is quiet,
      // set what the link says: nothing of the first look can land after the link's values
      const tabBtn = document.getElementById("tab-" + topic + "-button");
      if (tabBtn && tabBtn.getAttribute("aria-selected") !== "true") tabBtn.click();
      quiet(topic).then(() => btn.click());
      setTimeout(() => { if (!ready) { ready = true; current = current || topic; } }, 180000);
    },
  };
  document.addEventListener("click", (e) => {
    const b = e.target.closest && e.target.closest("button[role=tab]");
    if (!b || !b.id) return;
    const t = b.id.replace(/^tab-/, "").replace(/-button$/, "");
    if (CFG.tabs[t]) api.show(t);
  }, true);
  // the language switch: the link says the new language
  document.addEventListener("change", (e) => {
    if (e.target.closest && e.target.closest("#lang-switch")) setTimeout(sync, 50);
  }, true);
  window.playgroundLinks = api;
})();
</script>"""


def page_head() -> str:
    cfg = json.dumps(page_config(), ensure_ascii=False).replace("</", "<\\/")
    return PAGE_JS % {"config": cfg}
