#!/usr/bin/env bash
# Benchmark (not a test): imports N synthetic rows (default 10,000) as NDJSON into a fresh service on its
# embedded PostgreSQL and prints rows per second, for a dry run and for a real import.
# Usage: bash tools/bench/import.sh [rows]   (after ./mvnw -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-10000}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
SECRET="bench-admin-secret-$(date +%s)-0123456789abcdef"
ARMSTRACE_BOOTSTRAP_ADMIN_TOKEN=$SECRET "$JAVA" -Darmstrace.data-dir="$WORK/data" -Dquarkus.http.port="$PORT" \
  -Dquarkus.http.access-log.enabled=false -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 180); do curl -sf "localhost:$PORT/q/health/ready" >/dev/null && break; sleep 0.5; done

python3 - "$ROWS" > "$WORK/rows.ndjson" <<'PY'
import json, sys
for i in range(int(sys.argv[1])):
    print(json.dumps({
        "event_date": f"20{10 + i % 15:02d}-{1 + i % 12:02d}", "date_precision": "month",
        "country": ["FR", "NL", "GB", "US", "DE"][i % 5], "geo_precision": "country",
        "latitude": 48.0, "longitude": 2.0, "case_type": "seizure", "legal_status": "under_investigation",
        "context": "criminal_organised", "weapon_3d_role": "hybrid", "channels": ["telegram"],
        "counts": {"printed_firearms_seized": {"value": i % 7, "qualifier": "exact"}},
        "summary": f"Synthetic benchmark record {i}: a seizure of printed firearms.", "confidence": "medium",
        "sources": [{"publisher": "Bench", "title": f"Report {i}", "url": f"https://www.example.org/{i}",
                     "source_type": "news", "language": "en"}]}))
PY
run() {
  local label=$1 query=$2
  local start end
  start=$(date +%s.%N)
  curl -sf -X POST "localhost:$PORT/v1/curation/imports$query" -H "Authorization: Bearer $SECRET" \
    -H 'Content-Type: application/x-ndjson' --data-binary @"$WORK/rows.ndjson" > "$WORK/report.json"
  end=$(date +%s.%N)
  python3 - "$label" "$ROWS" "$start" "$end" "$WORK/report.json" <<'PY'
import json, sys
label, rows, start, end, report = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
r = json.load(open(report))
secs = end - start
print(f"{label}: {rows} rows in {secs:.2f} s = {rows / secs:,.0f} rows/s (written {r['written']})")
PY
}
run "dry run " "?dry_run=true"
run "import  " ""
echo "service peak RSS: $(grep VmHWM /proc/$PID/status | awk '{print $2/1024 " MiB"}')"
