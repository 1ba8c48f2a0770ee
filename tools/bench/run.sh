#!/usr/bin/env bash
# ArmsTrace's own benchmark: the peer workloads of ../shared/bench (which remains the referee), run on
# synthetic data of the same shape, printed beside the figures the peers reached (Datasette 0.64.8,
# Platformatic DB 2.61, the bare PostgreSQL 15 floor; see ../shared/bench/README.md).
#
#   ./mvnw -DskipTests package && bash tools/bench/run.sh     # full protocol, 100,000 rows
#   QUICK=1 bash tools/bench/run.sh                            # 5 s warm-ups and 5 s runs
#   ROWS=3000 QUICK=1 WARM=2s DUR=3s RUNS=1 bash tools/bench/run.sh   # a smoke test of the script
#
# 1. gen_cases.py writes ROWS (default 100,000) deterministic CaseInput rows as NDJSON, cached under
#    ${XDG_CACHE_HOME:-~/.cache}/armstrace-own-bench/ROWS.
# 2. The packaged service (target/quarkus-app/quarkus-run.jar) starts on a free port with a fresh data
#    folder, a random bootstrap admin token, rate limits out of the way and no access log; it and its
#    embedded PostgreSQL are pinned to SERVER_CORE (default 1).
# 3. An editor token imports every row in ONE request (POST /v1/curation/imports?publish=true, NDJSON):
#    HTTP status, seconds and the service's peak RSS.
# 4. wrk (1 thread, 16 connections, timeout 60 s, pinned to WRK_CORE, default 0) drives the workloads
#    (a)-(d) and (f), each with a warm-up of WARM (default 30s) and RUNS (default 3) runs of DUR (default
#    20s); the median req/s and the median of the runs' p99 are reported.
# 5. (e) three CSV exports of every record (median seconds, size, peak RSS), then a release of everything.
# 6. The tables, in Markdown. Everything lands in BENCH_DIR (default: a new temporary folder).
#
# Environment: ROWS, QUICK, WARM, DUR, RUNS, CONN (16), SERVER_CORE, WRK_CORE, PORT (default: a free one), BENCH_DIR, JAVA_HOME,
# JAR (default target/quarkus-app/quarkus-run.jar), BENCH_JAVA_OPTS (extra JVM options), SEED (data
# seed, default 20240501), KEEP_DATA=1 (keep the service's data folder, deleted when the service stops).
# Needs: a JDK 21+ (JAVA_HOME or java on PATH), wrk, curl, python3, taskset.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jar=${JAR:-$root/target/quarkus-app/quarkus-run.jar}

[ -f "$jar" ] || { echo "bench: $jar not found; run ./mvnw -DskipTests package first" >&2; exit 2; }
for tool in wrk curl python3 taskset; do
  if ! command -v "$tool" >/dev/null; then
    echo "bench: $tool is missing. On Debian or Ubuntu: sudo apt-get install -y wrk curl python3 util-linux" >&2
    exit 2
  fi
done
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
java_major=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')
if [ -z "$java_major" ] || [ "$java_major" -lt 21 ]; then
  echo "bench: $JAVA is Java ${java_major:-?}; the service needs 21 or later (set JAVA_HOME)" >&2
  exit 2
fi

ROWS=${ROWS:-100000}; SEED=${SEED:-20240501}; CONN=${CONN:-16}
SERVER_CORE=${SERVER_CORE:-1}; WRK_CORE=${WRK_CORE:-0}
if [ -n "${QUICK:-}" ] && [ "${QUICK}" != 0 ]; then WARM=${WARM:-5s}; DUR=${DUR:-5s}; else WARM=${WARM:-30s}; DUR=${DUR:-20s}; fi
RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-$(mktemp -d -t armstrace-own-bench.XXXXXX)}
mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/armstrace-own-bench/$ROWS
[ "$SEED" = 20240501 ] || cache="$cache-seed$SEED"
echo "bench: $ROWS rows, warm-up $WARM, $RUNS x $DUR per workload; results in $BENCH_DIR"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }

# 1. The data (deterministic, so cached between runs)
if [ ! -f "$cache/cases.ndjson" ] || [ ! -f "$cache/sample.txt" ]; then
  echo "bench: generating $ROWS cases into $cache"
  python3 "$here/gen_cases.py" --out "$cache" --rows "$ROWS" --seed "$SEED"
fi
data="$cache/cases.ndjson"

