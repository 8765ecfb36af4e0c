# shellcheck shell=bash
# Shared set-up for scripts/run.sh and scripts/test.sh: Python 3.12 virtualenv, Odoo source,
# PostgreSQL (configured server or throwaway cluster), system packages, Odoo configuration file.
# Every step is idempotent: what is already done is skipped.
#
# Configuration (environment variables, all optional):
#   ODOO_SRC        Odoo 19.0 source tree             (default: $HOME/odoo-19.0)
#   QF_DOWNLOAD_ODOO=1  download the official 19.0 archive into $ODOO_SRC when it is missing
#   QF_PYTHON       Python 3.12 interpreter           (default: python3.12 on PATH, then pyenv)
#   QF_WORKDIR      working folder (ignored by git)   (default: <project>/.work)
#   PGHOST/PGPORT/PGUSER/PGPASSWORD  use this PostgreSQL server instead of a throwaway cluster
#   QF_PG_PORT      port of the throwaway cluster     (default: 54329)
#   QF_PG_BIN       directory holding initdb/pg_ctl   (default: `pg_config --bindir`)

set -euo pipefail

QF_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
QF_WORK=${QF_WORKDIR:-$QF_ROOT/.work}
QF_VENV=$QF_WORK/venv
QF_LOGS=$QF_WORK/logs
QF_CONF=$QF_WORK/odoo.conf
QF_ADDONS="quality_feedback,quality_feedback_returns"
ODOO_SRC=${ODOO_SRC:-$HOME/odoo-19.0}
QF_ODOO_ARCHIVE_URL="https://github.com/odoo/odoo/archive/refs/heads/19.0.tar.gz"
QF_PG_STARTED=0

qf_say() { printf '\033[1;34m[qf]\033[0m %s\n' "$*" >&2; }
qf_die() {
    printf '\033[1;31m[qf] ERROR:\033[0m %s\n' "$1" >&2
    shift
    local line
    for line in "$@"; do printf '       %s\n' "$line" >&2; done
    exit 1
}

# True when something listens on 127.0.0.1:$1.
qf_port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- Python 3.12 ---------------------------------------------------------------------------
qf_find_python() {
    local candidate
    for candidate in "${QF_PYTHON:-}" "$(command -v python3.12 || true)" \
        "$(pyenv prefix 3.12 2>/dev/null | head -n1)/bin/python3.12" \
        "$HOME"/.pyenv/versions/3.12*/bin/python3.12; do
        [ -n "$candidate" ] && [ -x "$candidate" ] || continue
        if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    qf_die "Python 3.12 was not found (looked at \$QF_PYTHON, python3.12 on PATH, pyenv)." \
        "Install it, e.g. 'pyenv install 3.12' or 'apt-get install -y python3.12 python3.12-venv'," \
        "or point QF_PYTHON at a Python 3.12 interpreter: QF_PYTHON=/path/to/python3.12"
}

# --- Odoo source ---------------------------------------------------------------------------
qf_is_odoo19() { [ -f "$1/odoo/release.py" ] && [ -d "$1/addons" ] && grep -q "^version_info = (19, 0" "$1/odoo/release.py"; }

qf_find_odoo_src() {
    if qf_is_odoo19 "$ODOO_SRC"; then
        return 0
    fi
    if [ "${QF_DOWNLOAD_ODOO:-0}" = 1 ] && [ ! -e "$ODOO_SRC" ]; then
        qf_say "Downloading the official Odoo 19.0 source into $ODOO_SRC"
        mkdir -p "$ODOO_SRC"
        if curl -fSL --connect-timeout 20 "$QF_ODOO_ARCHIVE_URL" | tar -xz -C "$ODOO_SRC" --strip-components=1 \
            && qf_is_odoo19 "$ODOO_SRC"; then
            return 0
        fi
        rm -rf "$ODOO_SRC"
        qf_say "The download of $QF_ODOO_ARCHIVE_URL failed."
    fi
    qf_die "No Odoo 19.0 source found at $ODOO_SRC (looked for odoo/release.py with version 19.0 and addons/)." \
        "Put an Odoo 19.0 source tree there, or set ODOO_SRC to where it is, e.g.:" \
        "    ODOO_SRC=/path/to/odoo-19.0 $0" \
        "With internet access you can let the setup download the official archive:" \
        "    QF_DOWNLOAD_ODOO=1 $0"
}

