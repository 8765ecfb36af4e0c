#!/usr/bin/env bash
# Command 2: set everything up if needed, create a fresh database with both addons, run
# ruff + pylint-odoo, then all tests of both addons, browser tours included, with pytest-odoo.
# Exits non-zero on any failure; stops the throwaway PostgreSQL even then.
#
# Configuration: see scripts/lib.sh, plus
#   QF_TEST_DB   name of the test database (default: qf_test_<timestamp>; must not exist)
#   QF_KEEP_DB=1 keep the test database after a successful run (it is always kept on failure)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

QF_TEST_DB=${QF_TEST_DB:-qf_test_$(date +%Y%m%d_%H%M%S)}
failed=()
db_created=0

finish() {
    local rc=$?
    if [ "$db_created" = 1 ]; then
        if [ ${#failed[@]} -eq 0 ] && [ "$rc" = 0 ] && [ "${QF_KEEP_DB:-0}" != 1 ]; then
            qf_dropdb "$QF_TEST_DB" || true
        else
            qf_say "Kept the test database $QF_TEST_DB for inspection"
        fi
    fi
    qf_stop_postgres
}
trap finish EXIT

qf_setup required
cd "$QF_ROOT"
addons=(quality_feedback quality_feedback_returns)

qf_say "Lint: ruff"
"$QF_VENV/bin/ruff" check . && "$QF_VENV/bin/ruff" format --check . || failed+=(ruff)
qf_say "Lint: pylint-odoo"
"$QF_VENV/bin/pylint" --rcfile=setup.cfg "${addons[@]}" || failed+=(pylint-odoo)

qf_db_exists "$QF_TEST_DB" && qf_die "The test database $QF_TEST_DB already exists." \
    "Drop it:   PGHOST=$PGHOST PGPORT=$PGPORT PGUSER=$PGUSER $(qf_pg_bin)/dropdb $QF_TEST_DB" \
    "or leave QF_TEST_DB unset to get a new name."
db_created=1
qf_create_db "$QF_TEST_DB"

qf_say "Tests: pytest-odoo (browser tours included) on $QF_TEST_DB"
"$QF_VENV/bin/pytest" --odoo-config="$QF_CONF" --odoo-database="$QF_TEST_DB" \
    "${addons[@]}" || failed+=(pytest)

if [ ${#failed[@]} -ne 0 ]; then
    qf_die "Failed: ${failed[*]}"
fi
qf_say "All green: ruff, pylint-odoo and every test passed"
