#!/bin/sh
# Make sure the browser tests have a Chromium, and print which one.
# Order: one already installed; Debian's `chromium` package (works offline from
# PyPI, where Playwright cannot download its own); Playwright's own download.
set -e
PY=${1:-.venv/bin/python}
found() { "$PY" -m playground.devtools find-chromium >/dev/null 2>&1; }
if ! found && command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    echo "installing Debian's chromium for the browser tests..."
    $SUDO apt-get install -y -q chromium >/dev/null 2>&1 \
        || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q chromium >/dev/null; } \
        || echo "apt-get could not install chromium"
fi
if ! found; then
    "$PY" -m playwright install chromium
fi
printf "browser for the tests: "
"$PY" -m playground.devtools find-chromium
