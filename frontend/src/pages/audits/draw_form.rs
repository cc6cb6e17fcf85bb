//! Drawing a new round: its title, the period, the whole organisation or
//! one unit (with everything below it), the kinds of supervision, how many
//! records, and the day it closes.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use supervision_shared::quality::may_sample;
use supervision_shared::{FieldError, SupervisionKind};

use crate::api::quality::{RoundRequest, draw_audit_round};
use crate::components::date_input::DateInput;
use crate::components::error_summary::ErrorSummary;
use crate::components::field_error::{FieldErrorMessage, FormErrors};

/// The form.
#[component]
pub fn DrawForm() -> impl IntoView {
    let title = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let closes = RwSignal::new(String::new());
    let size = RwSignal::new(String::from("10"));
    let kinds = RwSignal::new(Vec::<SupervisionKind>::new());
    // None: the whole organisation.
    let unit = RwSignal::new(None::<uuid::Uuid>);
    let units = LocalResource::new(crate::api::org_unit::org_units);
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let navigate = use_navigate();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        errors.clear();
        general.set(None);
        let request = match checked(
            title.get_untracked(),
            [
                from.get_untracked(),
                to.get_untracked(),
                closes.get_untracked(),
            ],
            unit.get_untracked().into_iter().collect(),
            kinds.get_untracked(),
            &size.get_untracked(),
        ) {
            Ok(request) => request,
            Err(found) => {
                errors.set(found);
                crate::components::error_summary::focus_error_summary();
                return;
            }
        };
        saving.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = draw_audit_round(&request).await;
            saving.set(false);
            match result {
                Ok(id) => navigate(&format!("/audits/{id}"), Default::default()),
                Err(err) => errors.show_failure(err, general),
            }
        });
    };

    let kind_boxes = SupervisionKind::ALL
        .iter()
        .copied()
        .filter(|k| may_sample(*k))
        .map(|kind| {
            let id = format!("kind-{}", kind.as_str());
            view! {
                <div class="checkbox">
                    <input
                        type="checkbox"
                        id=id.clone()
                        prop:checked=move || kinds.with(|k| k.contains(&kind))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            kinds.update(|k| {
                                k.retain(|x| *x != kind);
                                if on {
                                    k.push(kind);
                                }
                            });
                        }
                    />
                    <label for=id>{kind.label()}</label>
                </div>
            }
        })
        .collect_view();

    view! {
        <section class="form-section" aria-labelledby="draw-heading">
            <h2 id="draw-heading">"Draw a new round"</h2>
            <ErrorSummary errors=errors general=general />
            <form on:submit=on_submit novalidate>
                <div class="form-group" class:form-group-error=move || errors.message("title").is_some()>
                    <label class="label" for="title">"Title"</label>
                    <p class="hint" id="title-hint">"For example, Quarter 3 dip sample."</p>
                    <FieldErrorMessage errors=errors field="title" />
                    <input
                        class="input"
                        id="title"
                        type="text"
                        aria-describedby=move || errors.described_by("title", true)
                        prop:value=move || title.get()
                        on:input=move |ev| title.set(event_target_value(&ev))
                    />
                </div>
                <DateInput
                    field="periodFrom"
                    legend="First day of the period"
                    value=from
                    on_change=Callback::new(move |typed| from.set(typed))
                    errors=errors
                />
                <DateInput
                    field="periodTo"
                    legend="Last day of the period"
                    value=to
                    on_change=Callback::new(move |typed| to.set(typed))
                    errors=errors
                />
                <div class="form-group">
                    <label class="label" for="unitIds">"Units to sample"</label>
                    <p class="hint" id="unitIds-hint">
                        "Records with a supervisee in the unit, or in any unit below it."
                    </p>
                    <FieldErrorMessage errors=errors field="unitIds" />
                    <select
                        class="select"
                        id="unitIds"
                        aria-describedby="unitIds-hint"
                        on:change=move |ev| {
                            unit.set(uuid::Uuid::parse_str(&event_target_value(&ev)).ok());
                        }
                    >
                        <option value="" selected=true>"The whole organisation"</option>
                        {move || {
                            units
                                .get()
                                .and_then(Result::ok)
                                .unwrap_or_default()
                                .into_iter()
                                .map(|u| view! { <option value=u.id.to_string()>{u.path}</option> })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="form-group" class:form-group-error=move || errors.message("kinds").is_some()>
                    <fieldset class="fieldset" id="kinds" tabindex="-1">
                        <legend class="legend">"Kinds of supervision to sample"</legend>
                        <p class="hint">
                            "Performance management records and personal reflections are never sampled."
                        </p>
                        <FieldErrorMessage errors=errors field="kinds" />
                        {kind_boxes}
                    </fieldset>
                </div>
                <div class="form-group" class:form-group-error=move || errors.message("sampleSize").is_some()>
                    <label class="label" for="sampleSize">"How many records to draw"</label>
                    <FieldErrorMessage errors=errors field="sampleSize" />
                    <input
                        class="input input-short"
                        id="sampleSize"
                        type="text"
                        inputmode="numeric"
                        aria-describedby=move || errors.described_by("sampleSize", false)
                        prop:value=move || size.get()
                        on:input=move |ev| size.set(event_target_value(&ev))
                    />
                </div>
                <DateInput
                    field="closesOn"
                    legend="Last day the records may be read for the audit"
                    hint="Within 90 days."
                    value=closes
                    on_change=Callback::new(move |typed| closes.set(typed))
                    errors=errors
                />
                <button type="submit" class="button" disabled=move || saving.get()>
                    "Draw the sample"
                </button>
            </form>
        </section>
    }
}

/// The request, or what is wrong with the dates and the number as typed
/// (the server checks the rest, and says so beside each field).
fn checked(
    title: String,
    [from, to, closes]: [String; 3],
    unit_ids: Vec<uuid::Uuid>,
    kinds: Vec<SupervisionKind>,
    size: &str,
) -> Result<RoundRequest, Vec<FieldError>> {
    let mut found = Vec::new();
    let mut date = |field: &str, typed: &str| {
        let day = crate::dates::parse_iso(typed);
        if day.is_none() {
            found.push(FieldError::new(
                field,
                "Enter a real date, as day, month and year, for example 27 3 2026.",
            ));
        }
        day
    };
    let (period_from, period_to, closes_on) = (
        date("periodFrom", &from),
        date("periodTo", &to),
        date("closesOn", &closes),
    );
    let sample_size = size.trim().parse::<u32>().ok();
    if sample_size.is_none() {
        found.push(FieldError::new(
            "sampleSize",
            "Enter how many records to draw, as a number.",
        ));
    }
    match (period_from, period_to, closes_on, sample_size) {
        (Some(period_from), Some(period_to), Some(closes_on), Some(n)) if found.is_empty() => {
            Ok(RoundRequest {
                title,
                period_from,
                period_to,
                unit_ids,
                kinds,
                sample_size: Some(n),
                closes_on,
            })
        }
        _ => Err(found),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_the_number_are_checked_before_sending() {
        let fields = |r: Result<RoundRequest, Vec<FieldError>>| {
            r.err()
                .unwrap_or_default()
                .into_iter()
                .map(|e| e.field)
                .collect::<Vec<_>>()
        };
        let dates = |a: &str, b: &str, c: &str| [a.to_owned(), b.to_owned(), c.to_owned()];
        assert_eq!(
            fields(checked(
                "Q3".into(),
                dates("2026-7-1", "2026-9-31", "2026-12-20"),
                vec![],
                vec![],
                "ten"
            )),
            ["periodTo", "sampleSize"]
        );
        assert!(
            checked(
                "Q3".into(),
                dates("2026-7-1", "2026-9-30", "2026-12-20"),
                vec![],
                vec![SupervisionKind::ClinicalOneToOne],
                " 12 "
            )
            .is_ok()
        );
    }
}
