#!/usr/bin/env bash
# Makes sure a PostgreSQL server is running on 127.0.0.1 for the tests, and
# prints its admin URL. Installs Debian's PostgreSQL when it is missing
# (scripts/setup.sh).
# Uses TEST_PG_PORT (default 5432).
set -euo pipefail
port="${TEST_PG_PORT:-5432}"
password="supervision-tests"

bash "$(dirname "$0")/setup.sh" postgres

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  pg_createcluster "$version" main -p "$port" >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  # Installing the package made a cluster on 5432; a run asked for another
  # port (TEST_PG_PORT) gets it before the server starts.
  pg_conftool "$version" main set port "$port"
  pg_ctlcluster "$version" main start
fi
actual_port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')

# Password sign-in over TCP on loopback only, as the application connects.
su postgres -c "psql -q -p $actual_port -c \"ALTER USER postgres PASSWORD '$password'\"" >/dev/null
# Leftovers from earlier runs on this machine. Each name carries the id of
# the test process that made it (test_<pid>_<n>, template_<pid>): a run still
# going keeps its databases, so a second suite may start beside it.
su postgres -c "psql -At -p $actual_port -c \"SELECT datname FROM pg_database WHERE datname LIKE 'test\\_%' OR datname LIKE 'template\\_%'\"" \
  | while read -r db; do
      pid="${db#*_}"; pid="${pid%%_*}"
      if [[ "$pid" =~ ^[0-9]+$ ]] && [[ -d "/proc/$pid" ]]; then continue; fi
      su postgres -c "psql -q -p $actual_port -c 'DROP DATABASE IF EXISTS \"$db\"'" >/dev/null
    done

echo "postgres://postgres:${password}@127.0.0.1:${actual_port}/postgres"
