#!/usr/bin/env bash
# Benchmark (not a test): a CSV export of N synthetic records (default 100,000) from a service whose heap
# is capped (default 128 MiB), then a release of them all (its files written once) and the download of its
# zip, then a correction of every record, a second release and the changes between the two (100,000
# JSON Patches, streamed), printing times, sizes and the service's peak RSS.
# Usage: bash tools/bench/export.sh [records] [heap]   (after ./mvnw -DskipTests package; needs psql)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-100000}
HEAP=${2:-128m}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
ADMIN=bench-admin-secret-bench-admin-secret-0123
ARMSTRACE_BOOTSTRAP_ADMIN_TOKEN=$ADMIN "$JAVA" -Xmx"$HEAP" -Darmstrace.data-dir="$WORK/data" -Dquarkus.http.port="$PORT" -Dquarkus.http.access-log.enabled=false \
  -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 180); do curl -sf "localhost:$PORT/q/health/ready" >/dev/null && break; sleep 0.5; done
PGPORT=$(sed -n 4p "$WORK/data/postgres/postmaster.pid")
# the embedded server lets in only the service's user, with the password kept in the data folder
export PGPASSWORD=$(cat "$WORK/data/postgres-password")
psql -q -h localhost -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 <<SQL
insert into case_record (public_id, status, version, event_date, date_precision, event_start, event_end, country,
    geo_precision, latitude, longitude, case_type, legal_status, context, weapon_3d_role, channels, summary,
    confidence, uncertain, created_at, updated_at, search_main, search_extra)
select 'AT-' || lpad((100000 + g)::text, 6, '0'), 'published', 1, to_char(d, 'YYYY-MM-DD'), 'day', d, d,
       (array['FR','NL','GB','US','DE'])[1 + g % 5], 'country', 48.0, 2.0, 'seizure', 'under_investigation',
       'criminal_organised', 'hybrid', array['telegram'],
       'Synthetic record ' || g || ': police seized printed firearms offered on a messaging channel.', 'medium',
       false, now(), now(), 'Synthetic record ' || g, ''
from (select g, date '2013-01-01' + (g % 4700) as d from generate_series(1, $N) g) x;
insert into case_count (case_id, count_key, value, qualifier)
select id, 'printed_firearms_seized', id % 9, 'exact' from case_record where public_id >= 'AT-100001';
insert into case_source (case_id, position, publisher, title, url, source_type, language)
select id, 0, 'Synthetic', 'Synthetic source', 'https://www.example.org/' || id, 'news', 'en'
from case_record where public_id >= 'AT-100001';
-- every record gets the revision a real import would have logged, with its snapshot (releases freeze those)
insert into revision (case_id, public_id, version, action, is_public, snapshot, note)
select c.id, c.public_id, 1, 'import', true, jsonb_build_object(
    'id', c.public_id, 'status', 'published', 'version', 1, 'event_date', c.event_date, 'date_precision', 'day',
    'end_date', null, 'announcement_date', null, 'country', c.country, 'other_countries', '[]'::jsonb, 'place', null,
    'region', null, 'geo_precision', 'country', 'latitude', 48.0, 'longitude', 2.0, 'case_type', 'seizure',
    'legal_status', 'under_investigation', 'context', 'criminal_organised', 'weapon_3d_role', 'hybrid',
    'channels', '["telegram"]'::jsonb, 'payment_methods', '[]'::jsonb, 'prices', '[]'::jsonb,
    'counts', jsonb_build_object('printed_firearms_seized', jsonb_build_object('value', c.id % 9, 'qualifier', 'exact')),
    'metrics', '[]'::jsonb, 'people', '[]'::jsonb, 'agencies', '[]'::jsonb, 'summary', c.summary, 'outcome', null,
    'confidence', 'medium', 'uncertain', false, 'uncertainty_notes', null, 'related_ids', '[]'::jsonb,
    'sources', jsonb_build_array(jsonb_build_object('publisher', 'Synthetic', 'title', 'Synthetic source',
        'published', null, 'url', 'https://www.example.org/' || c.id, 'archive_url', null, 'source_type', 'news',
        'language', 'en', 'supports', '[]'::jsonb)),
    'created_at', c.created_at, 'updated_at', c.updated_at), 'synthetic'
