//! The roles worked out for signed-in people, kept between requests.
//!
//! Every signed-in request needs the person's roles, and reading them is a
//! union over allocations and grants: a third of the statements a request
//! like `me { name }` made. A person's roles change only when one of those
//! rows changes, and the database's triggers then move the person's
//! `access_version`, which is read with the session in the request's one
//! statement. So roles kept under (person, version, day) are exactly the
//! roles the database would give: a change made on any instance, or
//! straight into the database, gives a new version and the next request
//! works the roles out again. Nothing here can be out of date; it can
//! only be missing.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use supervision_shared::Role;
use uuid::Uuid;

/// What a person's roles are kept under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RolesKey {
    /// The person.
    pub staff_id: Uuid,
    /// Their `access_version` when the roles were asked for.
    pub access_version: i64,
    /// The organisation's day: allocations start and end on days.
    pub today: NaiveDate,
}

/// Entries kept at most; past it the whole map is emptied (an old version
/// or day is never asked for again, so nothing worth keeping is lost for
/// long). A trust's signed-in staff on one day fit many times over.
const MOST_KEPT: usize = 100_000;

/// Roles kept per (person, version, day), shared by every request of this
/// process.
#[derive(Debug, Clone, Default)]
pub struct RolesKept {
    kept: Arc<Mutex<HashMap<RolesKey, Vec<Role>>>>,
}

impl RolesKept {
    /// The roles kept under `key`, if any.
    pub fn get(&self, key: &RolesKey) -> Option<Vec<Role>> {
        self.kept
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(key)
            .cloned()
    }

    /// Keeps `roles` under `key`.
    pub fn keep(&self, key: RolesKey, roles: Vec<Role>) {
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        if kept.len() >= MOST_KEPT {
            kept.clear();
        }
        kept.insert(key, roles);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(version: i64, day: u32) -> RolesKey {
        RolesKey {
            staff_id: Uuid::from_u128(1),
            access_version: version,
            today: NaiveDate::from_ymd_opt(2026, 12, day).unwrap_or_default(),
        }
    }

    #[test]
    fn roles_are_found_only_under_the_same_version_and_day() {
        let kept = RolesKept::default();
        kept.keep(key(3, 7), vec![Role::Staff, Role::Supervisor]);
        assert_eq!(
            kept.get(&key(3, 7)),
            Some(vec![Role::Staff, Role::Supervisor])
        );
        assert_eq!(
            kept.get(&key(4, 7)),
            None,
            "a change to their roles' sources"
        );
        assert_eq!(kept.get(&key(3, 8)), None, "the next day");
    }

    #[test]
    fn it_never_grows_past_its_bound() {
        let kept = RolesKept::default();
        for version in 0..=i64::try_from(MOST_KEPT).unwrap_or(0) {
            kept.keep(key(version, 7), vec![Role::Staff]);
        }
        let size = kept.kept.lock().map(|k| k.len()).unwrap_or(usize::MAX);
        assert!(size <= MOST_KEPT, "{size}");
    }
}
