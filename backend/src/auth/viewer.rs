//! The signed-in person as every resolver and service sees them.

use supervision_shared::Role;
use uuid::Uuid;

/// The person making a request, looked up afresh from the directory on each
/// request so that a leaver or a changed role takes effect at once.
#[derive(Debug, Clone)]
pub struct Viewer {
    /// Their staff record.
    pub staff_id: Uuid,
    /// Their organisation: every query is scoped to it.
    pub organisation_id: Uuid,
    /// Their name as shown in the directory.
    pub name: String,
    /// Every role they hold today.
    pub roles: Vec<Role>,
    /// Their organisation's time zone: the one their days are judged in.
    pub time_zone: chrono_tz::Tz,
}

impl Viewer {
    /// Whether they hold a role.
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Today in their organisation's time zone: the day "held in the
    /// future", due dates, late sharing and the end of the month go by.
    pub fn today(&self) -> chrono::NaiveDate {
        crate::service::clock::today_in(self.time_zone, chrono::Utc::now())
    }
}