from case_record c where c.public_id >= 'AT-100001' order by c.id;
analyze;
SQL
start=$(date +%s.%N)
curl -sf "localhost:$PORT/v1/cases?format=csv" -o "$WORK/cases.csv"
end=$(date +%s.%N)
rows=$(($(wc -l < "$WORK/cases.csv") - 1))
echo "CSV export: $rows records, $(du -h "$WORK/cases.csv" | cut -f1) in $(echo "$end - $start" | bc) s with -Xmx$HEAP"
echo "service peak RSS: $(grep VmHWM /proc/$PID/status | awk '{printf "%.0f MiB", $2/1024}')"
grep -c OutOfMemoryError "$WORK/service.log" | sed 's/^/OutOfMemoryError lines in the log: /' || true

start=$(date +%s.%N)
curl -sf -X POST -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"version": "2.0.0", "notes": "Benchmark release"}' "localhost:$PORT/v1/curation/releases" -o "$WORK/release.json"
end=$(date +%s.%N)
echo "release 2.0.0 cut: $(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['record_count'])" "$WORK/release.json") records, files written in $(echo "$end - $start" | bc) s"
start=$(date +%s.%N)
curl -sf "localhost:$PORT/v1/releases/2.0.0/files/armstrace.zip" -o "$WORK/release.zip"
end=$(date +%s.%N)
echo "release zip download: $(du -h "$WORK/release.zip" | cut -f1) in $(echo "$end - $start" | bc) s"
(cd "$WORK" && unzip -q release.zip && cd armstrace-2.0.0 && sha256sum -c --quiet SHA256SUMS && echo "SHA256SUMS: every file matches")
psql -q -h localhost -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 <<SQL
-- a correction of every synthetic record, logged as a revision as the curation API would
update case_record set version = 2, summary = summary || ' Corrected.' where public_id >= 'AT-100001';
insert into revision (case_id, public_id, version, action, is_public, snapshot, note)
select c.id, c.public_id, 2, 'update', true,
       jsonb_set(jsonb_set(r.snapshot, '{version}', '2'), '{summary}', to_jsonb(c.summary)), 'synthetic correction'
from case_record c join revision r on r.case_id = c.id and r.version = 1
where c.public_id >= 'AT-100001' order by c.id;
SQL
curl -sf -X POST -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"version": "2.1.0", "notes": "Benchmark corrections"}' "localhost:$PORT/v1/curation/releases" -o /dev/null
start=$(date +%s.%N)
curl -sf "localhost:$PORT/v1/releases/2.1.0/changes?since=2.0.0&format=csv" -o "$WORK/changes.csv"
end=$(date +%s.%N)
echo "changes 2.0.0 -> 2.1.0 as CSV: $(($(wc -l < "$WORK/changes.csv") - 1)) patch operations, $(du -h "$WORK/changes.csv" | cut -f1) in $(echo "$end - $start" | bc) s"
start=$(date +%s.%N)
curl -sf "localhost:$PORT/v1/releases/2.1.0/changes?since=2.0.0" -o "$WORK/changes.json"
end=$(date +%s.%N)
echo "changes 2.0.0 -> 2.1.0 as JSON: $(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(d['updated'], 'updated records,', len(d['items']), 'items')" "$WORK/changes.json"), $(du -h "$WORK/changes.json" | cut -f1) in $(echo "$end - $start" | bc) s"
echo "service peak RSS (export, releases, changes): $(grep VmHWM /proc/$PID/status | awk '{printf "%.0f MiB", $2/1024}')"
grep -c OutOfMemoryError "$WORK/service.log" | sed 's/^/OutOfMemoryError lines in the log: /' || true
