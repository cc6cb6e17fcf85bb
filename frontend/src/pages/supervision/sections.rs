//! The supervisory-cycle sections of a record: each with its text, or, where
//! a section was redacted on request, a sentence saying when.

use leptos::prelude::*;
use supervision_shared::RecordSection;

use crate::api::redaction::Redaction;
use crate::api::supervision::SupervisionContent;
use crate::dates;

/// What a section shows: its text, or that it was redacted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum SectionBody {
    /// The section's text.
    Text(String),
    /// Redacted on request on this day.
    Redacted(chrono::NaiveDate),
}

/// The supervisory-cycle sections in order: a redacted one says so where it
/// would be, an empty one (or one the viewer may not read) is left out.
pub(super) fn section_bodies(
    content: Option<&SupervisionContent>,
    redactions: &[Redaction],
) -> Vec<(RecordSection, SectionBody)> {
    RecordSection::ALL
        .iter()
        .filter_map(|&section| {
            if let Some(redaction) = redactions.iter().find(|r| r.section == section) {
                let day = redaction
                    .decided_at
                    .with_timezone(&chrono::Local)
                    .date_naive();
                return Some((section, SectionBody::Redacted(day)));
            }
            let content = content?;
            let text = match section {
                RecordSection::Experience => &content.experience,
                RecordSection::Reflection => &content.reflection,
                RecordSection::Analysis => &content.analysis,
                RecordSection::ActionPlan => &content.action_plan,
                RecordSection::Notes => &content.notes,
            };
            (!text.trim().is_empty()).then(|| (section, SectionBody::Text(text.clone())))
        })
        .collect()
}

/// The sections as the page shows them.
pub fn sections_view(
    content: Option<&SupervisionContent>,
    redactions: &[Redaction],
) -> impl IntoView + use<> {
    section_bodies(content, redactions)
        .into_iter()
        .map(|(section, body)| {
            let body = match body {
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
            view! {
                <section class="record-section">
                    <h2>{section.label()}</h2>
                    {body}
                </section>
            }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use uuid::Uuid;

    fn content() -> SupervisionContent {
        SupervisionContent {
            experience: "What happened".to_owned(),
            reflection: String::new(),
            analysis: "  ".to_owned(),
            action_plan: "Next steps".to_owned(),
            notes: String::new(),
            functions: Vec::new(),
            actions: Vec::new(),
            amendments: Vec::new(),
            cases: Vec::new(),
            attachments: Vec::new(),
            comments: Vec::new(),
            audit_feedback: Vec::new(),
        }
    }

    #[test]
    fn a_redacted_section_is_shown_where_it_was_and_empty_ones_are_left_out() {
        let Some(decided_at) = Utc.with_ymd_and_hms(2026, 3, 4, 12, 0, 0).single() else {
            panic!("valid time");
        };
        let redactions = vec![Redaction {
            id: Uuid::nil(),
            section: RecordSection::Reflection,
            decided_at,
        }];
        let bodies = section_bodies(Some(&content()), &redactions);
        let sections: Vec<_> = bodies.iter().map(|(s, _)| *s).collect();
        assert_eq!(
            sections,
            vec![
                RecordSection::Experience,
                RecordSection::Reflection,
                RecordSection::ActionPlan
            ]
        );
        assert!(matches!(bodies[1].1, SectionBody::Redacted(_)));
    }

    #[test]
    fn someone_who_may_not_read_the_content_still_learns_what_was_redacted() {
        let redactions = vec![Redaction {
            id: Uuid::nil(),
            section: RecordSection::Notes,
            decided_at: Utc::now(),
        }];
        let bodies = section_bodies(None, &redactions);
        assert_eq!(bodies.len(), 1);
        assert_eq!(bodies[0].0, RecordSection::Notes);
        assert!(section_bodies(None, &[]).is_empty());
    }
}
