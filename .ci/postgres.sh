#!/usr/bin/env bash
# Brings up the PostgreSQL the engine's tests use, on a Debian/Ubuntu machine (run as root). Idempotent: it installs
# the `postgresql` package only when pg_ctlcluster is missing, starts the cluster only when it is down, and creates the
# role cdphub (password cdphub, CREATEDB) and the database cdphub_test only when they are missing.
#
# core/engine runs it before its tests (exec-maven-plugin, phase process-test-classes; skipped with -DskipTests).
# To test against another PostgreSQL instead, set CDPHUB_TEST_PG_URL (and CDPHUB_TEST_PG_USER/_PASSWORD) or pass
# -Dcdphub.test.pg.url=...: this script then does nothing.
set -euo pipefail

role=cdphub
password=cdphub
database=cdphub_test
port=5432

say() { echo "[postgres.sh] $*"; }

override="${1:-}"
if [ -z "$override" ]; then override="${CDPHUB_TEST_PG_URL:-}"; fi
if [ -n "$override" ]; then
  say "tests use $override: not touching a local PostgreSQL"
  exit 0
fi

reachable() {
  command -v psql >/dev/null 2>&1 && PGPASSWORD="$password" PGCONNECT_TIMEOUT=3 \
    psql -h 127.0.0.1 -p "$port" -U "$role" -d "$database" -tAqc 'select 1' >/dev/null 2>&1
}

if reachable; then
  say "PostgreSQL on 127.0.0.1:$port with database $database is ready"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  say "PostgreSQL is not reachable as $role@127.0.0.1:$port/$database, and setting it up needs root."
  say "Run 'sudo .ci/postgres.sh', or point the tests at a PostgreSQL of yours with CDPHUB_TEST_PG_URL,"
  say "CDPHUB_TEST_PG_USER and CDPHUB_TEST_PG_PASSWORD (the user needs CREATE on the database)."
  exit 1
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  say "installing PostgreSQL (apt-get install -y postgresql)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q postgresql
fi

cd /  # psql run as postgres must be able to read the working directory

# The cluster on $port: from pg_lsclusters (version cluster port status ...); if there is none, the newest installed
# server version gets a cluster "main".
read -r version cluster status < <(pg_lsclusters -h | awk -v p="$port" '$3 == p { print $1, $2, $4; exit }') || true
if [ -z "${version:-}" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  cluster=main
  say "creating cluster $version/$cluster on port $port"
  pg_createcluster --port "$port" "$version" "$cluster"
  status=down
fi
if [ "$status" != "online" ]; then
  say "starting cluster $version/$cluster (pg_ctlcluster $version $cluster start)"
  pg_ctlcluster "$version" "$cluster" start
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p "$port"

sql() { runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -tAqc "$1"; }
if [ "$(sql "select 1 from pg_roles where rolname = '$role'")" != "1" ]; then
  say "creating role $role"
  sql "create role $role login createdb password '$password'"
fi
if [ "$(sql "select 1 from pg_database where datname = '$database'")" != "1" ]; then
  say "creating database $database"
  sql "create database $database owner $role"
fi

if reachable; then
  say "PostgreSQL $version on 127.0.0.1:$port with database $database is ready"
else
  say "PostgreSQL $version is running, but $role@127.0.0.1:$port/$database does not answer (see pg_hba.conf)"
  exit 1
fi
