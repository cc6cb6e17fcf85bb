//! The agreement form (F6.1): how often, how long and where the pair meet,
//! from and to when, and a text under each of the organisation's headings,
//! each started from the policy's own words. Checked in the browser with the
//! shared rule, then by the server; used to start an agreement and to revise
//! one before both have signed.

use chrono::{Months, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use supervision_shared::FieldError;
use supervision_shared::agreement::{AgreementHeading, check_terms};
use uuid::Uuid;

use crate::api::ErrorCode;
use crate::api::agreement::{
    AgreementKind, AgreementSection, AgreementTerms, revise_agreement, start_agreement,
};
use crate::components::error_summary::{ErrorSummary, focus_error_summary};
use crate::components::field_error::{FieldErrorMessage, FormErrors, hint_id};
use crate::dates;

/// What the form is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A new agreement with this supervisee for this supervision.
    Start {
        /// The supervisee.
        supervisee: Uuid,
        /// Line management or clinical supervision.
        kind: AgreementKind,
    },
    /// Revising this agreement.
    Revise(Uuid),
}

/// What is typed, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typed {
    /// Days between sessions.
    pub frequency: String,
    /// Why, when less often than the organisation's.
    pub reason: String,
    /// Minutes.
    pub duration: String,
    /// Where.
    pub venue: String,
    /// From (`YYYY-MM-DD`).
    pub starts_on: String,
    /// Review by (`YYYY-MM-DD`).
    pub review_by: String,
    /// Each heading's key and text.
    pub sections: Vec<(String, String)>,
}

impl Typed {
    /// A new agreement: from today, reviewed a year on, each heading
    /// started from the policy's words.
    pub fn fresh(headings: &[AgreementHeading], today: NaiveDate) -> Self {
        Self {
            frequency: String::new(),
            reason: String::new(),
            duration: "60".into(),
            venue: String::new(),
            starts_on: dates::iso(today),
            review_by: dates::iso(today.checked_add_months(Months::new(12)).unwrap_or(today)),
            sections: headings
                .iter()
                .map(|h| (h.key.clone(), h.guidance.clone()))
                .collect(),
        }
    }
}

/// Reads the typed form into terms, or every problem by field. The
/// organisation's default frequency is the server's to know: a reason is
/// asked for there when one is needed.
pub fn read(
    typed: &Typed,
    headings: &[AgreementHeading],
) -> Result<AgreementTerms, Vec<FieldError>> {
    let number = |text: &str| text.trim().parse::<u32>().ok();
    let mut problems = Vec::new();
    let frequency = number(&typed.frequency);
    let duration = number(&typed.duration);
    let starts_on = dates::parse_iso(&typed.starts_on);
    let review_by = dates::parse_iso(&typed.review_by);
    if starts_on.is_none() {
        problems.push(FieldError::new("startsOn", "Enter the day it starts."));
    }
    if review_by.is_none() {
        problems.push(FieldError::new(
            "reviewBy",
            "Enter the day it is reviewed by.",
        ));
    }
    let shared = supervision_shared::agreement::AgreementTerms {
        frequency_days: frequency.unwrap_or(0),
        frequency_reason: typed.reason.clone(),
        duration_minutes: duration.unwrap_or(0),
        venue: typed.venue.clone(),
        starts_on: starts_on.unwrap_or_default(),
        review_by: review_by.unwrap_or(NaiveDate::MAX),
        sections: typed.sections.clone(),
    };
    let checked = check_terms(&shared, headings, u32::MAX);
    let dated = starts_on.is_some() && review_by.is_some();
    problems.extend(
        checked
            .into_iter()
            .filter(|e| dated || e.field != "reviewBy"),
    );
    if problems.is_empty() {
        Ok(AgreementTerms {
            frequency_days: shared.frequency_days,
            frequency_reason: shared.frequency_reason.trim().to_owned(),
            duration_minutes: shared.duration_minutes,
            venue: shared.venue.trim().to_owned(),
            starts_on: typed.starts_on.clone(),
            review_by: typed.review_by.clone(),
            sections: shared
                .sections
                .into_iter()
                .map(|(key, text)| AgreementSection {
                    key,
                    heading: String::new(),
                    text,
                })
                .collect(),
        })
    } else {
        Err(problems)
    }
}