# 2. A fresh service, pinned with its embedded PostgreSQL (its child processes) to one core
PORT=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
API="http://127.0.0.1:$PORT"
ADMIN=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
PID=
stop() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    kill "$PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$PID" 2>/dev/null || true
  fi
  wait 2>/dev/null || true
  # the database folder is large and of no use once the service is gone (KEEP_DATA=1 keeps it)
  [ -n "${KEEP_DATA:-}" ] || rm -rf "$BENCH_DIR/data"
}
trap stop EXIT
trap 'exit 130' INT TERM
(
  cd "$BENCH_DIR"
  export ARMSTRACE_DATA_DIR="$BENCH_DIR/data" QUARKUS_HTTP_PORT="$PORT" QUARKUS_HTTP_HOST=127.0.0.1 \
    ARMSTRACE_BOOTSTRAP_ADMIN_TOKEN="$ADMIN" \
    ARMSTRACE_RATE_LIMIT_ANONYMOUS_PER_MINUTE=1000000000 ARMSTRACE_RATE_LIMIT_TOKEN_PER_MINUTE=1000000000 \
    QUARKUS_HTTP_ACCESS_LOG_ENABLED=false
  # shellcheck disable=SC2086
  exec taskset -c "$SERVER_CORE" "$JAVA" ${BENCH_JAVA_OPTS:-} -jar "$jar"
) > "$BENCH_DIR/service.log" 2>&1 &
PID=$!
for _ in $(seq 1 360); do
  curl -sf -o /dev/null "$API/v1/cases?limit=1" && break
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.5
done
curl -sf -o /dev/null "$API/v1/cases?limit=1" || { echo "bench: the service did not start; see $BENCH_DIR/service.log" >&2; exit 1; }
mib() { awk -v k="$1:" '$1 == k { printf "%d", $2 / 1024 }' "/proc/$PID/status"; }
json() { python3 -c 'import json, sys; v = json.load(sys.stdin)
for k in sys.argv[1:]: v = v[int(k)] if isinstance(v, list) else v[k]
print(v)' "$@"; }
bulk="$BENCH_DIR/bulk.txt"
echo "rows=$ROWS" > "$bulk"

# 3. An editor token, and every row in one import request
EDITOR=$(curl -sf -X POST "$API/v1/curation/tokens" -H "Authorization: Bearer $ADMIN" \
  -H 'Content-Type: application/json' -d '{"name":"bench","role":"editor"}' | json secret)
before=$(curl -sf "$API/v1/cases?sort=-id&limit=1" | json items 0 id)
echo "bench: importing $ROWS rows ($(du -h "$data" | cut -f1)) in one request"
t0=$(now)
import_status=$(curl -s -o "$BENCH_DIR/import.json" -w '%{http_code}' -X POST "$API/v1/curation/imports?publish=true" \
  -H "Authorization: Bearer $EDITOR" -H 'Content-Type: application/x-ndjson' --data-binary @"$data")
import_s=$(since "$t0")
import_rss=$(mib VmHWM)
echo "import_status=$import_status" >> "$bulk"; echo "import_s=$import_s" >> "$bulk"; echo "import_rss=$import_rss" >> "$bulk"
echo "bench: import: HTTP $import_status in $import_s s, peak RSS $import_rss MiB: $(head -c 300 "$BENCH_DIR/import.json")"
if [ "$import_status" != 200 ] && [ "$import_status" != 201 ]; then
  echo "bench: the single import failed; importing in parts of 10,000 rows to measure the reads" >&2
  split -l 10000 -d -a 4 "$data" "$BENCH_DIR/part_"
  for part in "$BENCH_DIR"/part_*; do
    code=$(curl -s -o "$BENCH_DIR/import-part.json" -w '%{http_code}' -X POST "$API/v1/curation/imports?publish=true" \
      -H "Authorization: Bearer $EDITOR" -H 'Content-Type: application/x-ndjson' --data-binary @"$part")
    [ "$code" = 200 ] || [ "$code" = 201 ] || { echo "bench: a part failed too (HTTP $code): $(head -c 500 "$BENCH_DIR/import-part.json")" >&2; exit 1; }
    rm -f "$part"
  done
fi

# The sampled rows' ids: imported records are numbered in file order after the ones already there
# (checked: the newest id, and the summaries of the first and last rows).
python3 - "$API" "$data" "$cache/sample.txt" "$before" "$BENCH_DIR/ids.txt" <<'PY'
import json, sys, urllib.request
api, data, sample, before, out = sys.argv[1:6]
get = lambda path: json.load(urllib.request.urlopen(api + path))
summaries = [json.loads(line)["summary"] for line in open(data, encoding="utf-8")]
first = int(before[3:]) + 1
top = int(get("/v1/cases?sort=-id&limit=1")["items"][0]["id"][3:])
assert top == first + len(summaries) - 1, f"expected the newest id AT-{first + len(summaries) - 1:06d}, found AT-{top:06d}"
for i in (0, len(summaries) - 1):
    assert get(f"/v1/cases/AT-{first + i:06d}")["summary"] == summaries[i], f"row {i} is not AT-{first + i:06d}"
with open(out, "w") as f:
    f.writelines(f"AT-{first + int(line):06d}\n" for line in open(sample) if line.strip())
PY

# 4. The workloads, driven by wrk from the other core
results="$BENCH_DIR/results.txt"
: > "$results"
workload() {  # LABEL URL [IDS_FILE]: a warm-up, then RUNS timed runs
  local label=$1 url=$2 ids=${3:-} i
  echo "bench: $label  $url"
  IDS_FILE=$ids PATH_TEMPLATE=${PATH_TEMPLATE:-} taskset -c "$WRK_CORE" \
    wrk -t1 -c"$CONN" -d"$WARM" --timeout 60s --latency -s "$here/wrk.lua" "$url" > "$BENCH_DIR/warmup.tmp"
  { echo "== $label warm-up"; cat "$BENCH_DIR/warmup.tmp"; } >> "$results.raw"
  for i in $(seq 1 "$RUNS"); do
    IDS_FILE=$ids PATH_TEMPLATE=${PATH_TEMPLATE:-} taskset -c "$WRK_CORE" \
      wrk -t1 -c"$CONN" -d"$DUR" --timeout 60s --latency -s "$here/wrk.lua" "$url" > "$BENCH_DIR/run.tmp"
    { echo "== $label run $i"; cat "$BENCH_DIR/run.tmp"; } >> "$results.raw"
    grep '^RESULT' "$BENCH_DIR/run.tmp" | sed "s/^RESULT/$label run=$i/" >> "$results"
  done
  rm -f "$BENCH_DIR/warmup.tmp" "$BENCH_DIR/run.tmp"
  grep "^$label run=" "$results" | grep -o ' rps=[0-9.]*\| p99_ms=[0-9.]*\| non2xx=[0-9]*' | paste -sd ' ' | sed 's/^/bench:   /'
}
PATH_TEMPLATE='/v1/cases/{id}' workload a_by_id "$API" "$BENCH_DIR/ids.txt"
workload b_page "$API/v1/cases?country=FR&date_from=2019&date_to=2022&limit=50"
workload c_search "$API/v1/cases?q=telegram&limit=20"
workload d_facet "$API/v1/cases?case_type=seizure&facet=country&limit=1"
workload f_stats "$API/v1/stats?group_by=country,year&sum=printed_firearms_seized"

# 5. (e) Every record as CSV, three downloads in a row from the other core; peak RSS during them
# (VmHWM reset first when the kernel allows it, so that the import's peak does not hide the export's)
total_rss=$(mib VmHWM)
echo 5 2>/dev/null > "/proc/$PID/clear_refs" || true
echo "bench: e_export  $API/v1/cases?format=csv (3 times)"
export_times=()
for _ in 1 2 3; do
  line=$(taskset -c "$WRK_CORE" curl -s -o "$BENCH_DIR/export.csv" -w '%{http_code} %{time_total}' "$API/v1/cases?format=csv")
  export_status=${line% *}
  export_times+=("${line#* }")
done
export_s=$(printf '%s\n' "${export_times[@]}" | sort -g | sed -n 2p)
export_rss=$(mib VmHWM)
[ "$total_rss" -ge "$export_rss" ] || total_rss=$export_rss
export_mb=$(awk -v b="$(stat -c %s "$BENCH_DIR/export.csv")" 'BEGIN { printf "%.1f", b / 1e6 }')
export_rows=$(( $(wc -l < "$BENCH_DIR/export.csv") - 1 ))
{ echo "export_status=$export_status"; echo "export_s=$export_s"; echo "export_mb=$export_mb"
  echo "export_rss=$export_rss"; echo "total_rss=$total_rss"; } >> "$bulk"
echo "bench:   HTTP $export_status, ${export_times[*]} s, $export_mb MB, $export_rows lines after the header, peak RSS $export_rss MiB"
rm -f "$BENCH_DIR/export.csv"

# 6. A release of everything
t0=$(now)
release_status=$(curl -s -o "$BENCH_DIR/release.json" -w '%{http_code}' -X POST "$API/v1/curation/releases" \
  -H "Authorization: Bearer $EDITOR" -H 'Content-Type: application/json' -d '{"version":"2.0.0","notes":"bench"}')
release_s=$(since "$t0")
{ echo "release_status=$release_status"; echo "release_s=$release_s"; } >> "$bulk"
echo "bench: release 2.0.0: HTTP $release_status in $release_s s: $(head -c 200 "$BENCH_DIR/release.json")"

# 7. The tables
python3 "$here/table.py" "$BENCH_DIR" | tee "$BENCH_DIR/table.md"
echo
echo "bench: tables in $BENCH_DIR/table.md; wrk output in $results.raw; service log in $BENCH_DIR/service.log"
