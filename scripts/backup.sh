#!/usr/bin/env bash
# Backs up a deployment: its database and its attachments, into a new
# folder. Reads the same settings as the server (SUPERVISION_DATABASE_URL,
# SUPERVISION_ATTACHMENT_STORE; set them, or source the server's settings
# file first).
#
#   bash scripts/backup.sh /backups/supervision-2026-12-06
#
# The database goes first, then the attachments. An attachment's file is
# stored before the row that names it is committed, so every attachment the
# copied database names is in the copied files (files uploaded after the
# database was copied are extra and harmless). Running it while the
# retention job purges could copy a row whose file was just deleted: run
# backups at another time of day than retention (which runs at start-up and
# daily after).
#
# PostgreSQL: pg_dump's custom format, one consistent snapshot however busy
# the service is. SQLite: SQLite's online backup, equally consistent.
# Attachments in an S3 bucket are not copied: use the bucket's versioning or
# replication.
set -euo pipefail

dest="${1:?usage: scripts/backup.sh NEW_FOLDER}"
url="${SUPERVISION_DATABASE_URL:-sqlite://data/supervision.db?mode=rwc}"
store="${SUPERVISION_ATTACHMENT_STORE:-data/attachments}"

if [[ -e "$dest" && -n "$(ls -A "$dest")" ]]; then
    echo "backup: $dest is not empty; name a new folder" >&2
    exit 1
fi
mkdir -p "$dest"

# The SQLite file a sqlite: URL names.
sqlite_path() {
    local path="${1#sqlite://}"
    path="${path#sqlite:}"
    echo "${path%%\?*}"
}

case "$url" in
    postgres://* | postgresql://*)
        pg_dump --format=custom --no-owner --no-privileges --file "$dest/database.dump" "$url"
        ;;
    sqlite:*)
        python3 - "$(sqlite_path "$url")" "$dest/database.sqlite" <<'PY'
import sqlite3, sys
source = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
target = sqlite3.connect(sys.argv[2])
with target:
    source.backup(target)
target.close()
source.close()
PY
        ;;
    *)
        echo "backup: SUPERVISION_DATABASE_URL is neither postgres:// nor sqlite:" >&2
        exit 1
        ;;
esac

case "$store" in
    s3://*)
        echo "backup: attachments are in $store; back the bucket up with its own versioning or replication" >&2
        ;;
    *)
        mkdir -p "$dest/attachments"
        if [[ -d "$store" ]]; then
            cp -a "$store/." "$dest/attachments/"
        fi
        ;;
esac

{
    echo "made: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "database: $([[ -f "$dest/database.dump" ]] && echo database.dump || echo database.sqlite)"
    echo "attachments: $(find "$dest/attachments" -type f 2>/dev/null | wc -l) files"
} >"$dest/MANIFEST"
echo "backup: written to $dest"
cat "$dest/MANIFEST"
