#!/usr/bin/env bash
# Refreshes i18n/<addon>.pot of both addons from the code and merges it into i18n/zh_CN.po:
# existing translations are kept, new terms appear with an empty msgstr (the translation
# tests fail until they are filled in), terms gone from the code are dropped.
# (Odoo's own `i18n export -l zh_CN` would blank the translations of Python terms.)
# It updates the addons in the demo database (created by scripts/run.sh) first.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

QF_DB=${QF_DB:-qf_demo}
trap qf_stop_postgres EXIT
qf_setup
qf_db_exists "$QF_DB" || qf_die "The database $QF_DB does not exist." "Create it first: scripts/run.sh"
qf_odoo -d "$QF_DB" -u "$QF_ADDONS" --stop-after-init --http-port="$(qf_free_port)" >"$QF_LOGS/i18n-update.log" 2>&1 ||
    qf_die "Updating the addons failed, see $QF_LOGS/i18n-update.log"
"$QF_VENV/bin/python" "$ODOO_SRC/odoo-bin" i18n export -c "$QF_CONF" -d "$QF_DB" -l pot -- \
    quality_feedback quality_feedback_returns
for addon in quality_feedback quality_feedback_returns; do
    "$QF_VENV/bin/python" - "$QF_ROOT/$addon/i18n" "$addon" <<'PY'
import sys
from pathlib import Path

import polib

folder, addon = Path(sys.argv[1]), sys.argv[2]
catalog = polib.pofile(str(folder / "zh_CN.po"))
catalog.merge(polib.pofile(str(folder / f"{addon}.pot")))
catalog[:] = [entry for entry in catalog if not entry.obsolete]
catalog.save(str(folder / "zh_CN.po"))
untranslated = [entry.msgid for entry in catalog if not entry.msgstr]
print(f"{addon}: {len(catalog)} terms, {len(untranslated)} to translate")
for msgid in untranslated:
    print("   ", repr(msgid))
PY
done
