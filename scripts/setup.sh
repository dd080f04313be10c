#!/usr/bin/env bash
# Idempotent preparation for tests, the demo and benchmarks: Node.js 24, node_modules, Kafka jars, a Redis binary,
# and, with --tests, Chromium for the browser test of the reconciler's /live page and Apicurio Registry
# (a Confluent-compatible schema registry) for the registry tests.
# Starts nothing long-running; when everything is present it only checks timestamps and files.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Node.js 24 first on PATH (the system one, or a private copy fetched once from the npm registry).
# shellcheck source=scripts/node-env.sh
source scripts/node-env.sh
ROOT="$PWD"

log() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

# (a) Node dependencies: install when missing or when the lock file changed since the last install.
ensure_node_modules() {
  if [[ -f package-lock.json ]]; then
    if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
      log "installing node modules (npm ci, $(node --version))"
      npm ci --no-audit --no-fund
    fi
  elif [[ ! -d node_modules ]]; then
    log "installing node modules (npm install, no lock file)"
    npm install --no-audit --no-fund
  fi
}

# (b) Kafka broker jars from Maven Central; the marker is written last so an interrupted download is retried.
KAFKA_LIB="$ROOT/.cache/kafka/lib"
KAFKA_MARKER="$ROOT/.cache/kafka/.complete"
ensure_kafka_jars() {
  if [[ -f "$KAFKA_MARKER" && "$KAFKA_MARKER" -nt scripts/kafka/pom.xml ]]; then
    return 0
  fi
  command -v java >/dev/null 2>&1 || die "java (17+) is required to run the local Kafka broker; install a JDK (e.g. apt-get install -y openjdk-17-jre-headless)"
  command -v mvn >/dev/null 2>&1 || die "maven is required once to download the Kafka jars; install it (e.g. apt-get install -y maven)"
  log "one-time download: Apache Kafka 3.9 broker jars (about 45 MB) from Maven Central into .cache/kafka/lib, usually under a minute"
  # Class-data-sharing archives (see libs/local-stack) are tied to the jars, so they go too.
  rm -rf "$KAFKA_LIB" "$KAFKA_MARKER" "$ROOT/.cache/kafka/cds"
  mkdir -p "$KAFKA_LIB"
  # Maven's output is kept in a file and shown only on failure (quiet mode still emits colour codes).
  local mvn_log="$ROOT/.cache/kafka/maven.log"
  if ! mvn -q -B -Dstyle.color=never -f scripts/kafka/pom.xml dependency:copy-dependencies \
      -DoutputDirectory="$KAFKA_LIB" >"$mvn_log" 2>&1; then
    cat "$mvn_log" >&2
    die "maven could not download the Kafka jars (is Maven Central reachable?)"
  fi
  compgen -G "$KAFKA_LIB/kafka_2.13-*.jar" >/dev/null || die "kafka_2.13 jar missing after download"
  date -u +%FT%TZ >"$KAFKA_MARKER"
  log "Kafka jars ready: $(find "$KAFKA_LIB" -name '*.jar' | wc -l | tr -d ' ') jars, $(du -sh "$KAFKA_LIB" | cut -f1)"
}

# True when something accepts TCP connections on host:port (bash /dev/tcp, no client needed).
port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

# (c) Redis: an external REDIS_URL, a server already on 6379, or a redis-server binary the tests can spawn.
ensure_redis() {
  [[ -n "${REDIS_URL:-}" ]] && return 0
  port_open 127.0.0.1 6379 && return 0
  command -v redis-server >/dev/null 2>&1 && return 0
  if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
    log "installing redis-server (apt-get)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null; } \
      || die "apt-get could not install redis-server"
    return 0
  fi
  die "no Redis on 127.0.0.1:6379 and no redis-server binary: install Redis (e.g. sudo apt-get install redis-server) or set REDIS_URL"
}

