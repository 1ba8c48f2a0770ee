#!/usr/bin/env bash
# Runs every code example of README.md against a running service, so that the README cannot drift
# from the API. Called by tools/sdk/run.sh (which starts the packaged service once and generates the
# clients the examples use); not meant to be run on its own.
#
# tools/readme/extract.py lists the fenced blocks: each block in sh, python, ts, java or r runs, in
# README order, unless a `<!-- not run: reason -->` line stands above it; a block in an unknown
# language fails. Shell blocks run with `set -euo pipefail` and a curl that fails on an HTTP error
# status unless the block itself names that status (e.g. "# -> 404"). All blocks share one working
# folder, so a file written by one block (cases.csv, ...) is there for the next.
#
# Environment (set by tools/sdk/run.sh): README_BASE_URL, README_ADMIN_TOKEN (the service's bootstrap
# admin token), README_PYTHONPATH (generated Python client), README_TS_DIR (a folder with the
# TypeScript client in client/, node_modules and tsconfig.json), README_JAVA_CP (generated Java client
# classes and their dependencies), README_R_LIBS (a library holding the generated R package),
# README_PANDAS_PYTHON (a Python with pandas, for the blocks that import it), README_WORK (an empty
# folder for this run), README_STEP_TIMEOUT (seconds per block).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
: "${README_BASE_URL:?}" "${README_ADMIN_TOKEN:?}" "${README_PYTHONPATH:?}" "${README_TS_DIR:?}"
: "${README_JAVA_CP:?}" "${README_R_LIBS:?}" "${README_PANDAS_PYTHON:?}" "${README_WORK:?}"
TIMEOUT=${README_STEP_TIMEOUT:-180}
BLOCKS=$README_WORK/blocks
RUN_DIR=$README_WORK/cwd
LOGS=$README_WORK/logs
mkdir -p "$BLOCKS" "$RUN_DIR" "$LOGS"

python3 "$ROOT/tools/readme/extract.py" "${README_FILE:-$ROOT/README.md}" "$BLOCKS" "$README_BASE_URL"

# An editor token for the examples that write ($EDITOR_TOKEN in the README), unless given.
EDITOR_TOKEN=${README_EDITOR_TOKEN:-}
[ -n "$EDITOR_TOKEN" ] || EDITOR_TOKEN=$(command curl -sf -X POST "$README_BASE_URL/v1/curation/tokens" \
  -H "Authorization: Bearer $README_ADMIN_TOKEN" -H 'Content-Type: application/json' \
  -d '{"name":"readme examples","role":"editor"}' | jq -r .secret)
[ -n "$EDITOR_TOKEN" ] && [ "$EDITOR_TOKEN" != null ] || { echo "readme: could not create an editor token" >&2; exit 1; }

cat >"$BLOCKS/prelude.sh" <<EOF
set -euo pipefail
export ARMSTRACE_BOOTSTRAP_ADMIN_TOKEN='$README_ADMIN_TOKEN' EDITOR_TOKEN='$EDITOR_TOKEN'
EOF
cat >>"$BLOCKS/prelude.sh" <<'EOF'
# curl as in the README, failing on an HTTP error status that the block does not name.
curl() {
  local headers rc=0 status
  headers=$(mktemp)
  command curl -D "$headers" "$@" || rc=$?
  status=$(grep -aE '^HTTP/' "$headers" | tail -1 | awk '{print $2}')
  rm -f "$headers"
  local command="curl $*"
  echo "${status:-none} ${command//$'\n'/ }" >>"$README_CURL_LOG"
  [ "$rc" -eq 0 ] || { echo "readme: curl exited $rc: curl $*" >&2; return "$rc"; }
  case "$status" in
    2??|3??) ;;
    *) if [[ " $README_ALLOWED " != *" $status "* ]]; then
         echo "readme: HTTP $status, which the block does not mention: curl $*" >&2; return 22
       fi ;;
  esac
}
EOF

run_block() {  # run_block <language> <file>: runs one extracted block in the shared folder
  local kind=$1 file=$BLOCKS/$2
  case "$kind" in
    sh)
      # HTTP error statuses the block names (in its comments or expected output)
      README_ALLOWED=$(grep -oE '\b[45][0-9]{2}\b' "$file" | sort -u | tr '\n' ' ') \
        README_CURL_LOG=$LOGS/curl.log timeout "$TIMEOUT" bash -c "source '$BLOCKS/prelude.sh'; source '$file'" ;;
    python)
      local python=python3
      grep -qE '^(import|from) pandas' "$file" && python=$README_PANDAS_PYTHON
      PYTHONPATH=$README_PYTHONPATH PYTHONDONTWRITEBYTECODE=1 timeout "$TIMEOUT" "$python" "$file" ;;
    ts)
      local name; name=$(basename "$file" .ts)
      cp "$file" "$README_TS_DIR/$name.ts"
      printf '{"extends": "./tsconfig.json", "compilerOptions": {"outDir": "readme-dist"}, "files": ["%s.ts"]}\n' \
        "$name" >"$README_TS_DIR/tsconfig-$name.json"
      (cd "$README_TS_DIR" && timeout "$TIMEOUT" ./node_modules/.bin/tsc -p "tsconfig-$name.json") || return 1
      timeout "$TIMEOUT" node "$README_TS_DIR/readme-dist/$name.js" ;;
    java)
      timeout "$TIMEOUT" java -cp "$README_JAVA_CP" "$file" ;;
    r)
      R_LIBS=$README_R_LIBS timeout "$TIMEOUT" Rscript "$file" ;;
  esac
}

declare -A ran=() skipped=()
failed=()
while IFS=$'\t' read -r number kind line status reason file; do
  case "$status" in
    run)
      if (cd "$RUN_DIR" && run_block "$kind" "$file") >"$LOGS/$number-$kind.log" 2>&1; then
        ran[$kind]=$(( ${ran[$kind]:-0} + 1 ))
      else
        failed+=("README.md:$line ($kind)")
        echo "readme: block at README.md:$line ($kind) FAILED; the end of its output:"
        tail -20 "$LOGS/$number-$kind.log" | sed 's/^/  /'
      fi ;;
    "not run")
      skipped[$kind]=$(( ${skipped[$kind]:-0} + 1 ))
      echo "readme: README.md:$line ($kind) not run: $reason" ;;
  esac
done <"$BLOCKS/manifest.tsv"

summary() {  # summary <counts by language>: "sh 13, python 2, ..." or "none"
  local -n counts=$1
  local k out=""
  for k in sh python ts java r; do [ -n "${counts[$k]:-}" ] && out+="${out:+, }$k ${counts[$k]}"; done
  echo "${out:-none}"
}
total_ran=0; for k in "${!ran[@]}"; do total_ran=$((total_ran + ran[$k])); done
echo "readme: $total_ran blocks ran ($(summary ran)); marked not run: $(summary skipped); $(grep -c . "$LOGS/curl.log" 2>/dev/null || echo 0) curl requests"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "readme: FAILED: ${failed[*]}"
  exit 1
fi
echo "readme: OK"
