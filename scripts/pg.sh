#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite: unix socket only (no TCP), in DIR.
#   bash scripts/pg.sh start DIR   installs Debian's server if missing, starts it, prints the URL
#   bash scripts/pg.sh stop DIR    stops it and removes DIR
# ALLEGIANCE_PG_OPTIONS adds server settings at start (the benchmarks use
# "-c shared_buffers=512MB"; the tests run with the server's defaults).
set -euo pipefail
cmd=${1:?start or stop}
dir=${2:?directory}
find_bin() {
  for b in /usr/lib/postgresql/*/bin; do [ -x "$b/initdb" ] && { echo "$b"; return; }; done
}
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    bin=$(find_bin || true)
    if [ -z "$bin" ]; then
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
      bin=$(find_bin)
    fi
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    run_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --locale=C -E UTF8 >/dev/null
    run_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
      -o "-k $dir -c listen_addresses='' -c fsync=off -c full_page_writes=off ${ALLEGIANCE_PG_OPTIONS:-}" start >/dev/null
    echo "postgresql:///postgres?host=$dir&user=postgres"
    ;;
  stop)
    bin=$(find_bin)
    run_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *) echo "usage: pg.sh start|stop DIR" >&2; exit 2 ;;
esac
