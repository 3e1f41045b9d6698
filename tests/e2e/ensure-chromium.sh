#!/usr/bin/env bash
# Debian's Chromium is the browser the end-to-end tests drive; playwright cannot download its own here.
# A Chinese font too: without one every screenshot (the README's among them) shows boxes for Chinese text.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
missing=()
if [ ! -x "$CHROMIUM" ]; then missing+=(chromium); fi
if command -v fc-list >/dev/null && [ -z "$(fc-list :lang=zh-cn family 2>/dev/null)" ]; then missing+=(fonts-wqy-microhei); fi
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "Installing Debian's ${missing[*]} for the end-to-end tests (needs root and the Debian mirrors)..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
if [ ! -x "$CHROMIUM" ]; then
  echo "Chromium is still missing at $CHROMIUM" >&2
  exit 1
fi
"$CHROMIUM" --version
