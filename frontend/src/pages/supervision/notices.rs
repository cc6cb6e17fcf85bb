//! What the record page says about the record's life: its version once
//! amended (F4.4), that it was shared late (F4.3), that its removal is
//! waiting for a decision (F4.5), and, to a supervisee whose validation the
//! amendment reset, that they are asked to validate again.

use leptos::prelude::*;
use supervision_shared::ValidationState;
use supervision_shared::sharing::SHARING_WORKING_DAYS;

use crate::api::supervision::Supervision;

/// The notices for this record, in order of importance.
pub fn record_notices(r: &Supervision) -> impl IntoView + use<> {
    let version = r.version;
    let validate_again = version > 1
        && r.can_validate
        && r.my_validation
            .as_ref()
            .is_some_and(|a| a.validation_state == ValidationState::Awaiting);
    // Whether they had validated the version the amendment replaced.
    let validated_before = r.my_validation.as_ref().is_some_and(|me| {
        r.content
            .as_ref()
            .and_then(|c| c.amendments.first())
            .and_then(|v| {
                v.validations
                    .iter()
                    .find(|x| x.supervisee.id == me.supervisee.id)
            })
            .is_some_and(|x| x.validation_state != ValidationState::Awaiting)
    });
    let ask = if validated_before {
        format!(
            " Please check version {version} and validate it again: how you validated the earlier version is kept with it."
        )
    } else {
        format!(" Please check version {version} and validate it.")
    };
    let recorder = r.recorded_by.name.clone();
    view! {
        {r.removal_pending
            .then(|| {
                view! {
                    <div class="notice notice-warning">
                        <p>
                            <strong>"Removal requested."</strong>
                            " A system administrator will decide whether to remove this record. Until then it stays as it is."
                        </p>
                    </div>
                }
            })}
        {validate_again
            .then(|| {
                view! {
                    <div class="notice notice-warning">
                        <p>
                            <strong>{format!("{recorder} amended this record.")}</strong>
                            {ask}
                        </p>
                    </div>
                }
            })}
        {(version > 1)
            .then(|| {
                view! {
                    <p class="tag-line record-version">
                        <span class="tag">{format!("Version {version}")}</span>
                    </p>
                }
            })}
        {r.shared_late
            .then(|| {
                view! {
                    <p class="notice">
                        <strong>"Shared late."</strong>
                        {format!(
                            " This record was shared with the people supervised more than {SHARING_WORKING_DAYS} working days after the session.",
                        )}
                    </p>
                }
            })}
    }
}
