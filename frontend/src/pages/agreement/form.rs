//! The agreement form (F6.1): how often, how long and where the pair meet,
//! from and to when, and a text under each of the organisation's headings,
//! each started from the policy's own words. Checked in the browser with the
//! shared rule, then by the server; used to start an agreement and to revise
//! one before both have signed.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use supervision_shared::FieldError;
use supervision_shared::agreement::{AgreementHeading, check_terms, latest_review};
use uuid::Uuid;

use crate::api::agreement::{
    Agreement, AgreementKind, AgreementSection, AgreementTerms, revise_agreement, start_agreement,
};
use crate::components::date_input::DateInput;
use crate::components::error_summary::{ErrorSummary, focus_error_summary};
use crate::components::field_error::{FieldErrorMessage, FormErrors, field_id, hint_id};
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
            review_by: dates::iso(latest_review(today)),
            sections: headings
                .iter()
                .map(|h| (h.key.clone(), h.guidance.clone()))
                .collect(),
        }
    }

    /// What an agreement says, to revise it (its parties read its content).
    pub fn of_agreement(a: &Agreement) -> Self {
        Self {
            frequency: a.frequency_days.to_string(),
            reason: a.frequency_reason.clone().unwrap_or_default(),
            duration: a
                .duration_minutes
                .map(|d| d.to_string())
                .unwrap_or_default(),
            venue: a.venue.clone().unwrap_or_default(),
            starts_on: dates::iso(a.starts_on),
            review_by: dates::iso(a.review_by),
            sections: a
                .sections
                .clone()
                .unwrap_or_default()
                .into_iter()
                .map(|s| (s.key, s.text))
                .collect(),
        }
    }

    /// A review of an agreement in force: what it says, under today's
    /// headings (a heading it lacks starts from the policy's words), from
    /// today and reviewed a year on.
    pub fn review_of(a: &Agreement, headings: &[AgreementHeading], today: NaiveDate) -> Self {
        let mut typed = Self::of_agreement(a);
        let fresh = Self::fresh(headings, today);
        typed.sections = fresh
            .sections
            .into_iter()
            .map(|(key, guidance)| {
                let text = typed
                    .sections
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map_or(guidance, |(_, text)| text.clone());
                (key, text)
            })
            .collect();
        typed.starts_on = fresh.starts_on;
        typed.review_by = fresh.review_by;
        typed
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

/// The form. Saved, it goes to the agreement's page, or tells `on_saved`
/// (revising on that page).
// Long by design: one component's signals and its view, in page order.
#[component]
pub fn AgreementForm(
    /// Starting one, or revising one.
    purpose: Purpose,
    /// The organisation's headings, one text each.
    headings: Vec<AgreementHeading>,
    /// What the form starts with.
    initial: Typed,
    /// Called with the agreement's id once saved, instead of going to it.
    #[prop(optional)]
    on_saved: Option<Callback<Uuid>>,
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
                Ok(saved) => match on_saved {
                    Some(on_saved) => on_saved.run(saved.id),
                    None => navigate(
                        &format!("/agreements/{}?saved=1", saved.id),
                        NavigateOptions::default(),
                    ),
                },
                Err(err) => errors.show_failure(err, general),
            }
        });
    };
    let line = move |field: &'static str,
                     label: &'static str,
                     hint: Option<&'static str>,
                     kind: &'static str,
                     numeric: bool,
                     get: fn(&Typed) -> String,
                     set: fn(&mut Typed, String)| {
        if kind == "date" {
            return view! {
                <DateInput
                    field=field
                    legend=label
                    hint=hint.unwrap_or_default()
                    value=Signal::derive(move || typed.with(get))
                    on_change=Callback::new(move |value| typed.update(|t| set(t, value)))
                    errors=errors
                />
            }
            .into_any();
        }
        view! {
            <div class="form-group" class:form-group-error=move || errors.message(field).is_some()>
                <label class="label" for=field>{label}</label>
                {hint.map(|h| view! { <p class="hint" id=hint_id(field)>{h}</p> })}
                <FieldErrorMessage errors=errors field=field />
                <input
                    id=field
                    class="input"
                    type=kind
                    inputmode=numeric.then_some("numeric")
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
        .into_any()
    };
    let sections = headings
        .into_iter()
        .map(|heading| {
            let field = format!("sections.{}", heading.key);
            let id = field_id(&field);
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
                {line("frequencyDays", "How often, in days", Some("For example 28 for every four weeks. Once you have both signed, this is how often the supervisee is due supervision. Less often than the organisation's default needs a reason and a head of service's approval."), "text", true, |t| t.frequency.clone(), |t, v| t.frequency = v)}
                {line("frequencyReason", "Reason for meeting less often (optional)", Some("Needed only when you meet less often than the organisation's default. A head of service reads it; until they approve, the organisation's frequency applies."), "text", false, |t| t.reason.clone(), |t, v| t.reason = v)}
                {line("durationMinutes", "Usual length, in minutes", None, "text", true, |t| t.duration.clone(), |t, v| t.duration = v)}
                {line("venue", "Where you usually meet", None, "text", false, |t| t.venue.clone(), |t, v| t.venue = v)}
                {line("startsOn", "Starts on", None, "date", false, |t| t.starts_on.clone(), |t, v| t.starts_on = v)}
                {line("reviewBy", "Reviewed by", Some("No later than a year after it starts."), "date", false, |t| t.review_by.clone(), |t, v| t.review_by = v)}
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
    fn a_review_starts_from_what_was_agreed_under_todays_headings_and_dates() {
        use crate::api::agreement::{AgreementKind, AgreementStatus};
        let headings = default_headings();
        let mut earlier =
            Agreement::example(1, 2, AgreementKind::LineManager, AgreementStatus::InForce);
        earlier.venue = Some("Team base".into());
        earlier.duration_minutes = Some(90);
        earlier.sections = Some(vec![
            AgreementSection {
                key: "purpose".into(),
                heading: "Purpose".into(),
                text: "Our own words".into(),
            },
            AgreementSection {
                key: "retired".into(),
                heading: "A heading no longer asked for".into(),
                text: "Old words".into(),
            },
        ]);
        let today = NaiveDate::from_ymd_opt(2027, 11, 20).unwrap_or_default();
        let typed = Typed::review_of(&earlier, &headings, today);
        assert_eq!(
            (typed.starts_on.as_str(), typed.review_by.as_str()),
            ("2027-11-20", "2028-11-20")
        );
        assert_eq!(
            (
                typed.frequency.as_str(),
                typed.duration.as_str(),
                typed.venue.as_str()
            ),
            ("28", "90", "Team base")
        );
        assert_eq!(typed.sections.len(), headings.len());
        assert_eq!(
            typed.sections[0],
            ("purpose".to_owned(), "Our own words".to_owned())
        );
        assert_eq!(typed.sections[1].1, headings[1].guidance);
        assert!(read(&typed, &headings).is_ok());
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
