#!/bin/sh
# Make sure the browser tests have a Chromium and a font with Hangul, and print which.
# Chromium, in order: one already installed; Debian's `chromium` package (works offline
# from PyPI, where Playwright cannot download its own); Playwright's own download.
# Hangul: Debian's `fonts-noto-cjk` when no font covers Korean, so that screenshots of
# the Korean interface show letters, not boxes.
set -e
PY=${1:-.venv/bin/python}
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
apt_install() {  # apt_install PACKAGE: quietly, refreshing the package lists once if needed
    $SUDO apt-get install -y -q "$1" >/dev/null 2>&1 \
        || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q "$1" >/dev/null; } \
        || echo "apt-get could not install $1"
}
found() { "$PY" -m playground.devtools find-chromium >/dev/null 2>&1; }
hangul_font() { command -v fc-list >/dev/null 2>&1 && fc-list :lang=ko family | head -n 1; }
if ! found && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium for the browser tests..."
    apt_install chromium
fi
if ! found; then
    "$PY" -m playwright install chromium
fi
if [ -z "$(hangul_font)" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's fonts-noto-cjk (Hangul in the Korean screenshots)..."
    apt_install fonts-noto-cjk
fi
printf "browser for the tests: "
"$PY" -m playground.devtools find-chromium
printf "font for Hangul: "
hangul_font || true
[ -n "$(hangul_font)" ] || echo "none (Korean screenshots will show boxes)"
