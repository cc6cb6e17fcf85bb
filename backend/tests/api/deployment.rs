//! Issue 19: the deployment examples (deploy/) stay true to the server. The
//! example settings are a valid production configuration, and the systemd
//! unit migrates before it starts and keeps its sandboxing. (No container
//! engine runs on this machine, so the image itself is not built here.)

use std::collections::HashMap;
use std::path::PathBuf;

use backend::config::{Config, Environment};

fn deploy(file: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../deploy")
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `KEY=value` lines, comments and blanks left out; a key given twice
/// (systemd allows it) keeps every value.
fn settings(text: &str) -> HashMap<String, Vec<String>> {
    let mut found: HashMap<String, Vec<String>> = HashMap::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') || line.starts_with('[') {
            continue;
        }
        let (key, value) = line.split_once('=').unwrap_or((line, ""));
        found
            .entry(key.trim().to_owned())
            .or_default()
            .push(value.trim().to_owned());
    }
    found
}

#[test]
fn the_example_settings_are_a_valid_production_configuration() {
    let mut example = settings(&deploy("supervision.env.example"));
    // The audit key comes as the unit's systemd credential; here, the
    // tests' key stands in for the file systemd would hand over.
    let key = example.insert(
        "SUPERVISION_AUDIT_KEY_FILE".into(),
        vec![crate::helpers::AUDIT_KEY_FILE.into()],
    );
    assert_eq!(
        key.unwrap()[0],
        "/run/credentials/supervision.service/audit.key"
    );
    let config = Config::from_lookup(|key| example.get(key).and_then(|v| v.first()).cloned())
        .expect("the example settings start a production server");
    assert!(config.audit_key.is_some(), "the audit log sealed");
    assert_eq!(config.environment, Environment::Production);
    assert!(config.oidc.is_some(), "single sign-on");
    assert!(config.secure_cookies && !config.dev_signin);
}

#[test]
fn the_systemd_unit_migrates_then_starts_the_server_sandboxed() {
    let unit = settings(&deploy("supervision.service"));
    let one = |key: &str| {
        unit.get(key)
            .and_then(|v| v.first())
            .unwrap_or_else(|| panic!("{key} is set"))
            .as_str()
    };
    assert_eq!(one("ExecStartPre"), "/usr/local/bin/supervision migrate");
    assert_eq!(one("ExecStart"), "/usr/local/bin/supervision");
    assert_eq!(one("User"), "supervision");
    assert_eq!(
        one("LoadCredential"),
        "audit.key:/etc/supervision/audit.key"
    );
    for (key, value) in [
        ("NoNewPrivileges", "yes"),
        ("CapabilityBoundingSet", ""),
        ("ProtectSystem", "strict"),
        ("ProtectHome", "yes"),
        ("PrivateTmp", "yes"),
        ("PrivateDevices", "yes"),
        ("RestrictSUIDSGID", "yes"),
        ("MemoryDenyWriteExecute", "yes"),
        ("SystemCallArchitectures", "native"),
        ("UMask", "0077"),
    ] {
        assert_eq!(one(key), value, "{key}");
    }
    assert!(
        unit["SystemCallFilter"].contains(&"~@privileged @resources".to_owned()),
        "{:?}",
        unit["SystemCallFilter"]
    );
    // The container image starts the same binary as the same kind of user.
    let image = deploy("Containerfile");
    assert!(image.contains("ENTRYPOINT [\"/usr/local/bin/supervision\"]"));
    assert!(image.contains("USER 10001"));
}
