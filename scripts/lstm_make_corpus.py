"""Make the LSTM tab's corpus: a snapshot of Python standard-library source code.

    python scripts/lstm_make_corpus.py [--lib /path/to/cpython/Lib]

The char-level LSTM / GRU / RNN of the "LSTM gates" tab are trained on real code,
the analogue of the Linux-kernel source in Karpathy, Johnson & Fei-Fei,
"Visualizing and Understanding Recurrent Networks" (2015): code has strings,
brackets and indentation that a person recognises, so a unit that tracks them
can be found and shown.

What it picks (fixed here, so the snapshot never silently changes):
  * source: CPython 3.11.7's Lib/ (the interpreter this repo was built with);
  * files: the 121 top-level modules listed in FILES below. They were chosen once
    by the rule "top-level Lib/*.py, name not starting with '_', 2 KB <= size
    <= 60 KB" (2.37 MB); the list is frozen so another Python gives an error,
    not a different corpus;
  * split BY FILE (a held-out file is never seen in training, not even a part of
    it): 12 files (10 %) drawn with random.Random(SEED).sample from the sorted list;
  * characters: newline and printable ASCII (32..126) are kept; every other
    character (tabs, accented letters, box-drawing...) becomes UNKNOWN, the ASCII
    "substitute" control character 0x1A, shown as "?" in a box by the tab.

Writes assets/lstm/:
  pystdlib_train.txt.gz, pystdlib_heldout.txt.gz   the files joined by one blank line
  corpus.json        files, split, sizes, sha256 of each source file and of each text
  PSF-LICENSE.txt    CPython's licence, copied verbatim (the PSF licence asks for it)
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import shutil
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "assets" / "lstm"
DEFAULT_LIB = Path(sys.base_prefix) / "lib" / "python3.11"
SOURCE = "CPython 3.11.7 Lib/"
SEED = 0
N_HELDOUT = 12
UNKNOWN = "\x1a"  # ASCII SUB(stitute): the one symbol for every character outside the vocabulary
SEPARATOR = "\n\n"

FILES = [
    "abc.py", "aifc.py", "asynchat.py", "asyncore.py", "base64.py", "bdb.py", "bisect.py",
    "bz2.py", "cProfile.py", "calendar.py", "cgi.py", "cgitb.py", "chunk.py", "cmd.py",
    "code.py", "codecs.py", "codeop.py", "colorsys.py", "compileall.py", "configparser.py",
    "contextlib.py", "copy.py", "copyreg.py", "crypt.py", "csv.py", "dataclasses.py", "dis.py",
    "filecmp.py", "fileinput.py", "fnmatch.py", "fractions.py", "ftplib.py", "functools.py",
    "genericpath.py", "getopt.py", "getpass.py", "gettext.py", "glob.py", "graphlib.py",
    "gzip.py", "hashlib.py", "heapq.py", "hmac.py", "imaplib.py", "imghdr.py", "imp.py",
    "io.py", "linecache.py", "lzma.py", "mailcap.py", "mimetypes.py", "modulefinder.py",
    "netrc.py", "nntplib.py", "ntpath.py", "nturl2path.py", "numbers.py", "opcode.py",
    "operator.py", "os.py", "pathlib.py", "pipes.py", "pkgutil.py", "platform.py",
    "plistlib.py", "poplib.py", "posixpath.py", "pprint.py", "profile.py", "pstats.py",
    "pty.py", "py_compile.py", "pyclbr.py", "queue.py", "quopri.py", "random.py", "reprlib.py",
    "rlcompleter.py", "runpy.py", "sched.py", "secrets.py", "selectors.py", "shelve.py",
    "shlex.py", "shutil.py", "signal.py", "site.py", "smtpd.py", "smtplib.py", "sndhdr.py",
    "socket.py", "socketserver.py", "ssl.py", "stat.py", "statistics.py", "string.py",
    "stringprep.py", "sunau.py", "symtable.py", "sysconfig.py", "tabnanny.py", "telnetlib.py",
    "tempfile.py", "textwrap.py", "threading.py", "timeit.py", "token.py", "tokenize.py",
    "trace.py", "traceback.py", "tracemalloc.py", "types.py", "uu.py", "uuid.py", "warnings.py",
    "wave.py", "weakref.py", "webbrowser.py", "xdrlib.py", "zipapp.py", "zipimport.py",
]


def to_vocabulary(text: str) -> tuple[str, int]:
    """Keep newline and printable ASCII; every other character -> UNKNOWN. Returns (text, #unknown)."""
    text = text.replace("\r\n", "\n")
    out = [ch if ch == "\n" or " " <= ch <= "~" else UNKNOWN for ch in text]
    return "".join(out), sum(ch == UNKNOWN for ch in out)


def split_files(files: list[str]) -> tuple[list[str], list[str]]:
    held = set(random.Random(SEED).sample(sorted(files), N_HELDOUT))
    return [f for f in files if f not in held], sorted(held)


def write_gz(path: Path, text: str) -> None:
    # mtime=0 and no file name in the header: the same text gives the same bytes
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                                compresslevel=9, mtime=0) as f:
        f.write(text.encode("ascii"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lib", type=Path, default=DEFAULT_LIB, help="CPython's Lib/ folder")
    lib = ap.parse_args().lib
    missing = [f for f in FILES if not (lib / f).exists()]
    if missing:
        sys.exit(f"{lib} lacks {missing[:5]}...: point --lib at CPython 3.11's Lib/")
    OUT.mkdir(parents=True, exist_ok=True)
    train, heldout = split_files(FILES)
    meta = {"source": SOURCE, "seed": SEED, "unknown_symbol": "0x1a",
            "rule": "top-level Lib/*.py, name not starting with '_', 2 KB <= size <= 60 KB",
            "separator": "one blank line between files", "splits": {}}
    for split, names in (("train", train), ("heldout", heldout)):
        parts, files, n_unknown = [], [], 0
        for name in names:
            raw = (lib / name).read_bytes()
            text, unknown = to_vocabulary(raw.decode("utf-8"))
            parts.append(text.rstrip("\n") + "\n")
            n_unknown += unknown
            files.append({"name": name, "bytes": len(raw), "sha256": hashlib.sha256(raw).hexdigest(),
                          "unknown_chars": unknown})
        text = SEPARATOR.join(parts)
        path = OUT / f"pystdlib_{split}.txt.gz"
        write_gz(path, text)
        meta["splits"][split] = {"file": path.name, "chars": len(text), "unknown_chars": n_unknown,
                                 "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
                                 "gz_bytes": path.stat().st_size, "files": files}
        print(f"{split}: {len(names)} files, {len(text):,} chars, {n_unknown} unknown, "
              f"{path.stat().st_size:,} bytes gzipped -> {path}")
    (OUT / "corpus.json").write_text(json.dumps(meta, indent=1) + "\n")
    shutil.copyfile(lib / "LICENSE.txt", OUT / "PSF-LICENSE.txt")


if __name__ == "__main__":
    main()
