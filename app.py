"""Start the playground: `python app.py [--host H] [--port P] [--share] [--device D]`.

Each flag can also come from the environment (a flag wins over a variable):
PLAYGROUND_HOST, PLAYGROUND_PORT, PLAYGROUND_SHARE, PLAYGROUND_DEVICE,
PLAYGROUND_THREADS, PLAYGROUND_LANG. On a Hugging Face Space the host defaults to 0.0.0.0.
"""

from __future__ import annotations

import argparse
import os
import sys

import playground  # noqa: F401  (sets the no-telemetry environment before gradio loads)
from playground import netguard


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    default_host = os.environ.get("PLAYGROUND_HOST") or os.environ.get("GRADIO_SERVER_NAME") or (
        "0.0.0.0" if os.environ.get("SPACE_ID") else "127.0.0.1")
    default_port = int(os.environ.get("PLAYGROUND_PORT") or os.environ.get("GRADIO_SERVER_PORT") or 7860)
    ap = argparse.ArgumentParser(description="playground: see sequence and generative models work")
    ap.add_argument("--host", default=default_host,
                    help="address to serve on; 0.0.0.0 lets a classroom LAN connect (default %(default)s)")
    ap.add_argument("--port", type=int, default=default_port, help="default %(default)s")
    ap.add_argument("--share", action="store_true", default=_env_flag("PLAYGROUND_SHARE"),
                    help="also open a temporary public gradio.live link (needs internet)")
    ap.add_argument("--device", default=os.environ.get("PLAYGROUND_DEVICE", "auto"),
                    choices=("auto", "cpu", "cuda", "mps"), help="default %(default)s: cuda > mps > cpu")
    ap.add_argument("--threads", type=int, default=int(os.environ.get("PLAYGROUND_THREADS") or 0),
                    help="torch CPU threads (default: one per core)")
    ap.add_argument("--lang", default=(os.environ.get("PLAYGROUND_LANG") or "auto").lower(),
                    choices=("auto", "en", "ko"),
                    help="language of a student's first visit: auto (default) follows the browser; "
                         "each student can still switch, or open the page with ?lang=en|ko")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    from playground import procs
    procs.tune_malloc()  # before the server starts its threads
    args = parse_args(argv)
    os.environ["PLAYGROUND_LANG"] = args.lang  # read by playground.i18n (the page and its handlers)
    netguard.install_if_requested()
    from playground import device
    try:
        device.configure(args.device, args.threads or None)
    except device.DeviceUnavailable as e:
        sys.exit(f"error: {e}")
    from playground.app import build_demo, launch_kwargs
    demo = build_demo()
    demo.launch(**launch_kwargs(args.host, args.port, args.share))


if __name__ == "__main__":
    main()
