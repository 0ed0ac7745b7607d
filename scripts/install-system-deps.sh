#!/usr/bin/env bash
# Installs the Debian packages the tests and tools need, only those that are missing:
# Chromium and CJK fonts for the browser tests, SQLCipher 4 (bookworm-backports) for the
# recovery-key check, SANE's scanimage for the scanner tests, the native tesseract with Chinese
# and English data for OCR. With --bench also ocrmypdf, the reference in the ingest benchmark.
# Safe to run again.
set -euo pipefail

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

need=()
command -v chromium >/dev/null || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
command -v scanimage >/dev/null || need+=(sane-utils)
command -v tesseract >/dev/null || need+=(tesseract-ocr)
for lang in chi-sim chi-tra eng; do
  dpkg -s "tesseract-ocr-$lang" >/dev/null 2>&1 || need+=("tesseract-ocr-$lang")
done
if [ "${1:-}" = "--bench" ]; then command -v ocrmypdf >/dev/null || need+=(ocrmypdf); fi

sqlcipher_ok() { command -v sqlcipher >/dev/null && sqlcipher --version 2>/dev/null | grep -q 'SQLCipher 4'; }

if [ ${#need[@]} -gt 0 ] || ! sqlcipher_ok; then
  if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo 'deb http://deb.debian.org/debian bookworm-backports main' | "${sudo_cmd[@]}" tee /etc/apt/sources.list.d/bookworm-backports.list >/dev/null
  fi
  "${sudo_cmd[@]}" apt-get update -q
  if [ ${#need[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${need[@]}"
  fi
  if ! sqlcipher_ok; then
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q -t bookworm-backports sqlcipher
  fi
fi
echo "System packages ready."
