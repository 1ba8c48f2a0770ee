#!/usr/bin/env bash
# Backs up an ArmsTrace install into a new folder DEST/armstrace-<UTC time>/ and prints its path.
#
#   External database (QUARKUS_DATASOURCE_JDBC_URL, _USERNAME, _PASSWORD set as for the service):
#     pg_dump in its custom format (database.dump), online: the service keeps running, and the dump is
#     one consistent snapshot. Everything the service keeps lives in the database (records, the revision
#     log, tokens, releases and their files), so the dump is the whole backup. pg_dump must be of the
#     server's major version or newer: PG_BIN names the folder of another one.
#   Embedded database (no URL; ARMSTRACE_DATA_DIR, default ./data):
#     a copy of the data folder's files that matter (postgres/, postgres-password) as data.tar, taken
#     with the service stopped (the embedded PostgreSQL 18 comes without pg_dump, and a pg_dump older
#     than the server refuses to run).
#
# A SHA256SUMS file is written beside the backup; tools/backup/restore.sh checks it. See docs/operations.md.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 DEST_FOLDER" >&2
  exit 2
fi
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$1/armstrace-$stamp"
mkdir -p "$out"
bin="${PG_BIN:+$PG_BIN/}"
. "$(dirname "$0")/jdbc-url.sh"

if [ -n "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]; then
  jdbc_url_parts
  PGPASSWORD="${QUARKUS_DATASOURCE_PASSWORD:-}" "${bin}pg_dump" -h "$host" -p "$port" \
    -U "${QUARKUS_DATASOURCE_USERNAME:-postgres}" -Fc -f "$out/database.dump" "$database"
  echo external > "$out/KIND"
else
  data="${ARMSTRACE_DATA_DIR:-data}"
  if [ ! -f "$data/postgres-password" ]; then
    echo "no ArmsTrace data folder at $data (set ARMSTRACE_DATA_DIR)" >&2
    exit 1
  fi
  pidfile="$data/postgres/postmaster.pid"
  if [ -f "$pidfile" ] && kill -0 "$(head -1 "$pidfile")" 2>/dev/null; then
    echo "the embedded PostgreSQL of $data is running: stop the service first (its files are copied as they lie)" >&2
    exit 1
  fi
  tar -C "$data" -cf "$out/data.tar" postgres postgres-password
  echo embedded > "$out/KIND"
fi

(cd "$out" && sha256sum -- * > SHA256SUMS)
echo "$out"