# --- Virtualenv ----------------------------------------------------------------------------
# Rebuilt only when the interpreter, the Odoo source or one of the requirement files changes.
qf_setup_venv() {
    local python stamp
    python=$(qf_find_python)
    qf_find_odoo_src
    stamp=$(cat "$QF_ROOT/requirements.txt" "$ODOO_SRC/requirements.txt" | cksum)
    stamp="$python $ODOO_SRC $stamp"
    if [ -f "$QF_VENV/.qf-stamp" ] && [ "$(cat "$QF_VENV/.qf-stamp")" = "$stamp" ]; then
        return 0
    fi
    mkdir -p "$QF_WORK" "$QF_LOGS"
    qf_say "Creating the virtualenv $QF_VENV with $python (log: $QF_LOGS/pip.log)"
    rm -rf "$QF_VENV"
    "$python" -m venv "$QF_VENV"
    # python-ldap (auth_ldap only) needs LDAP headers; no addon of this project uses it.
    grep -v -i '^python-ldap' "$ODOO_SRC/requirements.txt" >"$QF_WORK/odoo-requirements.txt"
    {
        "$QF_VENV/bin/pip" install -r "$QF_WORK/odoo-requirements.txt" &&
            "$QF_VENV/bin/pip" install --no-deps -e "$ODOO_SRC" &&
            "$QF_VENV/bin/pip" install -r "$QF_ROOT/requirements.txt"
    } >"$QF_LOGS/pip.log" 2>&1 || {
        tail -n 30 "$QF_LOGS/pip.log" >&2
        qf_die "Installing the Python packages failed; the end of $QF_LOGS/pip.log is above."
    }
    echo "$stamp" >"$QF_VENV/.qf-stamp"
}

# --- System packages -----------------------------------------------------------------------
# Chromium runs the browser tours; wkhtmltopdf + a CJK font print the PDF reports in Chinese;
# pdftotext (poppler-utils) lets the tests read them.
qf_system_packages() {
    local missing=()
    command -v chromium >/dev/null || command -v google-chrome >/dev/null || missing+=(chromium)
    command -v wkhtmltopdf >/dev/null || missing+=(wkhtmltopdf)
    command -v pdftotext >/dev/null || missing+=(poppler-utils)
    [[ "$(fc-list 2>/dev/null)" == *"Noto Sans CJK"* ]] || missing+=(fonts-noto-cjk)
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        qf_say "Installing system packages: ${missing[*]} (log: $QF_LOGS/apt.log)"
        mkdir -p "$QF_LOGS"
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } \
            >"$QF_LOGS/apt.log" 2>&1 || {
            tail -n 20 "$QF_LOGS/apt.log" >&2
            qf_die "apt-get could not install ${missing[*]}." "Install them by hand: apt-get install -y ${missing[*]}"
        }
    elif [ "${1:-}" = required ]; then
        qf_die "Missing system packages: ${missing[*]} (the browser tours and PDF tests need them)." \
            "Install them: sudo apt-get install -y ${missing[*]}"
    else
        qf_say "Missing system packages (PDF reports will not print): ${missing[*]} - sudo apt-get install -y ${missing[*]}"
    fi
}

# --- PostgreSQL ----------------------------------------------------------------------------
qf_pg_bin() {
    local dir=${QF_PG_BIN:-}
    [ -n "$dir" ] || dir=$(pg_config --bindir 2>/dev/null || true)
    if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
        dir=$(find /usr/lib/postgresql -maxdepth 3 -name initdb -path '*/bin/*' 2>/dev/null | sort -V | tail -n1 | xargs -r dirname)
    fi
    [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] || qf_die \
        "PostgreSQL server binaries (initdb, pg_ctl) were not found (looked at \$QF_PG_BIN, pg_config --bindir, /usr/lib/postgresql/*/bin)." \
        "Install them: apt-get install -y postgresql   (or set QF_PG_BIN to the directory holding initdb)," \
        "or use an existing server: PGHOST=... PGPORT=... PGUSER=... PGPASSWORD=... $0"
    echo "$dir"
}

