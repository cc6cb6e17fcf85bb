#!/usr/bin/env bash
# A real SMTP server for the email tests: aiosmtpd (Python), pinned, in its
# own virtual environment under .tmp/. Prints the path of the Python that has
# it. The integration tests call this script themselves; ./dev test and the
# end-to-end tests too.
#
#   "$(bash scripts/mail-venv.sh)" -m aiosmtpd -n -l 127.0.0.1:2525 \
#       -c aiosmtpd.handlers.Mailbox /tmp/maildir
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
aiosmtpd_version=1.4.6
venv="$(pwd)/.tmp/mail-venv"

apt_install() {
    apt-get install -y -qq "$@" >/dev/null || { apt-get update -qq && apt-get install -y -qq "$@" >/dev/null; }
}

# A lock, so test threads starting at once install it once.
mkdir -p .tmp
exec 9>.tmp/mail-venv.lock
flock 9

if ! "$venv/bin/python" -c '' 2>/dev/null; then
    rm -rf "$venv"
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
        echo "mail-venv: installing Debian's python3-venv" >&2
        rm -rf "$venv"
        apt_install python3-venv
        python3 -m venv "$venv"
    fi
fi
if [[ "$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("aiosmtpd"))' 2>/dev/null || true)" != "$aiosmtpd_version" ]]; then
    echo "mail-venv: installing aiosmtpd $aiosmtpd_version" >&2
    "$venv/bin/pip" install -q --disable-pip-version-check "aiosmtpd==$aiosmtpd_version" >&2
fi
echo "$venv/bin/python"
