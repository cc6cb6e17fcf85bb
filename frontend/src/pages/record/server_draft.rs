//! The record form kept on the server as a draft (F3.10), to finish later
//! here or on another device: the line it is listed by, the form as JSON,
//! and, when continuing one, whether this device's copy or the server's is
//! the newer.

use chrono::{DateTime, Local, Utc};

use super::draft::StoredForm;
use crate::api::ApiError;
use crate::api::draft::Draft;
use crate::compliance::join_names;
use crate::dates;

/// The line a draft is listed by: kind, date and who, never what was
/// discussed, e.g. "Case supervision, 20 November 2026, with Tom Reed".
pub fn summary(form: &StoredForm) -> String {
    let mut parts = vec![form.kind.label().to_owned()];
    if let Some(day) = dates::parse_iso(&form.content.held_on) {
        parts.push(dates::long(day));
    }
    let mut line = parts.join(", ");
    if !form.supervisees.is_empty() {
        let names: Vec<String> = form.supervisees.iter().map(|s| s.name.clone()).collect();
        line.push_str(&format!(", with {}", join_names(&names)));
    }
    line
}

/// The form as the server keeps it.
pub fn payload(form: &StoredForm) -> String {
    serde_json::to_string(form).unwrap_or_else(|_| "{}".to_owned())
}

/// The form a draft holds, as saved at `updated_at`; `None` when it cannot
/// be read. Its id is the record's submission key, whatever the payload says.
pub fn read(draft: &Draft) -> Option<StoredForm> {
    let mut form: StoredForm = serde_json::from_str(&draft.payload).ok()?;
    form.submission_key = draft.id;
    form.server_saved_at = Some(draft.updated_at);
    Some(form)
}

/// Which form to continue with: this device's copy when it was based on
/// the server's latest save and has changed since (returned with `true`,
/// to say so), otherwise the server's.
pub fn choose(on_device: Option<StoredForm>, server: StoredForm) -> (StoredForm, bool) {
    match on_device {
        Some(local)
            if local.submission_key == server.submission_key
                && local.server_saved_at == server.server_saved_at
                && !local.same_answers(&server) =>
        {
            (local, true)
        }
        _ => (server, false),
    }
}

/// What the form says once the server has kept it.
pub fn saved_message(updated_at: DateTime<Utc>) -> String {
    format!(
        "Draft saved at {}; you can finish it here or on another device.",
        updated_at.with_timezone(&Local).format("%H:%M")
    )
}

/// What the form says when the server could not keep it.
pub fn save_failed(err: &ApiError) -> String {
    let reason = err
        .fields
        .first()
        .map_or_else(|| err.user_message(), |f| f.message.clone());
    format!("The draft was not saved: {reason} It is still kept on this device.")
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use supervision_shared::SupervisionKind;
    use uuid::Uuid;

    use super::*;
    use crate::api::staff::StaffSummary;
    use crate::components::record_content::ContentValues;

    fn person(name: &str) -> StaffSummary {
        StaffSummary {
            id: Uuid::new_v4(),
            name: name.to_owned(),
            job_title: String::new(),
            team_name: String::new(),
        }
    }

    fn saved_at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn a_draft_is_listed_by_kind_date_and_people_never_by_what_was_discussed() {
        let form = StoredForm {
            kind: SupervisionKind::CaseSupervision,
            content: ContentValues {
                held_on: "2026-11-20".into(),
                experience: "Something private".into(),
                ..ContentValues::default()
            },
            supervisees: vec![person("Tom Reed"), person("Aisha Khan")],
            ..StoredForm::default()
        };
        assert_eq!(
            summary(&form),
            "Case supervision, 20 November 2026, with Tom Reed and Aisha Khan"
        );
        let nobody_yet = StoredForm {
            kind: SupervisionKind::CaseSupervision,
            content: ContentValues {
                held_on: String::new(),
                ..ContentValues::default()
            },
            ..StoredForm::default()
        };
        assert_eq!(summary(&nobody_yet), "Case supervision");
    }

    #[test]
    fn a_draft_comes_back_as_it_was_saved_with_its_id_as_the_submission_key() {
        let form = StoredForm {
            content: ContentValues {
                experience: "Started on the ward computer".into(),
                ..ContentValues::default()
            },
            ..StoredForm::default()
        };
        let id = Uuid::new_v4();
        let draft = Draft {
            id,
            summary: summary(&form),
            updated_at: saved_at(),
            payload: payload(&form),
        };
        let read = read(&draft);
        assert_eq!(
            read.as_ref().map(|f| (f.submission_key, f.server_saved_at)),
            Some((id, Some(saved_at())))
        );
        assert!(read.is_some_and(|f| f.same_answers(&form)));
        let broken = Draft {
            payload: "not json".into(),
            ..draft
        };
        assert_eq!(super::read(&broken), None);
    }

    #[test]
    fn changes_made_on_this_device_since_the_last_save_win_and_an_older_copy_does_not() {
        let server = StoredForm {
            content: ContentValues {
                experience: "Saved on the server".into(),
                ..ContentValues::default()
            },
            server_saved_at: Some(saved_at()),
            ..StoredForm::default()
        };
        let mut changed_here = server.clone();
        changed_here.content.experience = "Typed here since".into();
        assert_eq!(
            choose(Some(changed_here.clone()), server.clone()),
            (changed_here.clone(), true)
        );
        // Saved again elsewhere since this device's copy was made.
        let older = StoredForm {
            server_saved_at: saved_at().checked_sub_signed(chrono::Duration::hours(1)),
            ..changed_here
        };
        assert_eq!(choose(Some(older), server.clone()), (server.clone(), false));
        assert_eq!(choose(None, server.clone()), (server, false));
    }
}
