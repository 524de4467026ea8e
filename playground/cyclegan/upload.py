"""An image input whose file reaches the handler unopened, as a path.

gr.Image opens an upload with PIL before any handler runs, so a text file, an
empty file or a decompression bomb would fail inside Gradio with a bare
"Error". Here the handler gets the path and `playground.imaging.open_image`
opens it and explains what is wrong.

A subclass, not a patched instance: Gradio rebuilds a component from its class
when an event (an example click) updates it, which would drop an instance patch.
Gradio also writes a type stub (upload.pyi) next to any module that defines a
component class; it is generated, so .gitignore here keeps it out of git.
"""

from __future__ import annotations

import gradio as gr


class UploadedImage(gr.Image):
    is_template = True  # the browser side is the ordinary Image component

    def preprocess(self, payload):
        if payload is not None and payload.path and not (payload.url or "").startswith("data:"):
            return payload.path
        return super().preprocess(payload)
