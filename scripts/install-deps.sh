#!/usr/bin/env bash
# Installs what a fresh machine lacks for `make test`: Chromium, CJK fonts and poppler-utils (`pdftotext`, with which
# the tests read the text of generated PDFs) from apt, the H5's npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
if [ "${1:-}" = "--fonts-only" ]; then
  # `make run`: printable documents (个人申请表 …) are set in a CJK font; without one the service does not start.
  if ! dpkg -s fonts-wqy-microhei >/dev/null 2>&1 && ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
    echo "== installing fonts-wqy-microhei (for the application form image and PDF)"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends fonts-wqy-microhei; } ||
      echo "!! could not install a CJK font: the service will refuse to start until one is installed (or documents.font_dir is set)"
  fi
  exit 0
fi
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || need+=(fonts-wqy-microhei)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if ((${#need[@]})); then
  echo "== installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
cd h5
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== npm ci"
  npm ci --no-audit --no-fund
fi
