#!/usr/bin/env bash
# Command 1: set everything up if needed, create the demo database, serve Odoo.
#
#   scripts/run.sh            serve the demo database (created on the first run)
#   scripts/run.sh --update   also update both addons in it first (after changing their code)
#
# Configuration: see scripts/lib.sh, plus
#   QF_DB         name of the demo database (default: qf_demo)
#   QF_HTTP_PORT  port Odoo listens on      (default: 8069)
#   QF_LANGUAGES  languages of a new database (default: en_US,zh_CN; en_US alone gives the
#                 English demo, see README "Demo data")
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

QF_DB=${QF_DB:-qf_demo}
QF_HTTP_PORT=${QF_HTTP_PORT:-8069}
update=()
case "${1:-}" in
    --update) update=(-u "$QF_ADDONS") ;;
    "") ;;
    *) qf_die "Unknown option $1." "Usage: $0 [--update]" ;;
esac

qf_port_in_use "$QF_HTTP_PORT" && qf_die "Port $QF_HTTP_PORT is already in use (another Odoo?)." \
    "Stop what listens there, or choose another port: QF_HTTP_PORT=8070 $0"

trap qf_stop_postgres EXIT
qf_setup

if qf_db_exists "$QF_DB"; then
    installed=$("$QF_VENV/bin/python" - "$QF_DB" <<'EOF'
import sys, psycopg2
try:
    with psycopg2.connect(dbname=sys.argv[1]) as conn, conn.cursor() as cr:
        cr.execute("SELECT count(*) FROM ir_module_module WHERE state = 'installed' AND name IN ('quality_feedback', 'quality_feedback_returns')")
        print(cr.fetchone()[0])
except psycopg2.Error:
    print(0)
EOF
)
    [ "$installed" = 2 ] || qf_die "The database $QF_DB already exists but does not have both addons installed." \
        "Drop it:   PGHOST=$PGHOST PGPORT=$PGPORT PGUSER=$PGUSER $(qf_pg_bin)/dropdb $QF_DB" \
        "or use another name: QF_DB=qf_demo2 $0"
    qf_say "Database $QF_DB already has both addons installed"
else
    qf_create_db "$QF_DB" "${QF_LANGUAGES:-en_US,zh_CN}"
fi

qf_say "Odoo is starting: open http://localhost:$QF_HTTP_PORT and log in as admin / admin (Ctrl-C stops it)"
qf_odoo -d "$QF_DB" --db-filter="^$QF_DB\$" --http-port="$QF_HTTP_PORT" "${update[@]}"
