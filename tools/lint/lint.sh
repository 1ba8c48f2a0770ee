#!/usr/bin/env bash
# Lints the OpenAPI contract (openapi/openapi.yaml) with the pinned linters of package-lock.json:
# Spectral (spectral:oas + OWASP API Security 2023, see .spectral.yaml) and Redocly (recommended,
# see redocly.yaml). Exits non-zero when either reports an error; warnings are shown but pass.
# Works from any directory. Needs Node.js 20.19+ (or 22.12+) and npm, and the npm registry for `npm ci`.
set -uo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
cd "$here" || exit 2
contract="../../openapi/openapi.yaml"
[ -f "$contract" ] || { echo "lint: $here/$contract not found" >&2; exit 2; }

# Exactly the lockfile's versions; no install scripts (the only one is an analytics ping), no telemetry.
if ! npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null; then
  echo "lint: npm ci failed in $here" >&2
  exit 2
fi
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "== Spectral $(node_modules/.bin/spectral --version) (spectral:oas + OWASP 2023) on openapi/openapi.yaml"
node_modules/.bin/spectral lint --ruleset .spectral.yaml --fail-severity error "$contract" 2>&1 | tee "$out/spectral"
spectral_rc=${PIPESTATUS[0]}

echo "== Redocly $(node_modules/.bin/redocly --version 2>/dev/null) (recommended) on openapi/openapi.yaml"
node_modules/.bin/redocly lint --config redocly.yaml --format stylish "$contract" 2>&1 | tee "$out/redocly"
redocly_rc=${PIPESTATUS[0]}

# Summary: one line per linter.
verdict() { if [ "$1" -eq 0 ]; then echo "PASS"; else echo "FAIL (exit $1)"; fi; }
spectral_line="$(grep -E '[0-9]+ problems? \(' "$out/spectral" | tail -1 | sed 's/^[^0-9]*//')"
[ -n "$spectral_line" ] || spectral_line="$(grep -q 'No results with a severity' "$out/spectral" && echo 'no problems' || echo 'see output above')"
redocly_line="$(grep -E 'Validation failed with|Your API description is valid|You have [0-9]+ warning' "$out/redocly" | tail -1 | sed -E 's/^[^A-Za-z]*//')"
echo
echo "== Contract lint summary"
echo "Spectral: $(verdict "$spectral_rc"); ${spectral_line}"
echo "Redocly:  $(verdict "$redocly_rc"); ${redocly_line:-see output above}"

[ "$spectral_rc" -eq 0 ] && [ "$redocly_rc" -eq 0 ]
