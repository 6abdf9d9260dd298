#!/usr/bin/env bash
# Start a local PostgreSQL for the ledger tests and print its SQLAlchemy URL.
#
# Run as root (CI and the dev machines are root). Idempotent: installs the
# server only when missing, starts the cluster only when down, creates the
# role and database only when absent.
#
#   export POWTRACK_TEST_PG="$(bash scripts/postgres.sh)"
#   .venv/bin/pytest tests/test_store.py
set -euo pipefail

ROLE=powtrack
PASSWORD=powtrack
DB=powtrack_test
PORT=5432

log() { echo "postgres.sh: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    log "installing postgresql from apt"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
fi

# The newest installed server version with a cluster.
VERSION="$(ls /etc/postgresql | sort -n | tail -1)"
if [ -z "$VERSION" ]; then
    VERSION="$(ls /usr/lib/postgresql | sort -n | tail -1)"
    log "creating cluster $VERSION main"
    pg_createcluster "$VERSION" main >&2
fi

if ! pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
    log "starting cluster $VERSION main"
    pg_ctlcluster "$VERSION" main start >&2
fi

# Wait until it accepts connections.
for _ in $(seq 1 30); do
    if su postgres -c "psql -p $PORT -tAc 'select 1'" >/dev/null 2>&1; then
        break
    fi
    sleep 1
done

psql_as_postgres() { su postgres -c "psql -p $PORT -v ON_ERROR_STOP=1 -tAc \"$1\""; }

if [ "$(psql_as_postgres "select 1 from pg_roles where rolname = '$ROLE'")" != "1" ]; then
    log "creating role $ROLE"
    psql_as_postgres "create role $ROLE login password '$PASSWORD'" >/dev/null
fi
if [ "$(psql_as_postgres "select 1 from pg_database where datname = '$DB'")" != "1" ]; then
    log "creating database $DB"
    psql_as_postgres "create database $DB owner $ROLE" >/dev/null
fi

echo "postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
