"""An idle page draws nothing: two animation loops that Gradio 6.31 never stops, slowed.

Two loops ask the browser for a frame 60 times a second on a page where nothing moves,
and Chromium then runs its whole frame pipeline each time:

- a status tracker's elapsed-time counter (Gradio's StatusTracker): it starts with the
  page and never stops, even in an app with no events at all;
- the sketchpad's Pixi ticker (gr.Sketchpad is drawn by Pixi.js): from the first time a
  tab with a sketchpad is shown, shown or hidden.

Measured on the VAE tab, headless Chromium, nothing touched for 20 s: 0.08-0.13 of a core
with both loops, 0.004 without them. Thirty students' laptops pay that for as long as the
page is open, and the classroom bench's probe browser pays it on the server's two cores.

FRAMES_JS wraps requestAnimationFrame:
- the status tracker's counter gets at most 10 frames a second (it shows tenths of a
  second);
- Pixi's ticker gets 4 a second unless the student has used the pointer or the keyboard
  in the last 2 s (drawing, clearing, undoing): then every frame, from the first press.
Every other caller is untouched. A caller is told by its stack (one `Error`, three frames
deep); if Gradio's files change names, nothing is slowed. cancelAnimationFrame cancels a
slowed request too (Pixi cancels when its ticker stops).

The status tracker keeps the requestAnimationFrame it found when its module loaded, before
a Blocks `head` script runs, so `HtmlPage` (ASGI middleware) puts FRAMES_JS first in the
<head> of the page itself. While it holds the page, it also compresses it: Gradio's
compression leaves out paths without a file extension, such as "/", and the page carries the
app's whole configuration (1.57 MB; gzip: 171 KB, 16 ms, once: every student gets the same
page). Thirty students opening it at once on a classroom's Wi-Fi fetch 5 MB instead of 47.
"""

from __future__ import annotations

import gzip
import hashlib
import re

FRAMES_JS = """<script>
(() => {
  const raf = window.requestAnimationFrame.bind(window);
  const caf = window.cancelAnimationFrame.bind(window);
  const EVERY_MS = {tracker: 100, pixi: 250}, ACTIVE_MS = 2000;
  let active = -Infinity, next = -1;
  const slowed = new Map();   // our id (negative) -> {who, timer, frame, run}
  const wake = () => {
    const idle = performance.now() - active > ACTIVE_MS;
    active = performance.now();
    if (!idle) return;
    for (const entry of slowed.values()) {   // a sleeping Pixi frame: draw the first press now
      if (entry.who === "pixi" && !entry.frame) { clearTimeout(entry.timer); entry.run(); }
    }
  };
  for (const type of ["pointerdown", "pointermove", "keydown", "wheel", "touchstart"])
    addEventListener(type, wake, {capture: true, passive: true});
  const caller = () => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 3;
    const stack = new Error().stack || "";
    Error.stackTraceLimit = limit;
    if (stack.includes("/statustracker-")) return "tracker";
    // "at _tick (" in Chromium's stacks, "_tick@" at a line's start in Firefox's and Safari's
    if (/\\bat _tick \\(|(^|\\n)_tick@/.test(stack) && performance.now() - active > ACTIVE_MS) return "pixi";
    return null;
  };
  window.requestAnimationFrame = function (callback) {
    const who = caller();
    if (!who) return raf(callback);
    const id = next--, entry = {who, timer: 0, frame: 0};
    entry.run = () => { entry.frame = raf((t) => { slowed.delete(id); callback(t); }); };
    entry.timer = setTimeout(entry.run, EVERY_MS[who]);
    slowed.set(id, entry);
    return id;
  };
  window.cancelAnimationFrame = function (id) {
    const entry = slowed.get(id);
    if (!entry) return caf(id);
    clearTimeout(entry.timer);
    if (entry.frame) caf(entry.frame);
    slowed.delete(id);
  };
})();
</script>"""

_HEAD = re.compile(rb"<head[^>]*>", re.IGNORECASE)


def first_in_head(page: bytes, script: str = FRAMES_JS) -> bytes:
    """The HTML page with `script` right after its <head> tag (unchanged if it has none)."""
    m = _HEAD.search(page)
    if m is None:
        return page
    return page[:m.end()] + script.encode() + page[m.end():]


class HtmlPage:
    """ASGI middleware: every HTML page the server sends gets FRAMES_JS first in its <head>,
    before Gradio's own modules load, and goes gzip-compressed to a browser that accepts it.
    Everything else passes untouched."""

    def __init__(self, app):
        self.app = app
        self._gzipped: dict[bytes, bytes] = {}   # sha1 of a page -> its gzip (pages repeat)

    def gzipped(self, body: bytes) -> bytes:
        key = hashlib.sha1(body).digest()
        out = self._gzipped.get(key)
        if out is None:
            if len(self._gzipped) >= 8:
                self._gzipped.clear()
            out = self._gzipped[key] = gzip.compress(body, 6)
        return out

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") != "GET":
            return await self.app(scope, receive, send)
        accepts = dict(scope.get("headers") or []).get(b"accept-encoding", b"")
        start, chunks = None, []

        async def send_page(message):
            nonlocal start
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers") or [])
                if headers.get(b"content-type", b"").startswith(b"text/html") \
                        and b"content-encoding" not in headers:
                    start = message   # held until the whole page is here
                    return
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                body = first_in_head(b"".join(chunks))
                headers = [(k, v) for k, v in start.get("headers") or [] if k.lower() != b"content-length"]
                if b"gzip" in accepts and len(body) >= 1024:
                    body = self.gzipped(body)
                    headers += [(b"content-encoding", b"gzip"), (b"vary", b"Accept-Encoding")]
                await send({**start, "headers": headers + [(b"content-length", str(len(body)).encode())]})
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        await self.app(scope, receive, send_page)
