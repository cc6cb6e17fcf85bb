//! Who sees and changes a booked session (F9.3): its organiser (the
//! supervisor who booked it) moves it, calls it off and says whether it
//! happened; its supervisees see it; nobody else learns it exists. Managers
//! read only counts per unit (cancellations), through the reports' scope.

use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::session_booking;

/// How the viewer stands towards a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookingAccess {
    /// They booked it: they change it.
    Organiser,
    /// They are one of its supervisees: they see it.
    Supervisee,
}

/// The viewer's access to `booking`, whose supervisees are `supervisees`;
/// `None` for everyone else, who are told it is not found.
pub fn booking_access(
    viewer: &Viewer,
    booking: &session_booking::Model,
    supervisees: &[Uuid],
) -> Option<BookingAccess> {
    if booking.organisation_id != viewer.organisation_id {
        None
    } else if booking.organiser_id == viewer.staff_id {
        Some(BookingAccess::Organiser)
    } else if supervisees.contains(&viewer.staff_id) {
        Some(BookingAccess::Supervisee)
    } else {
        None
    }
}
