#!/usr/bin/env bash
# Runs a benchmark script of tests/ (bench_*.py) against the database qf_bench, created
# with both addons on the first run and updated on the next ones. Benchmarks print
# figures (seconds, queries, memory) and set no time limit.
#
#   scripts/bench.sh tests/bench_deadline_enforcement.py [script arguments]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ $# -ge 1 ] && [ -f "$1" ] || qf_die "Which benchmark?" "Usage: $0 tests/bench_<name>.py [arguments]"
QF_BENCH_DB=${QF_BENCH_DB:-qf_bench}
trap qf_stop_postgres EXIT
qf_setup
if qf_db_exists "$QF_BENCH_DB"; then
    # The addons as they are in the working tree, not as they were on the first run.
    qf_odoo -d "$QF_BENCH_DB" -u "$QF_ADDONS" --stop-after-init --http-port="$(qf_free_port)" \
        >"$QF_LOGS/bench-update.log" 2>&1 ||
        qf_die "Updating the addons failed, see $QF_LOGS/bench-update.log"
else
    qf_create_db "$QF_BENCH_DB"
fi
script=$1
shift
"$QF_VENV/bin/python" "$script" -c "$QF_CONF" -d "$QF_BENCH_DB" "$@"
