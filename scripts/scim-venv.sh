#!/usr/bin/env bash
# A real SCIM client for the provisioning tests: scim2-client (Python, from
# PyPI, written by nobody here), pinned in e2e/scim/requirements.txt, in its
# own virtual environment under .tmp/. Prints the path of the Python that
# has it. The integration test backend/tests/api/scim.rs calls this itself.
#
#   SCIM_URL=http://127.0.0.1:3000/scim/v2 SCIM_TOKEN=… \
#       "$(bash scripts/scim-venv.sh)" e2e/scim/client_check.py
set -euo pipefail
cd "$(dirname "$0")/.."
requirements=e2e/scim/requirements.txt
venv="$(pwd)/.tmp/scim-venv"

# A lock, so test threads starting at once install it once.
mkdir -p .tmp
exec 9>.tmp/scim-venv.lock
flock 9

if ! "$venv/bin/python" -c '' 2>/dev/null; then
    rm -rf "$venv"
    bash scripts/setup.sh python >&2
    python3 -m venv "$venv"
fi
# Reinstalled whenever the pins change.
stamp="$venv/.requirements.sha256"
want=$(sha256sum "$requirements" | cut -d' ' -f1)
if [[ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]]; then
    echo "scim-venv: installing the SCIM client from $requirements" >&2
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements" >&2
    echo "$want" >"$stamp"
fi
echo "$venv/bin/python"
