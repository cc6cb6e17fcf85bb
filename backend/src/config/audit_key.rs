//! The audit key (issue 19): a secret kept outside the database that seals
//! the audit chain, so someone who can write to the database, but cannot read
//! the server's key file, cannot rewrite the log and re-hash it unnoticed.

use std::path::Path;

use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

use super::settings::{ConfigError, invalid};

const SETTING: &str = "SUPERVISION_AUDIT_KEY_FILE";
const RETIRED_SETTING: &str = "SUPERVISION_AUDIT_RETIRED_KEY_FILES";

/// Fewer bytes than this is a password, not a key.
const SHORTEST: usize = 32;

/// The secret, and the name entries give it.
#[derive(Debug, Clone)]
pub struct AuditKey {
    id: String,
    secret: SecretString,
}

impl AuditKey {
    /// Reads the key from a file: its text, less surrounding white space
    /// (`openssl rand -base64 48 > audit.key` makes one). A file rather
    /// than a variable, so it can be handed to the service as a systemd
    /// credential and kept out of the process environment.
    fn from_file(path: &Path, setting: &'static str) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| invalid(setting, format!("cannot read {}: {e}", path.display())))?;
        let text = text.trim();
        if text.len() < SHORTEST {
            return Err(invalid(
                setting,
                format!(
                    "the key in {} is {} characters; it needs at least {SHORTEST} \
                     (openssl rand -base64 48 makes one)",
                    path.display(),
                    text.len()
                ),
            ));
        }
        Ok(Self::new(text))
    }

    fn new(text: &str) -> Self {
        // The name is a hash of the key under a label of its own, so that it
        // says which key sealed an entry and gives away nothing of the key.
        let mut hasher = Sha256::new();
        hasher.update(b"supervision audit key name\0");
        hasher.update(text.as_bytes());
        let id = hex::encode(&hasher.finalize()[..8]);
        Self {
            id,
            secret: SecretString::from(text.to_owned()),
        }
    }

    /// The key's name, stored with every entry it seals.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The key itself, for the HMAC.
    pub(crate) fn bytes(&self) -> &[u8] {
        self.secret.expose_secret().as_bytes()
    }
}

/// The key named by `SUPERVISION_AUDIT_KEY_FILE`, if any.
pub(super) fn from_setting(path: Option<String>) -> Result<Option<AuditKey>, ConfigError> {
    path.map(|path| AuditKey::from_file(Path::new(&path), SETTING))
        .transpose()
}

/// The keys named by `SUPERVISION_AUDIT_RETIRED_KEY_FILES` (files, separated
/// by commas): keys the log was sealed with before the current one. A
/// server needs the one it takes over from when the key is changed, and
/// `audit-verify` needs every one to check the entries they sealed. Only
/// beside a current key, and never the current key itself.
pub(super) fn retired_from_setting(
    paths: Option<String>,
    current: Option<&AuditKey>,
) -> Result<Vec<AuditKey>, ConfigError> {
    let Some(paths) = paths else {
        return Ok(Vec::new());
    };
    let Some(current) = current else {
        return Err(invalid(
            RETIRED_SETTING,
            format!(
                "names keys the log was sealed with before the current one: set {SETTING} to the current key too"
            ),
        ));
    };
    let mut retired: Vec<AuditKey> = Vec::new();
    for path in paths.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let key = AuditKey::from_file(Path::new(path), RETIRED_SETTING)?;
        if key.id() == current.id() {
            return Err(invalid(
                RETIRED_SETTING,
                format!(
                    "{path} holds the current key ({SETTING}): a key is retired once another replaces it"
                ),
            ));
        }
        if !retired.iter().any(|r| r.id() == key.id()) {
            retired.push(key);
        }
    }
    Ok(retired)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_named_by_a_hash_that_differs_from_key_to_key() {
        let first = AuditKey::new("a-long-enough-secret-for-the-audit-chain-1");
        let second = AuditKey::new("a-long-enough-secret-for-the-audit-chain-2");
        assert_eq!(first.id().len(), 16);
        assert_ne!(first.id(), second.id());
        assert!(!first.id().contains("secret"));
        assert!(
            !format!("{first:?}").contains("a-long-enough"),
            "not in logs"
        );
    }

    #[test]
    fn a_short_or_missing_key_file_is_refused_with_the_setting_named()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = std::env::temp_dir().join(format!("audit-key-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let short = dir.join("short.key");
        std::fs::write(&short, "password\n")?;
        let refusal = from_setting(Some(short.display().to_string())).err();
        let refusal = refusal.ok_or("a short key is refused")?;
        assert_eq!(refusal.setting, SETTING);
        assert!(
            refusal.problem.contains("at least 32"),
            "{}",
            refusal.problem
        );
        let missing = from_setting(Some(dir.join("none.key").display().to_string())).err();
        assert_eq!(missing.map(|e| e.setting), Some(SETTING));
        let good = dir.join("good.key");
        std::fs::write(&good, "  0123456789abcdef0123456789abcdef01234567\n")?;
        let key = from_setting(Some(good.display().to_string()))
            .map_err(|e| e.to_string())?
            .ok_or("a key")?;
        assert_eq!(key.bytes(), b"0123456789abcdef0123456789abcdef01234567");

        // Retired keys: only beside a current key, never the current one,
        // and each named by the setting that names them.
        let old = dir.join("old.key");
        std::fs::write(&old, "an-older-key-that-sealed-the-log-until-today\n")?;
        let both = format!("{}, {}", old.display(), old.display());
        let retired =
            retired_from_setting(Some(both.clone()), Some(&key)).map_err(|e| e.to_string())?;
        assert_eq!(retired.len(), 1, "named twice, kept once");
        assert_ne!(retired[0].id(), key.id());
        let alone = retired_from_setting(Some(both), None).err();
        assert_eq!(alone.map(|e| e.setting), Some(RETIRED_SETTING));
        let current = retired_from_setting(Some(good.display().to_string()), Some(&key)).err();
        assert!(
            current
                .is_some_and(|e| e.setting == RETIRED_SETTING && e.problem.contains("current key")),
        );
        let short = retired_from_setting(Some(short.display().to_string()), Some(&key)).err();
        assert_eq!(short.map(|e| e.setting), Some(RETIRED_SETTING));
        assert!(retired_from_setting(None, Some(&key)).is_ok_and(|r| r.is_empty()));
        std::fs::remove_dir_all(dir).ok();
        Ok(())
    }
}
