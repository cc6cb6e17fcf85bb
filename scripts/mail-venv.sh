#!/usr/bin/env bash
# A real SMTP server for the email tests: aiosmtpd (Python), pinned, in its
# own virtual environment under .tmp/, with the icalendar package that
# reads the invitations the service sends. Prints the path of the Python that has
# it. The integration tests call this script themselves; ./dev test and the
# end-to-end tests too.
#
#   "$(bash scripts/mail-venv.sh)" -m aiosmtpd -n -l 127.0.0.1:2525 \
#       -c aiosmtpd.handlers.Mailbox /tmp/maildir
set -euo pipefail
cd "$(dirname "$0")/.."
aiosmtpd_version=1.4.6
icalendar_version=6.3.1
venv="$(pwd)/.tmp/mail-venv"

# A lock, so test threads starting at once install it once.
mkdir -p .tmp
exec 9>.tmp/mail-venv.lock
flock 9

if ! "$venv/bin/python" -c '' 2>/dev/null; then
    rm -rf "$venv"
    bash scripts/setup.sh python >&2
    python3 -m venv "$venv"
fi
installed() {
    "$venv/bin/python" -c "import importlib.metadata as m; print(m.version('$1'))" 2>/dev/null || true
}
if [[ "$(installed aiosmtpd)" != "$aiosmtpd_version" ]]; then
    echo "mail-venv: installing aiosmtpd $aiosmtpd_version" >&2
    "$venv/bin/pip" install -q --disable-pip-version-check "aiosmtpd==$aiosmtpd_version" >&2
fi
# The calendar tests read invitations with a parser nobody here wrote.
if [[ "$(installed icalendar)" != "$icalendar_version" ]]; then
    echo "mail-venv: installing icalendar $icalendar_version" >&2
    "$venv/bin/pip" install -q --disable-pip-version-check "icalendar==$icalendar_version" >&2
fi
echo "$venv/bin/python"
