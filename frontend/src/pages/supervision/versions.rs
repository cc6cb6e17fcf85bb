//! A record's earlier versions (F4.4), for the people who may read it: who
//! changed each, when and why, which fields changed, what it said then, and
//! how each supervisee had validated it. A section redacted on request stays
//! redacted in every version.

use leptos::prelude::*;

use super::sections::{SectionBody, section_bodies};
use crate::api::amendment::{RecordVersion, VersionValidation};
use crate::api::redaction::Redaction;
use crate::api::supervision::SupervisionContent;
use crate::dates;

/// What people call a field the API names `api`.
fn field_label(api: &str) -> &str {
    match api {
        "approach" => "Approach",
        "heldOn" => "Date held",
        "durationMinutes" => "Duration",
        "mode" => "Mode",
        "location" => "Location",
        "externalSupervisor" => "External supervisor",
        "experience" => "Experience",
        "reflection" => "Reflection",
        "analysis" => "Analysis",
        "actionPlan" => "Action plan",
        "notes" => "Notes",
        "functions" => "Functions covered",
        other => other,
    }
}

/// The changed fields in words, e.g. "Date held, Experience".
fn changed_in_words(fields: &[String]) -> String {
    if fields.is_empty() {
        return "Not recorded".to_owned();
    }
    fields
        .iter()
        .map(|f| field_label(f))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The sections of a version as the record page shows the current ones.
fn version_sections(
    version: &RecordVersion,
    redactions: &[Redaction],
) -> Vec<(&'static str, SectionBody)> {
    let content = SupervisionContent {
        experience: version.experience.clone(),
        reflection: version.reflection.clone(),
        analysis: version.analysis.clone(),
        action_plan: version.action_plan.clone(),
        notes: version.notes.clone(),
        functions: Vec::new(),
        actions: Vec::new(),
        amendments: Vec::new(),
        cases: Vec::new(),
        attachments: Vec::new(),
        comments: Vec::new(),
        audit_feedback: Vec::new(),
    };
    section_bodies(Some(&content), redactions)
        .into_iter()
        .map(|(section, body)| (section.label(), body))
        .collect()
}

/// One term and its value, in a summary list.
fn row(term: String, value: AnyView) -> impl IntoView {
    view! {
        <div class="summary-row">
            <dt>{term}</dt>
            <dd>{value}</dd>
        </div>
    }
}

/// The "Earlier versions" section, newest first; nothing before the first
/// amendment.
pub fn versions_view(
    versions: Vec<RecordVersion>,
    redactions: &[Redaction],
) -> impl IntoView + use<> {
    (!versions.is_empty()).then(|| {
        let items = versions
            .into_iter()
            .map(|v| version_item(v, redactions))
            .collect_view();
        view! {
            <section class="page-section" aria-labelledby="versions-heading">
                <h2 id="versions-heading">"Earlier versions"</h2>
                <p>"Each amendment keeps the version it replaced, with how it had been validated."</p>
                {items}
            </section>
        }
    })
}

/// One earlier version, folded away under who replaced it and when.
fn version_item(v: RecordVersion, redactions: &[Redaction]) -> impl IntoView + use<> {
    let number = v.version;
    let summary = format!(
        "Version {number}, replaced on {}",
        dates::long_time(v.changed_at)
    );
    let sections = version_sections(&v, redactions)
        .into_iter()
        .map(|(label, body)| {
            let value = match body {
                SectionBody::Text(text) => view! { <p class="prose">{text}</p> }.into_any(),
                SectionBody::Redacted(day) => view! {
                    <p class="redacted">
                        "This section was redacted on "
                        <time datetime=dates::iso(day)>{dates::long(day)}</time>
                        "."
                    </p>
                }
                .into_any(),
            };
            row(label.to_owned(), value)
        })
        .collect_view();
    let location = (!v.location.trim().is_empty())
        .then(|| row("Location".to_owned(), v.location.clone().into_any()));
    let validations = if v.validations.is_empty() {
        view! { <p>"Nobody had validated this version."</p> }.into_any()
    } else {
        view! {
            <ul class="attendee-list">{v.validations.into_iter().map(validation_item).collect_view()}</ul>
        }
        .into_any()
    };
    view! {
        <details class="details">
            <summary class="details-summary">{summary}</summary>
            <div class="details-body">
                <dl class="summary-list">
                    {row("Changed by".to_owned(), v.changed_by.name.into_any())}
                    {row(
                        "Changed on".to_owned(),
                        view! {
                            <time datetime=v.changed_at.to_rfc3339()>{dates::long_time(v.changed_at)}</time>
                        }
                            .into_any(),
                    )}
                    {row(
                        "Reason for the change".to_owned(),
                        view! { <p class="prose">{v.reason}</p> }.into_any(),
                    )}
                    {row("What changed".to_owned(), changed_in_words(&v.changed_fields).into_any())}
                </dl>
                <h3>{format!("What version {number} said")}</h3>
                <dl class="summary-list">
                    {row("Date held".to_owned(), dates::long(v.held_on).into_any())}
                    {row("Duration".to_owned(), format!("{} minutes", v.duration_minutes).into_any())}
                    {location}
                    {sections}
                </dl>
                <h3>{format!("How version {number} was validated")}</h3>
                {validations}
            </div>
        </details>
    }
}

/// A supervisee's validation of the earlier version, with their comment.
fn validation_item(validation: VersionValidation) -> impl IntoView {
    let state = validation.validation_state;
    let comment = validation.comment.filter(|c| !c.trim().is_empty());
    view! {
        <li class="attendee">
            <span class="attendee-name">{validation.supervisee.name}</span>
            " "
            <span class=format!("tag tag-{}", state.as_str())>{state.label()}</span>
            {comment.map(|c| {
                view! {
                    <blockquote class="attendee-comment">
                        <p class="visually-hidden">"Their comment:"</p>
                        <p class="prose">{c}</p>
                    </blockquote>
                }
            })}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::staff::StaffSummary;
    use chrono::{NaiveDate, Utc};
    use supervision_shared::RecordSection;
    use uuid::Uuid;

    fn version() -> RecordVersion {
        RecordVersion {
            version: 1,
            changed_by: StaffSummary {
                id: Uuid::nil(),
                name: "Priya Shah".to_owned(),
                job_title: String::new(),
                team_name: String::new(),
            },
            changed_at: Utc::now(),
            reason: "The date was wrong".to_owned(),
            changed_fields: vec!["heldOn".to_owned(), "actionPlan".to_owned()],
            held_on: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap_or_default(),
            duration_minutes: 60,
            location: String::new(),
            experience: "What happened then".to_owned(),
            reflection: "How it felt".to_owned(),
            analysis: String::new(),
            action_plan: String::new(),
            notes: String::new(),
            validations: Vec::new(),
        }
    }

    #[test]
    fn the_changed_fields_are_named_as_the_form_names_them() {
        assert_eq!(
            changed_in_words(&version().changed_fields),
            "Date held, Action plan"
        );
    }

    #[test]
    fn a_section_redacted_since_stays_redacted_in_earlier_versions() {
        let redactions = vec![Redaction {
            id: Uuid::nil(),
            section: RecordSection::Reflection,
            decided_at: Utc::now(),
        }];
        let sections = version_sections(&version(), &redactions);
        assert_eq!(sections.len(), 2);
        assert_eq!(
            sections[0],
            (
                "Experience",
                SectionBody::Text("What happened then".to_owned())
            )
        );
        assert!(matches!(
            sections[1],
            ("Reflection", SectionBody::Redacted(_))
        ));
    }
}
