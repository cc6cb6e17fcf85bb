//! `/audits/:id/records/:record`: scoring one record drawn into a round
//! against every standard of the audit tool: met, partly met, not met or not
//! applicable (none chosen for you), and what you saw, required where a
//! standard is not fully met. Scoring again replaces the earlier scores.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use supervision_shared::quality::AuditRating;
use uuid::Uuid;

use super::{addressed, record_in_round};
use crate::api::ApiError;
use crate::api::quality::{
    Round, ScoreInput, Standard, audit_round, audit_tool, score_audited_record,
};
use crate::components::error_summary::{ErrorSummary, focus_error_summary};
use crate::components::field_error::{FieldErrorMessage, FormErrors, field_id};
use crate::components::status::{LoadError, Loading};
use crate::dates;
use crate::title::set_title;

/// The `/audits/:id/records/:record` page.
#[component]
pub fn ScoreRecordPage() -> impl IntoView {
    set_title("Score a record");
    let ids = record_in_round();
    let loaded = LocalResource::new(move || {
        let ids = ids.get();
        async move {
            let (round, record) = addressed(ids)?;
            let found = audit_round(round).await?;
            let tool = audit_tool().await?;
            Ok::<_, ApiError>((found, tool, record))
        }
    });
    move || match loaded.get() {
        None => view! {
            <h1 tabindex="-1">"Score a record"</h1>
            <Loading what="the audit tool" />
        }
        .into_any(),
        Some(Err(err)) => view! {
            <h1 tabindex="-1">"Score a record"</h1>
            <LoadError error=err />
        }
        .into_any(),
        Some(Ok((round, tool, record))) => match round
            .records
            .iter()
            .find(|r| r.supervision_id == record)
            .cloned()
        {
            None => view! {
                <h1 tabindex="-1">"Record not in this round"</h1>
                <p><A href=format!("/audits/{}", round.id)>"Back to the round"</A></p>
            }
            .into_any(),
            Some(sample) => {
                let title = format!("Score record {}", sample.position);
                set_title(&title);
                let earlier: HashMap<String, (AuditRating, String)> = sample
                    .scores
                    .iter()
                    .map(|s| (s.standard.key.clone(), (s.rating, s.comment.clone())))
                    .collect();
                view! {
                    <h1 tabindex="-1">{title}</h1>
                    <p>
                        {format!(
                            "{}, held {}. ",
                            sample.kind.label(),
                            dates::long(sample.held_on),
                        )}
                        <A href=format!("/supervisions/{}", sample.supervision_id)>
                            "Read the record"
                        </A>
                        " (each reading is shown to its supervisees)."
                    </p>
                    <ScoreForm round=round tool=tool record=record earlier=earlier />
                }
                .into_any()
            }
        },
    }
}

/// One standard's answer as the form keeps it.
#[derive(Clone, Copy)]
struct Answer {
    rating: RwSignal<Option<AuditRating>>,
    comment: RwSignal<String>,
}

#[component]
fn ScoreForm(
    round: Round,
    tool: Vec<Standard>,
    record: Uuid,
    earlier: HashMap<String, (AuditRating, String)>,
) -> impl IntoView {
    let answers: Vec<(Standard, Answer)> = tool
        .into_iter()
        .map(|standard| {
            let (rating, comment) = earlier
                .get(&standard.key)
                .map_or((None, String::new()), |(r, c)| (Some(*r), c.clone()));
            let answer = Answer {
                rating: RwSignal::new(rating),
                comment: RwSignal::new(comment),
            };
            (standard, answer)
        })
        .collect();
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let navigate = use_navigate();
    let round_id = round.id;
    let sent = answers.clone();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        errors.clear();
        general.set(None);
        let missing: Vec<supervision_shared::FieldError> = sent
            .iter()
            .filter(|(_, a)| a.rating.get_untracked().is_none())
            .map(|(s, _)| {
                supervision_shared::FieldError::new(
                    format!("scores.{}.rating", s.key),
                    "Choose met, partly met, not met or not applicable.",
                )
            })
            .collect();
        if !missing.is_empty() {
            errors.set(missing);
            focus_error_summary();
            return;
        }
        let scores: Vec<ScoreInput> = sent
            .iter()
            .filter_map(|(s, a)| {
                Some(ScoreInput {
                    standard: s.key.clone(),
                    rating: a.rating.get_untracked()?,
                    comment: a.comment.get_untracked(),
                })
            })
            .collect();
        saving.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = score_audited_record(round_id, record, &scores).await;
            saving.set(false);
            match result {
                Ok(()) => navigate(&format!("/audits/{round_id}"), Default::default()),
                Err(err) => errors.show_failure(err, general),
            }
        });
    };

    view! {
        <ErrorSummary errors=errors general=general />
        <form on:submit=on_submit novalidate>
            {answers
                .into_iter()
                .map(|(standard, answer)| standard_fields(standard, answer, errors))
                .collect_view()}
            <button type="submit" class="button" disabled=move || saving.get()>
                "Save the scores"
            </button>
        </form>
    }
}

fn standard_fields(standard: Standard, answer: Answer, errors: FormErrors) -> impl IntoView {
    let rating_field = format!("scores.{}.rating", standard.key);
    let comment_field = format!("scores.{}.comment", standard.key);
    let group = field_id(&rating_field);
    let radios = AuditRating::ALL
        .iter()
        .copied()
        .map(|rating| {
            let id = format!("{group}-{}", rating.as_str());
            let name = group.clone();
            view! {
                <div class="radio">
                    <input
                        type="radio"
                        id=id.clone()
                        name=name
                        value=rating.as_str()
                        prop:checked=move || answer.rating.get() == Some(rating)
                        on:change=move |_| answer.rating.set(Some(rating))
                    />
                    <label for=id>{rating.label()}</label>
                </div>
            }
        })
        .collect_view();
    let rating_error = rating_field.clone();
    let comment_error = comment_field.clone();
    let comment_id = field_id(&comment_field);
    let described = comment_field.clone();
    view! {
        <div
            class="form-group audit-standard"
            class:form-group-error=move || {
                errors.message(&rating_error).is_some() || errors.message(&comment_error).is_some()
            }
        >
            <fieldset class="fieldset" id=group tabindex="-1">
                <legend class="legend">{standard.text}</legend>
                <FieldErrorMessage errors=errors field=rating_field />
                {radios}
            </fieldset>
            <label class="label" for=comment_id.clone()>"What you saw"</label>
            <p class="hint" id=format!("{comment_id}-hint")>
                "Required when the standard is partly or not met: the supervisor reads it."
            </p>
            <FieldErrorMessage errors=errors field=comment_field />
            <textarea
                id=comment_id
                class="textarea textarea-short"
                rows="3"
                aria-describedby=move || errors.described_by(&described, true)
                prop:value=move || answer.comment.get()
                on:input=move |ev| answer.comment.set(event_target_value(&ev))
            ></textarea>
        </div>
    }
}
