#!/usr/bin/env bash
# Install Debian's chromium for the browser test (tests/test_browser.py). Idempotent: does
# nothing when /usr/bin/chromium already runs. Safe as root in CI; uses sudo only when needed
# and available. The Python `playwright` package comes from the dev extras; no Playwright
# browser download is ever made (the test drives /usr/bin/chromium).
set -euo pipefail

if [ -x /usr/bin/chromium ] && /usr/bin/chromium --version >/dev/null 2>&1; then
    echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null | head -n1) already installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install-browser: need root (or sudo) to apt-get install chromium" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium >/dev/null
echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null | head -n1) installed"
