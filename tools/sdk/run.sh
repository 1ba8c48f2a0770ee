#!/usr/bin/env bash
# SDK smoke test: generates Java, Python, TypeScript and R clients from the committed contract
# (openapi/openapi.yaml) with the pinned OpenAPI Generator (tools/sdk/pom.xml), checks that the
# generated names are clean, runs one short program per client against the packaged service, then
# every code example of README.md against the same service (tools/readme/run.sh).
#
# Run from anywhere after the Maven build (target/quarkus-app/quarkus-run.jar must exist):
#   bash tools/sdk/run.sh
# Needs a JDK 21+ (JAVA_HOME, PATH or /usr/lib/jvm), python3 >= 3.9 with pydantic 2, urllib3 and
# python-dateutil, node >= 20 with npm (the registry, or a warm npm cache, for typescript), jq, and
# R >= 4.2 with httr2, R6, jsonlite, base64enc and stringr and Python's pandas (for the README's data
# frames): when R or those packages are missing and we run as root, they are installed from Debian's
# packages (apt-get install r-base-core r-cran-... python3-pandas).
# Environment: SDK_SPEC=<file> generates from another contract file (default: openapi/openapi.yaml);
# KEEP_SDK_TMP=1 keeps the temporary folder (generated clients, logs).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SDK_DIR=$ROOT/tools/sdk
SPEC=$(readlink -f "${SDK_SPEC:-openapi/openapi.yaml}")
JAR=$ROOT/target/quarkus-app/quarkus-run.jar
READY_TIMEOUT=90      # seconds for the service to become ready
STEP_TIMEOUT=180      # seconds for any one build or smoke step
GENERATE_TIMEOUT=300  # seconds for generating the four clients
STARTED=$SECONDS

fail() { echo "sdk: $*" >&2; exit 1; }

[ -f "$JAR" ] || fail "$JAR is missing; build first: ./mvnw -DskipTests package"
[ -f "$SPEC" ] || fail "contract $SPEC is missing"

# ---- tools --------------------------------------------------------------------------------------
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1; }
pick_jdk() {
  local candidates=() home dir
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  command -v java >/dev/null 2>&1 && candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  for dir in /usr/lib/jvm/*/ /opt/java/*/ /opt/*jdk*/; do [ -x "$dir/bin/javac" ] && candidates+=("${dir%/}"); done
  for home in "${candidates[@]}"; do
    if [ -x "$home/bin/javac" ] && [ "$(java_major "$home")" -ge 21 ] 2>/dev/null; then echo "$home"; return 0; fi
  done
  return 1
}
JAVA_HOME=$(pick_jdk) || fail "no JDK 21+ found (JAVA_HOME, PATH, /usr/lib/jvm)"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
command -v python3 >/dev/null || fail "python3 is missing"
python3 -c 'import sys; sys.exit(sys.version_info < (3, 9))' || fail "python3 >= 3.9 is needed"
command -v node >/dev/null && command -v npm >/dev/null || fail "node and npm are missing"
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] || fail "node >= 20 is needed (found $(node --version))"
command -v jq >/dev/null || fail "jq is missing (the README's curl examples use it)"
R_PACKAGES=(httr2 R6 jsonlite base64enc stringr)
r_ready() {
  command -v Rscript >/dev/null &&
    Rscript -e "quit(status = !all(sapply(c($(printf '"%s",' "${R_PACKAGES[@]}" | sed 's/,$//')), requireNamespace, quietly = TRUE)))" 2>/dev/null
}
missing_debs=()
r_ready || missing_debs+=(r-base-core r-cran-httr2 r-cran-r6 r-cran-jsonlite r-cran-base64enc r-cran-stringr)
# pandas: the python3 on PATH, or Debian's (python3-pandas is for /usr/bin/python3)
pandas_python() { local p; for p in python3 /usr/bin/python3; do "$p" -c 'import pandas' 2>/dev/null && { command -v "$p"; return 0; }; done; return 1; }
pandas_python >/dev/null || missing_debs+=(python3-pandas)
if [ "${#missing_debs[@]}" -gt 0 ]; then
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || fail "missing ${missing_debs[*]}; install them (Debian: apt-get install ${missing_debs[*]})"
  echo "sdk: installing ${missing_debs[*]} (apt-get)"
  apt_started=$SECONDS
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing_debs[@]}"; } \
    >/tmp/armstrace-sdk-apt.log 2>&1 || { tail -20 /tmp/armstrace-sdk-apt.log >&2; fail "apt-get install ${missing_debs[*]} failed"; }
  echo "sdk: installed in $((SECONDS - apt_started))s"
  r_ready || fail "R packages still missing after apt-get: ${R_PACKAGES[*]}"
