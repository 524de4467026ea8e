"""The page's HTML as the server sends it (playground/frames.py): FRAMES_JS first in its
<head>, gzip-compressed when the browser accepts it; every other response untouched."""

import asyncio
import gzip
from concurrent.futures import ThreadPoolExecutor

from playground.frames import FRAMES_JS, HtmlPage, first_in_head

PAGE = b'<!doctype html><html lang="en"><HEAD data-x="1"><script src="a.js"></script></head>' + b"x" * 4000


def test_the_script_goes_first_in_the_head_and_nowhere_else():
    out = first_in_head(PAGE)
    assert out.startswith(b'<!doctype html><html lang="en"><HEAD data-x="1"><script>')
    assert out.count(FRAMES_JS.encode()) == 1 and out.endswith(PAGE[48:])
    assert first_in_head(b"<p>no head</p>") == b"<p>no head</p>"


def serve(content_type: bytes, body: bytes, accept: bytes = b"", method: str = "GET"):
    """What HtmlPage sends for an app that answers `body` in two chunks: (headers, body)."""
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body[:100], "more_body": True})
        await send({"type": "http.response.body", "body": body[100:]})

    sent = []

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": "/", "headers": [(b"accept-encoding", accept)] if accept else []}
    with ThreadPoolExecutor(1) as pool:   # a loop of its own (the browser tests' may be running)
        pool.submit(asyncio.run, HtmlPage(app)(scope, None, send)).result()
    headers = dict(sent[0]["headers"])
    return headers, b"".join(m.get("body", b"") for m in sent[1:])


def test_the_page_gets_the_script_and_is_gzipped_when_the_browser_accepts_it():
    headers, body = serve(b"text/html; charset=utf-8", PAGE, accept=b"gzip, deflate, br")
    assert headers[b"content-encoding"] == b"gzip" and int(headers[b"content-length"]) == len(body)
    assert gzip.decompress(body) == first_in_head(PAGE)
    headers, body = serve(b"text/html; charset=utf-8", PAGE)   # no gzip asked for
    assert b"content-encoding" not in headers and body == first_in_head(PAGE)
    assert int(headers[b"content-length"]) == len(body)


def test_everything_else_passes_untouched():
    for content_type, method in ((b"application/json", "GET"), (b"text/event-stream", "GET"),
                                 (b"text/html", "POST")):
        headers, body = serve(content_type, PAGE, accept=b"gzip", method=method)
        assert body == PAGE and b"content-encoding" not in headers