/// The form. Saved, it goes to the agreement's page.
// Long by design: one component's signals and its view, in page order.
#[component]
pub fn AgreementForm(
    purpose: Purpose,
    headings: Vec<AgreementHeading>,
    initial: Typed,
) -> impl IntoView {
    let navigate = use_navigate();
    let typed = RwSignal::new(initial);
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let headings_for_submit = headings.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        general.set(None);
        let terms = match read(&typed.get_untracked(), &headings_for_submit) {
            Ok(terms) => terms,
            Err(problems) => {
                errors.set(problems);
                focus_error_summary();
                return;
            }
        };
        errors.clear();
        saving.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = match purpose {
                Purpose::Start { supervisee, kind } => {
                    start_agreement(supervisee, kind, &terms).await
                }
                Purpose::Revise(id) => revise_agreement(id, &terms).await,
            };
            saving.set(false);
            match result {
                Ok(saved) => navigate(
                    &format!("/agreements/{}?saved=1", saved.id),
                    NavigateOptions::default(),
                ),
                Err(err) if err.code == ErrorCode::ValidationFailed && !err.fields.is_empty() => {
                    errors.set(err.fields);
                    focus_error_summary();
                }
                Err(err) => {
                    general.set(Some(err.user_message()));
                    focus_error_summary();
                }
            }
        });
    };
    let line = move |field: &'static str,
                     label: &'static str,
                     hint: Option<&'static str>,
                     kind: &'static str,
                     get: fn(&Typed) -> String,
                     set: fn(&mut Typed, String)| {
        view! {
            <div class="form-group" class:form-group-error=move || errors.message(field).is_some()>
                <label class="label" for=field>{label}</label>
                {hint.map(|h| view! { <p class="hint" id=hint_id(field)>{h}</p> })}
                <FieldErrorMessage errors=errors field=field />
                <input
                    id=field
                    class="input"
                    type=kind
                    inputmode=if kind == "text" && field != "venue" { "numeric" } else { "text" }
                    aria-describedby=move || errors.described_by(field, hint.is_some())
                    aria-invalid=move || errors.invalid(field)
                    prop:value=move || typed.with(get)
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        typed.update(|t| set(t, value));
                    }
                />
            </div>
        }
    };
    let sections = headings
        .into_iter()
        .map(|heading| {
            let field = format!("sections.{}", heading.key);
            let id = format!("section-{}", heading.key);
            let key = heading.key.clone();
            let key_for_input = heading.key.clone();
            let marked = field.clone();
            let described = field.clone();
            let invalid = field.clone();
            view! {
                <div class="form-group" class:form-group-error=move || errors.message(&marked).is_some()>
                    <label class="label" for=id.clone()>{heading.heading.clone()}</label>
                    <FieldErrorMessage errors=errors field=field />
                    <textarea
                        id=id
                        class="textarea"
                        rows="4"
                        aria-describedby=move || errors.described_by(&described, false)
                        aria-invalid=move || errors.invalid(&invalid)
                        prop:value=move || typed.with(|t| t.sections.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone()).unwrap_or_default())
                        on:input=move |ev| {
                            let value = event_target_value(&ev);
                            let key = key_for_input.clone();
                            typed.update(|t| match t.sections.iter_mut().find(|(k, _)| *k == key) {
                                Some((_, text)) => *text = value,
                                None => t.sections.push((key, value)),
                            });
                        }
                    ></textarea>
                </div>
            }
        })
        .collect_view();
    view! {
        <ErrorSummary errors=errors general=general />
        <form class="agreement-form" on:submit=on_submit novalidate>
            <section class="form-section" aria-labelledby="meeting-heading">
                <h2 id="meeting-heading">"How you meet"</h2>
                {line("frequencyDays", "How often, in days", Some("For example 28 for every four weeks. The agreed frequency becomes the supervisee's policy once you have both signed."), "text", |t| t.frequency.clone(), |t, v| t.frequency = v)}
                {line("frequencyReason", "Why, if less often than the organisation's default (optional)", Some("Meeting less often needs a head of service's approval; until then the organisation's frequency applies."), "text", |t| t.reason.clone(), |t, v| t.reason = v)}
                {line("durationMinutes", "Usual length, in minutes", None, "text", |t| t.duration.clone(), |t, v| t.duration = v)}
                {line("venue", "Where you usually meet", None, "text", |t| t.venue.clone(), |t, v| t.venue = v)}
                {line("startsOn", "Starts on", None, "date", |t| t.starts_on.clone(), |t, v| t.starts_on = v)}
                {line("reviewBy", "Reviewed by", Some("At least once a year."), "date", |t| t.review_by.clone(), |t, v| t.review_by = v)}
            </section>
            <section class="form-section" aria-labelledby="agreed-heading">
                <h2 id="agreed-heading">"What you agree"</h2>
                <p class="hint">"Each section starts from your organisation's policy: change it to what the two of you agree."</p>
                {sections}
            </section>
            <div class="form-buttons">
                <button type="submit" class="button button-primary" disabled=move || saving.get()>
                    {match purpose {
                        Purpose::Start { .. } => "Save the agreement",
                        Purpose::Revise(_) => "Save the changes",
                    }}
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use supervision_shared::agreement::default_headings;

    fn fields(r: Result<AgreementTerms, Vec<FieldError>>) -> Vec<String> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_fresh_form_needs_only_its_frequency_and_venue() {
        let headings = default_headings();
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap_or_default();
        let mut typed = Typed::fresh(&headings, today);
        assert_eq!(typed.review_by, "2027-12-05");
        assert_eq!(fields(read(&typed, &headings)), ["frequencyDays", "venue"]);
        typed.frequency = "28".into();
        typed.venue = "Team base".into();
        let terms = read(&typed, &headings);
        assert_eq!(terms.map(|t| t.sections.len()), Ok(7));
    }

    #[test]
    fn missing_dates_and_an_emptied_heading_are_named() {
        let headings = default_headings();
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap_or_default();
        let mut typed = Typed::fresh(&headings, today);
        typed.frequency = "28".into();
        typed.venue = "Team base".into();
        typed.starts_on.clear();
        typed.sections[3].1.clear();
        assert_eq!(
            fields(read(&typed, &headings)),
            ["startsOn", "sections.confidentiality"]
        );
    }
}
