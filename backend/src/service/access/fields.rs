//! Which fields of a record say only that a session took place, and which
//! carry its content. Declared once: the GraphQL guard on every field of a
//! record reads it, and so does the authorization matrix test.

use super::record::RecordAccess;

/// The fields of `Supervision` and `Attendee` that say only that a session
/// took place (F7.2), readable by whoever may know of the record. Every
/// other field carries content: the guard (`graphql/guard.rs`'s
/// `ContentReader`) refuses it to anyone without content access, and the
/// authorization matrix (`tests/api/matrix.rs`) must have a row for it.
pub const METADATA_FIELDS: &[&str] = &[
    "id",
    "kind",
    "approach",
    "heldOn",
    "recordedAt",
    "durationMinutes",
    "mode",
    "location",
    "externalSupervisor",
    "countsAsFormal",
    "recordedBy",
    "attendees",
    "myValidation",
    "canValidate",
    "viewerAccess",
    "redactions",
    "supervisee",
    "validationState",
    "validatedAt",
    "version",
    "sharedLate",
    "removalPending",
];

/// Whether a viewer standing `access` towards a record may read its field
/// `field` (the API's name, on `Supervision` or `Attendee`): metadata to
/// anyone who may know of the record, everything else only with content
/// access. A field missing from the list is content: deny by default.
pub fn may_read_field(access: RecordAccess, field: &str) -> bool {
    METADATA_FIELDS.contains(&field) || access.may_read_content()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_is_for_those_with_content_access_and_metadata_for_all() {
        let participant = RecordAccess::Participant {
            recorder: false,
            supervisee: true,
        };
        assert!(may_read_field(participant, "experience"));
        assert!(may_read_field(RecordAccess::MetadataOnly, "heldOn"));
        assert!(!may_read_field(RecordAccess::MetadataOnly, "experience"));
        assert!(!may_read_field(
            RecordAccess::MetadataOnly,
            "aFieldNobodyDeclared"
        ));
    }
}
