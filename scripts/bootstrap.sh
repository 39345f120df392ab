#!/usr/bin/env bash
# Sets up what fc-admin needs on a Debian/Ubuntu machine: the system libraries Qt and the tests
# use (only when run as root and something is missing), then .venv with the project installed.
# Usage: bash scripts/bootstrap.sh [EXTRAS]   e.g. "test,postgresql,dev"
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-postgresql}"

system_packages=(
  libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0
  libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1
  fonts-noto-cjk poppler-utils xvfb python3-venv
)
if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for p in "${system_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "installing system packages: ${missing[*]}" >&2
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "missing system packages (install them as root): ${missing[*]}" >&2
    fi
  fi
fi

python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[${extras}]"
