"""The Train stream is an async generator (Gradio steps it on its event loop); tests drive it
from plain code and threads, as Gradio would: a step at a time, closed from anywhere."""

import asyncio

from playground.gan import tab


class Sync:
    """An async generator as a plain iterator: next(), list(), close()."""

    def __init__(self, agen):
        self.agen = agen
        self.loop = asyncio.new_event_loop()

    def __iter__(self):
        return self

    def __next__(self):
        try:
            return self.loop.run_until_complete(self.agen.__anext__())
        except StopAsyncIteration:
            raise StopIteration from None

    def close(self) -> None:
        """As Gradio does when the page goes away: aclose() runs the stream's `finally`."""
        if not self.loop.is_closed():
            self.loop.run_until_complete(self.agen.aclose())
            self.loop.close()


def play(*args) -> Sync:
    return Sync(tab.play(*args))