fi
PANDAS_PYTHON=$(pandas_python) || fail "no python3 with pandas, even after apt-get install python3-pandas"
MVN=("$ROOT/mvnw" -B -ntp -q)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/armstrace-sdk.XXXXXX")
GEN=$WORK/gen
LOGS=$WORK/logs
mkdir -p "$GEN" "$LOGS" "$WORK/data"
SERVICE_PID=

# ---- the service ----------------------------------------------------------------------------------
# The postmaster of our data folder (the embedded PostgreSQL runs in a session of its own).
service_postgres() {
  ps -eo pid=,args= | awk -v d=" -D $WORK/data/" 'index($0, d) && $2 ~ /\/postgres$/ { print $1 }'
}
stop_service() {
  [ -n "$SERVICE_PID" ] || return 0
  local pg
  if kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill -TERM "$SERVICE_PID" 2>/dev/null || true          # graceful: stops the embedded PostgreSQL too
    for _ in $(seq 1 100); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 0.2; done
  fi
  if kill -0 "$SERVICE_PID" 2>/dev/null; then
    echo "sdk: the service did not stop within 20s; killing it" >&2
    kill -KILL -- "-$SERVICE_PID" 2>/dev/null || kill -KILL "$SERVICE_PID" 2>/dev/null || true
  fi
  wait "$SERVICE_PID" 2>/dev/null || true
  SERVICE_PID=
  pg=$(service_postgres)
  if [ -n "$pg" ]; then                                    # left behind by a killed service
    kill -INT $pg 2>/dev/null || true                      # PostgreSQL's fast shutdown
    for _ in $(seq 1 50); do [ -z "$(service_postgres)" ] && break; sleep 0.2; done
  fi
}
cleanup() {
  local rc=$?
  stop_service
  if [ "${KEEP_SDK_TMP:-0}" = 1 ] || [ "$rc" -ne 0 ]; then
    echo "sdk: generated clients and logs kept in $WORK" >&2
  else
    rm -rf "$WORK"
  fi
  rm -rf "$WORK/data"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
BASE_URL=http://127.0.0.1:$PORT
# the README's curation examples need a first admin token
ADMIN_TOKEN=$(python3 -c 'import secrets; print(secrets.token_hex(24))')
set -m   # the service gets a process group of its own (for the KILL fallback in stop_service)
ARMSTRACE_BOOTSTRAP_ADMIN_TOKEN=$ADMIN_TOKEN "$JAVA_HOME/bin/java" -Darmstrace.data-dir="$WORK/data" -Dquarkus.http.port="$PORT" \
  -Dquarkus.http.host=127.0.0.1 -jar "$JAR" >"$LOGS/service.log" 2>&1 </dev/null &
SERVICE_PID=$!
set +m

# ---- 1. generate the clients (while the service starts) ---------------------------------------
if ! timeout "$GENERATE_TIMEOUT" "${MVN[@]}" -f "$SDK_DIR/pom.xml" generate-sources \
     -Dsdk.spec="$SPEC" -Dsdk.out="$GEN" >"$LOGS/generate.log" 2>&1; then
  grep -E 'ERROR|Exception|attribute|is missing|is unexpected|should' "$LOGS/generate.log" | head -40 >&2 || true
  fail "generation from $SPEC failed (spec validation or generator error; full log: $LOGS/generate.log)"
fi
echo "sdk: clients generated from ${SPEC#"$ROOT"/} with OpenAPI Generator $(cat "$GEN/java/.openapi-generator/VERSION")"

# ---- 2. clean names -------------------------------------------------------------------------------
# Every generated model must come from a schema of components/schemas, under its own name: no
# escaped names (ModelCase), no names made up for inline schemas (InlineResponse200, InlineObject,
# GetFoo200Response, FooOneOf, Foo_1, ...).
NAMES_OK=1
schema_names=$(awk '
  /^components:/ { in_c = 1; next }
  in_c && /^  schemas:/ { in_s = 1; next }
  in_s && /^  [^ ]/ { exit }
  in_s && match($0, /^    [A-Za-z0-9_.-]+:/) { n = substr($0, 5, RLENGTH - 5); gsub(/["\047]/, "", n); print n }
' "$SPEC")
[ -n "$schema_names" ] || fail "no components/schemas found in $SPEC"
norm() { tr -d '_.-' | tr '[:upper:]' '[:lower:]'; }
declared=$(echo "$schema_names" | norm | sort -u)
{
  find "$GEN/java/src/main/java" -path '*/model/*.java' ! -name AbstractOpenApiSchema.java -printf 'java %f\n'
  find "$GEN/python/armstrace_client/models" -name '*.py' ! -name __init__.py -printf 'python %f\n'
  find "$GEN/typescript/src/models" -name '*.ts' ! -name index.ts -printf 'typescript %f\n'
  find "$GEN/r/R" -name '*.R' ! -name '*_api.R' ! -name api_client.R ! -name api_response.R ! -name api_exception.R \
    -printf 'r %f\n'
} | sed 's/\.[A-Za-z]*$//' >"$WORK/models.txt"
bad_names=$(grep -E '(^| )(Model[A-Z]|model_)|Inline(Response|Object)|inline_(response|object)|[0-9]{3}_?[Rr]esponse|OneOf|AnyOf|AllOf|one_of|any_of|all_of|_[0-9]+$' "$WORK/models.txt" || true)
while read -r lang name; do
  if ! grep -qxF "$lang $name" <<<"$bad_names" && ! grep -qxF "$(echo "$name" | norm)" <<<"$declared"; then
    bad_names+=$'\n'"$lang $name (not a components/schemas name)"
  fi
done <"$WORK/models.txt"
# Class and file names anywhere in the generated sources.
bad_names+=$'\n'$(grep -rhoE '\b(ModelCase|InlineResponse[0-9]*|InlineObject[0-9]*|inline_response_?[0-9]*|inline_object[0-9]*)\b' \
  "$GEN/java/src" "$GEN/python/armstrace_client" "$GEN/typescript/src" "$GEN/r/R" | sort -u | sed 's/^/source mentions /' || true)
bad_names+=$'\n'$(find "$GEN" \( -iname '*ModelCase*' -o -iname '*inline*response*' -o -iname '*inline*object*' \) -printf 'file %P\n')
bad_names=$(echo "$bad_names" | sed '/^$/d' | sort -u)
if [ -n "$bad_names" ]; then
  NAMES_OK=0
  echo "sdk names: FAIL (auto-named or escaped models; name these schemas in components/schemas of the contract):"
  echo "$bad_names" | sed 's/^/  /'
else
  echo "sdk names: OK ($(wc -l <"$WORK/models.txt") generated models, all named after components/schemas)"
fi

# ---- 3. wait for the service ------------------------------------------------------------------------
ready=0
for _ in $(seq 1 $((READY_TIMEOUT * 2))); do
  if ! kill -0 "$SERVICE_PID" 2>/dev/null; then break; fi
  if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE_URL/q/health/ready" || true)" = 200 ]; then ready=1; break; fi
  sleep 0.5
done
if [ "$ready" != 1 ]; then
  tail -40 "$LOGS/service.log" >&2
  fail "the service did not become ready on $BASE_URL within ${READY_TIMEOUT}s"
fi
echo "sdk: service ready on $BASE_URL after $((SECONDS - STARTED))s"

# ---- 4. one smoke program per client ------------------------------------------------------------
FAILED=()
report() {  # report <client> <log>: prints the program's OK line, or FAIL with the end of its log
  local client=$1 log=$2 rc=$3
  if [ "$rc" -eq 0 ] && grep -q "^sdk $client: OK" "$log"; then
    grep "^sdk $client: OK" "$log"
  else
    echo "sdk $client: FAIL (exit $rc; log $log)"
    tail -25 "$log" | sed 's/^/  /'
    FAILED+=("$client")
  fi
}

smoke_java() {
  local cp
  timeout "$STEP_TIMEOUT" "${MVN[@]}" -f "$GEN/java/pom.xml" dependency:build-classpath \
    -Dmdep.includeScope=compile -Dmdep.outputFile="$WORK/java-classpath.txt" || return 1
  cp=$(cat "$WORK/java-classpath.txt")
  mkdir -p "$WORK/java-classes"
  { find "$GEN/java/src/main/java" -name '*.java'; echo "$SDK_DIR/java/SdkSmoke.java"; } \
    | sed 's/.*/"&"/' >"$WORK/java-sources.txt"
  javac -nowarn -Xlint:none -encoding UTF-8 -d "$WORK/java-classes" -cp "$cp" @"$WORK/java-sources.txt" || return 1
  timeout "$STEP_TIMEOUT" java -cp "$WORK/java-classes:$cp" SdkSmoke "$BASE_URL"
}

smoke_python() {
  PYTHONPATH="$GEN/python" PYTHONDONTWRITEBYTECODE=1 \
    timeout "$STEP_TIMEOUT" python3 "$SDK_DIR/python/sdk_smoke.py" "$BASE_URL"
}

smoke_typescript() {
  local ts=$WORK/ts
  mkdir -p "$ts"
  cp "$SDK_DIR/ts/package.json" "$SDK_DIR/ts/package-lock.json" "$SDK_DIR/ts/tsconfig.json" "$SDK_DIR/ts/sdk-smoke.ts" "$ts/"
  cp -r "$GEN/typescript/src" "$ts/client"
  (cd "$ts" && timeout "$STEP_TIMEOUT" npm ci --no-audit --no-fund --loglevel=error) || return 1
  (cd "$ts" && timeout "$STEP_TIMEOUT" ./node_modules/.bin/tsc -p tsconfig.json) || return 1
  timeout "$STEP_TIMEOUT" node "$ts/dist/sdk-smoke.js" "$BASE_URL"
}

smoke_r() {
  mkdir -p "$WORK/rlib"
  timeout "$STEP_TIMEOUT" R CMD INSTALL --no-docs --no-html --no-help --no-byte-compile --no-test-load \
    -l "$WORK/rlib" "$GEN/r" || return 1
  R_LIBS="$WORK/rlib" timeout "$STEP_TIMEOUT" Rscript "$SDK_DIR/r/sdk_smoke.R" "$BASE_URL"
}

for client in java python typescript r; do
  rc=0
  "smoke_$client" >"$LOGS/$client.log" 2>&1 || rc=$?
  report "$client" "$LOGS/$client.log" "$rc"
done

# ---- 5. every code example of the README, against the same service --------------------------------
readme_started=$SECONDS
if README_BASE_URL=$BASE_URL README_ADMIN_TOKEN=$ADMIN_TOKEN README_PYTHONPATH=$GEN/python README_TS_DIR=$WORK/ts \
   README_JAVA_CP="$WORK/java-classes:$(cat "$WORK/java-classpath.txt" 2>/dev/null)" README_R_LIBS=$WORK/rlib \
   README_PANDAS_PYTHON=$PANDAS_PYTHON \
   README_WORK=$WORK/readme README_STEP_TIMEOUT=$STEP_TIMEOUT bash "$ROOT/tools/readme/run.sh" >"$LOGS/readme.log" 2>&1; then
  grep -E '^readme: ' "$LOGS/readme.log" || true
else
  sed 's/^/  /' "$LOGS/readme.log" | tail -60
  FAILED+=(readme)
fi
echo "readme: $((SECONDS - readme_started))s"

stop_service
elapsed=$((SECONDS - STARTED))
[ "$NAMES_OK" = 1 ] || FAILED+=(names)
if [ "${#FAILED[@]}" -gt 0 ]; then
  echo "sdk: FAILED after ${elapsed}s (${FAILED[*]})"
  exit 1
fi
echo "sdk: all clients OK in ${elapsed}s"
