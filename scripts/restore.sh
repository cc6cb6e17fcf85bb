#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into an empty system: an empty
# database (PostgreSQL: created, with no tables; SQLite: no file yet) and an
# empty attachment folder, named by the same settings as the server
# (SUPERVISION_DATABASE_URL, SUPERVISION_ATTACHMENT_STORE). It refuses to
# write over anything. Then it checks the audit chain with the server's own
# `audit-verify` (SUPERVISION_BIN, or `supervision` on the PATH, or this
# checkout's debug build), which needs the deployment's audit key
# (SUPERVISION_AUDIT_KEY_FILE): backups never hold it.
#
#   createdb supervision_restored    # PostgreSQL
#   SUPERVISION_DATABASE_URL=postgres://…/supervision_restored \
#   SUPERVISION_ATTACHMENT_STORE=/var/lib/supervision/attachments \
#   SUPERVISION_AUDIT_KEY_FILE=/etc/supervision/audit.key \
#     bash scripts/restore.sh /backups/supervision-2026-12-06
#
# Start the server afterwards: it migrates the restored database forward if
# the backup came from an older version.
set -euo pipefail

src="${1:?usage: scripts/restore.sh BACKUP_FOLDER}"
url="${SUPERVISION_DATABASE_URL:?set SUPERVISION_DATABASE_URL to the empty database to restore into}"
store="${SUPERVISION_ATTACHMENT_STORE:-data/attachments}"
bin="${SUPERVISION_BIN:-$(command -v supervision || echo target/debug/supervision)}"

[[ -f "$src/MANIFEST" ]] || { echo "restore: $src is not a backup (no MANIFEST)" >&2; exit 1; }

sqlite_path() {
    local path="${1#sqlite://}"
    path="${path#sqlite:}"
    echo "${path%%\?*}"
}

case "$store" in
    s3://*) ;;
    *)
        if [[ -d "$store" && -n "$(ls -A "$store")" ]]; then
            echo "restore: the attachment folder $store is not empty" >&2
            exit 1
        fi
        ;;
esac

case "$url" in
    postgres://* | postgresql://*)
        [[ -f "$src/database.dump" ]] || { echo "restore: the backup holds no PostgreSQL dump" >&2; exit 1; }
        tables=$(psql "$url" -Atc "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
        if [[ "$tables" != "0" ]]; then
            echo "restore: the database is not empty ($tables tables)" >&2
            exit 1
        fi
        pg_restore --no-owner --no-privileges --exit-on-error --dbname "$url" "$src/database.dump"
        ;;
    sqlite:*)
        [[ -f "$src/database.sqlite" ]] || { echo "restore: the backup holds no SQLite database" >&2; exit 1; }
        path="$(sqlite_path "$url")"
        if [[ -s "$path" ]]; then
            echo "restore: $path already exists" >&2
            exit 1
        fi
        mkdir -p "$(dirname "$path")"
        cp "$src/database.sqlite" "$path"
        ;;
    *)
        echo "restore: SUPERVISION_DATABASE_URL is neither postgres:// nor sqlite:" >&2
        exit 1
        ;;
esac

case "$store" in
    s3://*) echo "restore: attachments are in $store; restore the bucket from its own copies" >&2 ;;
    *)
        mkdir -p "$store"
        cp -a "$src/attachments/." "$store/"
        ;;
esac

echo "restore: checking the audit chain"
SUPERVISION_DATABASE_URL="$url" "$bin" audit-verify
echo "restore: done"
