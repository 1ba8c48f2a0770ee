# Sourced by backup.sh and restore.sh: splits QUARKUS_DATASOURCE_JDBC_URL
# (jdbc:postgresql://host[:port]/database[?parameters]) into $host, $port (default 5432) and $database.
jdbc_url_parts() {
  local rest hostport
  rest=${QUARKUS_DATASOURCE_JDBC_URL#jdbc:postgresql://}
  hostport=${rest%%/*}
  database=${rest#*/}
  database=${database%%\?*}
  host=${hostport%%:*}
  port=5432
  if [[ "$hostport" == *:* ]]; then port=${hostport##*:}; fi
}
