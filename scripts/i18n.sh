#!/usr/bin/env bash
# Refreshes i18n/<addon>.pot and i18n/zh_CN.po of both addons from the code: updates the addons
# in the demo database (created by scripts/run.sh), then exports. New terms appear in zh_CN.po
# with an empty msgstr; the translation tests fail until they are filled in.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

QF_DB=${QF_DB:-qf_demo}
trap qf_stop_postgres EXIT
qf_setup
qf_db_exists "$QF_DB" || qf_die "The database $QF_DB does not exist." "Create it first: scripts/run.sh"
qf_odoo -d "$QF_DB" -u "$QF_ADDONS" --stop-after-init --http-port="$(qf_free_port)" >"$QF_LOGS/i18n-update.log" 2>&1 ||
    qf_die "Updating the addons failed, see $QF_LOGS/i18n-update.log"
"$QF_VENV/bin/python" "$ODOO_SRC/odoo-bin" i18n export -c "$QF_CONF" -d "$QF_DB" -l pot zh_CN -- \
    quality_feedback quality_feedback_returns
