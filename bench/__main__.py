"""python -m bench <name> [args...]  ->  one JSON object on stdout."""

import importlib
import json
import pkgutil
import sys
from pathlib import Path

import playground  # noqa: F401  (no-telemetry environment first)


def available() -> list[str]:
    here = Path(__file__).parent
    return sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name not in ("common",))


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] in ("-h", "--help"):
        sys.exit(f"usage: python -m bench <name> [args]\nbenchmarks: {', '.join(available())}")
    name = sys.argv[1]
    if name not in available():
        sys.exit(f"unknown benchmark {name!r}; available: {', '.join(available())}")
    result = importlib.import_module(f"bench.{name}").run(sys.argv[2:])
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