# (d) Chromium for test/live-page.test.ts (driven by playwright-core): Debian's package, never a Playwright
# browser download. CHROMIUM_PATH names another executable instead of /usr/bin/chromium.
ensure_chromium() {
  local browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [[ -x "$browser" ]] && return 0
  [[ -n "${CHROMIUM_PATH:-}" ]] && die "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable"
  if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
    log "installing chromium (apt-get, about 100 MB with its libraries)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium >/dev/null \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium >/dev/null; } \
      || die "apt-get could not install chromium"
    [[ -x "$browser" ]] || die "chromium installed, but $browser is missing"
    return 0
  fi
  die "no Chromium at $browser (the /live page test drives it): install Debian's package (sudo apt-get install chromium) or set CHROMIUM_PATH"
}

# (e) Apicurio Registry (a Confluent-compatible schema registry) for the registry tests, from Maven
# Central like the Kafka jars; it needs Java 21+, found in JAVA_HOME, on PATH or under /usr/lib/jvm.
# The launcher reads .cache/schema-registry/launch.json (the java and the jar to run).
REGISTRY_VERSION="3.3.3"
REGISTRY_DIR="$ROOT/.cache/schema-registry"
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1; }
find_java21() {
  local candidate major
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java 2>/dev/null)" /usr/lib/jvm/*/bin/java; do
    [[ -n "$candidate" && -x "$candidate" ]] || continue
    major="$(java_major "$candidate")"
    [[ -n "$major" && "$major" -ge 21 ]] && { printf '%s\n' "$candidate"; return 0; }
  done
  return 1
}
ensure_schema_registry() {
  local java
  java="$(find_java21)" || die "the schema-registry tests run Apicurio Registry $REGISTRY_VERSION, which needs Java 21 or newer: install one (e.g. Temurin 21 or 25) and set JAVA_HOME, or point SCHEMA_REGISTRY_TEST_URL at a running Confluent-compatible registry"
  local launch="$REGISTRY_DIR/launch.json"
  if [[ -f "$launch" ]] && grep -q "\"version\": \"$REGISTRY_VERSION\"" "$launch" && grep -qF "\"java\": \"$java\"" "$launch" \
      && [[ -f "$REGISTRY_DIR/app/quarkus-run.jar" ]]; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "maven is required once to download Apicurio Registry; install it (e.g. apt-get install -y maven)"
  log "one-time download: Apicurio Registry $REGISTRY_VERSION (about 160 MB) from Maven Central into .cache/schema-registry"
  rm -rf "$REGISTRY_DIR"
  mkdir -p "$REGISTRY_DIR/app"
  local mvn_log="$REGISTRY_DIR/maven.log"
  if ! mvn -q -B -Dstyle.color=never dependency:copy \
      -Dartifact="io.apicurio:apicurio-registry-app:$REGISTRY_VERSION:tar.gz:all" \
      -DoutputDirectory="$REGISTRY_DIR" >"$mvn_log" 2>&1; then
    cat "$mvn_log" >&2
    die "maven could not download Apicurio Registry (is Maven Central reachable?)"
  fi
  tar -xzf "$REGISTRY_DIR/apicurio-registry-app-$REGISTRY_VERSION-all.tar.gz" -C "$REGISTRY_DIR/app"
  rm -f "$REGISTRY_DIR/apicurio-registry-app-$REGISTRY_VERSION-all.tar.gz"
  [[ -f "$REGISTRY_DIR/app/quarkus-run.jar" ]] || die "quarkus-run.jar missing after unpacking Apicurio Registry"
  printf '{ "version": "%s", "java": "%s", "jar": "app/quarkus-run.jar" }\n' "$REGISTRY_VERSION" "$java" >"$launch"
  log "Apicurio Registry ready ($(du -sh "$REGISTRY_DIR/app" | cut -f1), runs on $java)"
}

ensure_node_modules
# External brokers (KAFKA_BROKERS) make the jars unnecessary.
[[ -n "${KAFKA_BROKERS:-}" ]] || ensure_kafka_jars
ensure_redis
# Only the tests need a browser: `setup.sh --tests` (npm test) brings it, the demo and bench do not.
[[ "${1:-}" != "--tests" ]] || ensure_chromium
# And a schema registry, unless the tests are pointed at one that runs already.
[[ "${1:-}" != "--tests" || -n "${SCHEMA_REGISTRY_TEST_URL:-}" ]] || ensure_schema_registry