# Runs a PostgreSQL server binary; as root, as the postgres user (initdb and postgres refuse root).
qf_as_pg() {
    if [ "$(id -u)" = 0 ]; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

# The cluster lives in $QF_WORK/pg. As root, the postgres user must reach it; when a parent
# folder is private (e.g. a clone under `mktemp -d`), the data goes to /tmp and $QF_WORK/pg links to it.
qf_pg_cluster_dir() {
    local dir=$QF_WORK/pg
    if [ "$(id -u)" = 0 ] && [ ! -e "$dir" ]; then
        mkdir -p "$QF_WORK"
        if ! runuser -u postgres -- test -x "$QF_WORK"; then
            local outside
            outside=/tmp/qf-pg-$(echo "$QF_WORK" | cksum | cut -d' ' -f1)
            mkdir -p "$outside"
            ln -s "$outside" "$dir"
        fi
    fi
    mkdir -p "$dir"
    dir=$(readlink -f "$dir")
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
    echo "$dir"
}

qf_setup_postgres() {
    if [ -n "${PGHOST:-}${PGPORT:-}${PGUSER:-}" ]; then
        export PGHOST=${PGHOST:-localhost} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-$(id -un)}
        [ "$PGUSER" != postgres ] || qf_die "Odoo refuses to connect as the PostgreSQL user 'postgres'." \
            "Create a role for Odoo (createuser --createdb odoo) and set PGUSER=odoo."
        "$QF_VENV/bin/python" - <<'EOF' || qf_die "Cannot connect to PostgreSQL at $PGHOST:$PGPORT as $PGUSER." \
            "Check PGHOST/PGPORT/PGUSER/PGPASSWORD, or unset them all to use a throwaway cluster."
import psycopg2
psycopg2.connect(dbname="postgres").close()
EOF
        qf_say "Using the PostgreSQL server $PGHOST:$PGPORT as $PGUSER"
        return 0
    fi
    local bin dir port
    bin=$(qf_pg_bin)
    dir=$(qf_pg_cluster_dir)
    port=${QF_PG_PORT:-54329}
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        qf_say "Creating a throwaway PostgreSQL cluster in $dir"
        qf_as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
            qf_die "initdb failed, see $dir/initdb.log"
    fi
    if qf_as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        port=$(sed -n 4p "$dir/data/postmaster.pid")
    else
        qf_port_in_use "$port" && qf_die "Port $port, used by the throwaway PostgreSQL cluster, is already in use." \
            "Choose a free one: QF_PG_PORT=54330 $0   (or use your server: PGHOST=... PGPORT=... PGUSER=...)"
        qf_as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
            start >/dev/null || qf_die "PostgreSQL did not start, see $dir/server.log"
        QF_PG_STARTED=1
        qf_say "Started PostgreSQL on 127.0.0.1:$port"
    fi
    export PGHOST=127.0.0.1 PGPORT=$port PGUSER=odoo
    [ "$("$bin/psql" -U postgres -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'odoo'")" = 1 ] ||
        "$bin/psql" -U postgres -d postgres -qc "CREATE ROLE odoo LOGIN SUPERUSER" >/dev/null
}

# Stops the throwaway cluster if this run started it.
qf_stop_postgres() {
    [ "$QF_PG_STARTED" = 1 ] || return 0
    qf_as_pg "$(qf_pg_bin)/pg_ctl" -D "$(readlink -f "$QF_WORK/pg")/data" -m fast -w stop >/dev/null 2>&1 || true
    QF_PG_STARTED=0
    qf_say "Stopped the throwaway PostgreSQL"
}

qf_db_exists() {
    "$QF_VENV/bin/python" - "$1" <<'EOF'
import sys, psycopg2
with psycopg2.connect(dbname="postgres") as conn, conn.cursor() as cr:
    cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [sys.argv[1]])
    sys.exit(0 if cr.fetchone() else 1)
EOF
}

qf_dropdb() {
    "$QF_VENV/bin/python" - "$1" <<'EOF'
import sys, psycopg2
conn = psycopg2.connect(dbname="postgres")
conn.autocommit = True
conn.cursor().execute('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % sys.argv[1].replace('"', ''))
EOF
}

# --- Odoo -----------------------------------------------------------------------------------
qf_write_config() {
    local site
    site=$("$QF_VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    mkdir -p "$QF_WORK/data"
    cat >"$QF_CONF" <<EOF
; Generated by scripts/lib.sh - edit the scripts, not this file.
[options]
addons_path = $ODOO_SRC/addons,$site/odoo/addons,$QF_ROOT
data_dir = $QF_WORK/data
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER
db_password = ${PGPASSWORD:-}
http_interface = 127.0.0.1
http_port = ${QF_HTTP_PORT:-8069}
max_cron_threads = 1
EOF
}

qf_odoo() { "$QF_VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$QF_CONF" "$@"; }

# Installs the addons with demo data into a new database $1, with the languages $2
# (default: English and Chinese; the demo is Chinese when zh_CN is among them).
qf_create_db() {
    local db=$1 languages=${2:-en_US,zh_CN} log=$QF_LOGS/install-$1.log
    qf_say "Creating database $db with $QF_ADDONS in $languages (log: $log)"
    if ! qf_odoo -d "$db" -i "$QF_ADDONS" --with-demo --load-language="$languages" --stop-after-init \
        --http-port="$(qf_free_port)" >"$log" 2>&1 || grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) " "$log" >&2; then
        tail -n 40 "$log" >&2
        qf_die "Installing $QF_ADDONS into $db failed; see $log."
    fi
}

qf_free_port() { "$QF_VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

qf_setup() {
    mkdir -p "$QF_WORK" "$QF_LOGS"
    qf_setup_venv
    qf_system_packages "${1:-}"
    qf_setup_postgres
    qf_write_config
}
