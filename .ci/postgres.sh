#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages if it is missing, starts a cluster listening on
# 127.0.0.1 only, creates the test user and database, and prints the export lines that enable the
# registry's PostgreSQL tests:   eval "$(bash .ci/postgres.sh)"
# Everything but the export lines goes to stderr. Idempotent: a second run changes nothing.
set -euo pipefail

PG_PORT="${BAIHUA_PG_PORT:-5432}"
PG_USER="${BAIHUA_PG_USER:-baihua}"
PG_PASSWORD="${BAIHUA_PG_PASSWORD:-baihua}"
PG_DB="${BAIHUA_PG_DB:-baihua_test}"

log() { echo "postgres.sh: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    log "installing PostgreSQL from Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
fi

PG_VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk '{print $1 " " $2}' | grep -qx "$PG_VERSION main"; then
    log "creating cluster $PG_VERSION/main"
    pg_createcluster "$PG_VERSION" main >&2
fi
# A drop-in (Debian's postgresql.conf includes conf.d/) keeps the packaged file untouched.
CONF_DIR="/etc/postgresql/$PG_VERSION/main/conf.d"
mkdir -p "$CONF_DIR"
printf "listen_addresses = '127.0.0.1'\nport = %s\n" "$PG_PORT" > "$CONF_DIR/baihua.conf"

if ! pg_ctlcluster "$PG_VERSION" main status >/dev/null 2>&1; then
    log "starting cluster $PG_VERSION/main on 127.0.0.1:$PG_PORT"
    pg_ctlcluster "$PG_VERSION" main start >&2
fi
for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && break
    sleep 1
done
pg_isready -h 127.0.0.1 -p "$PG_PORT" >&2

admin() { runuser -u postgres -- psql -q -X -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@"; }
if [ "$(admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'")" != "1" ]; then
    admin -c "CREATE ROLE \"$PG_USER\" LOGIN PASSWORD '$PG_PASSWORD'" >&2
fi
if [ "$(admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != "1" ]; then
    admin -c "CREATE DATABASE \"$PG_DB\" OWNER \"$PG_USER\"" >&2
fi
log "PostgreSQL $PG_VERSION ready: database $PG_DB, user $PG_USER on 127.0.0.1:$PG_PORT"

echo "export BAIHUA_TEST_PG_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/$PG_DB"
echo "export BAIHUA_TEST_PG_USER=$PG_USER"
echo "export BAIHUA_TEST_PG_PASSWORD=$PG_PASSWORD"
