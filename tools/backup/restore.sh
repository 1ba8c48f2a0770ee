#!/usr/bin/env bash
# Restores a backup of tools/backup/backup.sh into an empty install, after checking its SHA256SUMS.
#
#   A backup of an external database goes into the (empty) database that QUARKUS_DATASOURCE_JDBC_URL,
#   _USERNAME and _PASSWORD name, with pg_restore (PG_BIN names another folder of PostgreSQL programs).
#   A backup of an embedded install goes into ARMSTRACE_DATA_DIR (default ./data), which must not
#   exist or be empty.
# Then start the service on it as usual: Flyway finds the schema at its version, or migrates it if the
# service is newer; nothing is loaded again. See docs/operations.md.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 BACKUP_FOLDER" >&2
  exit 2
fi
backup=$1
(cd "$backup" && sha256sum --quiet -c SHA256SUMS)
bin="${PG_BIN:+$PG_BIN/}"
. "$(dirname "$0")/jdbc-url.sh"

case "$(cat "$backup/KIND")" in
  external)
    if [ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]; then
      echo "set QUARKUS_DATASOURCE_JDBC_URL (and _USERNAME, _PASSWORD) to the empty database to restore into" >&2
      exit 1
    fi
    jdbc_url_parts
    export PGPASSWORD="${QUARKUS_DATASOURCE_PASSWORD:-}"
    user="${QUARKUS_DATASOURCE_USERNAME:-postgres}"
    tables=$("${bin}psql" -h "$host" -p "$port" -U "$user" -d "$database" -tAc \
      "select count(*) from pg_tables where schemaname = 'public'")
    if [ "$tables" != "0" ]; then
      echo "the database $database on $host:$port is not empty ($tables tables): restore into an empty one" >&2
      exit 1
    fi
    "${bin}pg_restore" -h "$host" -p "$port" -U "$user" -d "$database" --no-owner --exit-on-error \
      "$backup/database.dump"
    ;;
  embedded)
    data="${ARMSTRACE_DATA_DIR:-data}"
    if [ -d "$data" ] && [ -n "$(ls -A "$data")" ]; then
      echo "$data is not empty: restore into a new data folder" >&2
      exit 1
    fi
    mkdir -p "$data"
    chmod 700 "$data"
    tar -C "$data" -xpf "$backup/data.tar"
    ;;
  *)
    echo "$backup is not a backup of tools/backup/backup.sh" >&2
    exit 1
    ;;
esac
echo "restored $backup"
