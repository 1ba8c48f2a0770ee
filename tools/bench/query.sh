#!/usr/bin/env bash
# Benchmark (not a test): loads N synthetic published records (default 100,000) straight into a fresh
# service's embedded PostgreSQL, then measures requests per second for a full-text search, a faceted
# list and a two-way statistic, each for a fixed time with a few concurrent clients on loopback.
# Usage: bash tools/bench/query.sh [records] [seconds-per-endpoint]   (after ./mvnw -DskipTests package;
# needs psql, the PostgreSQL client, and python3)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-100000}
SECONDS_EACH=${2:-15}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$JAVA" -Darmstrace.data-dir="$WORK/data" -Dquarkus.http.port="$PORT" -Dquarkus.http.access-log.enabled=false \
  -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 180); do curl -sf "localhost:$PORT/q/health/ready" >/dev/null && break; sleep 0.5; done
PGPORT=$(sed -n 4p "$WORK/data/postgres/postmaster.pid")
# the embedded server lets in only the service's user, with the password kept in the data folder
export PGPASSWORD=$(cat "$WORK/data/postgres-password")

echo "loading $N synthetic records ..."
start=$(date +%s)
psql -q -h localhost -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 <<SQL
insert into case_record (public_id, status, version, event_date, date_precision, event_start, event_end, country,
    geo_precision, latitude, longitude, case_type, legal_status, context, weapon_3d_role, channels, summary,
    confidence, uncertain, created_at, updated_at, search_main, search_extra)
select 'AT-' || lpad((100000 + g)::text, 6, '0'), 'published', 1,
       to_char(d, 'YYYY-MM-DD'), 'day', d, d,
       (array['FR','NL','GB','US','DE','BE','ES','IT','AU','SE'])[1 + g % 10], 'country', 48.0, 2.0,
       (array['seizure','arrest','conviction','network_dismantled'])[1 + g % 4], 'under_investigation',
       (array['criminal_organised','extremist_far_right','hobbyist_or_unclear'])[1 + g % 3],
       (array['hybrid','fully_printed','printed_components'])[1 + g % 3],
       array[(array['telegram','social_media','darknet_forum_or_site','online_marketplace'])[1 + g % 4]],
       s, 'medium', g % 7 = 0, now(), now(), s, 'Synthetic source ' || g
from (select g, date '2013-01-01' + (g % 4700) as d,
             'Police ' || (array['seized','found','recovered'])[1 + g % 3] || ' ' ||
             (array['printed pistols','hybrid rifles','printer parts','frames and barrels'])[1 + g % 4] ||
             ' offered on ' || (array['Telegram','a darknet market','social media','an online marketplace'])[1 + g % 4] ||
             ' in case ' || g || '.' as s
      from generate_series(1, $N) g) x;
insert into case_count (case_id, count_key, value, qualifier)
select id, 'printed_firearms_seized', id % 9, (array['exact','exact','at_least','approximately'])[1 + id % 4]
from case_record where public_id >= 'AT-100001';
insert into case_source (case_id, position, publisher, title, url, source_type, language)
select id, 0, 'Synthetic', 'Synthetic source', 'https://www.example.org/' || id, 'news', 'en'
from case_record where public_id >= 'AT-100001';
analyze;
SQL
echo "loaded in $(( $(date +%s) - start )) s"

python3 - "$PORT" "$SECONDS_EACH" <<'PY'
import sys, time, threading, urllib.request
port, seconds = sys.argv[1], float(sys.argv[2])
endpoints = {
    "search (q=telegram pistols, relevance)": "/v1/cases?q=telegram+pistols&sort=relevance&limit=50",
    "faceted list (country, year, channel)": "/v1/cases?limit=50&facet=country,year,channel&case_type=seizure",
    "two-way statistic (region x year, sum)": "/v1/stats?group_by=region,year&sum=printed_firearms_seized",
}
CLIENTS = 4
for name, path in endpoints.items():
    url = f"http://127.0.0.1:{port}{path}"
    urllib.request.urlopen(url).read()  # warm up
    done, errors, latencies = [0], [0], []
    lock = threading.Lock()
    deadline = time.time() + seconds
    def work():
        while time.time() < deadline:
            t = time.time()
            try:
                urllib.request.urlopen(url).read()
                with lock:
                    done[0] += 1
                    latencies.append(time.time() - t)
            except Exception:
                with lock:
                    errors[0] += 1
    threads = [threading.Thread(target=work) for _ in range(CLIENTS)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    latencies.sort()
    p50 = latencies[len(latencies) // 2] * 1000 if latencies else 0
    print(f"{name}: {done[0] / seconds:,.1f} req/s, median {p50:.0f} ms, {CLIENTS} clients, errors {errors[0]}")
PY
