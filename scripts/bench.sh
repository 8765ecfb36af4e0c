#!/usr/bin/env bash
# Runs a benchmark script of tests/ (bench_*.py) against the database qf_bench, created
# with both addons on the first run. Benchmarks print figures; they assert nothing.
#
#   scripts/bench.sh tests/bench_deadline_enforcement.py [script arguments]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ $# -ge 1 ] && [ -f "$1" ] || qf_die "Which benchmark?" "Usage: $0 tests/bench_<name>.py [arguments]"
QF_BENCH_DB=${QF_BENCH_DB:-qf_bench}
trap qf_stop_postgres EXIT
qf_setup
qf_db_exists "$QF_BENCH_DB" || qf_create_db "$QF_BENCH_DB"
script=$1
shift
"$QF_VENV/bin/python" "$script" -c "$QF_CONF" -d "$QF_BENCH_DB" "$@"
