#!/usr/bin/env bash
# Runs Rapport's browser tests: headless Debian Chromium (/usr/bin/chromium)
# driven by playwright-core, against the real rapport-server on 127.0.0.1.
# Needs the commands built in $RAPPORT_BUILD_DIR (default: <repo>/build):
#   cmake -S . -B build -G Ninja && cmake --build build --target rapport-index rapport-server rapport-admin
# Screenshots (375 and 1280 px of every page) land in tests/browser/artifacts/.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "run.sh: ${CHROMIUM_PATH:-/usr/bin/chromium} is missing (apt-get install chromium)" >&2
  exit 1
fi
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/@axe-core/playwright ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
mkdir -p artifacts
# Import + rebuild once; every test file copies this folder.
RAPPORT_BROWSER_TEMPLATE="$(node lib/prepare.mjs)"
export RAPPORT_BROWSER_TEMPLATE
trap 'rm -rf "$RAPPORT_BROWSER_TEMPLATE"' EXIT
if [ $# -eq 0 ]; then set -- ./*.test.mjs; fi
node --test --test-concurrency=1 "$@"
