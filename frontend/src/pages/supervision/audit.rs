//! What dip-sample audits found of a record (F8.1), for whoever reads its
//! content: the supervisor who wrote it learns what to change, and the
//! supervisee sees that their record was looked at by someone other than
//! their line manager (Cumbria's quality assurance).

use leptos::prelude::*;
use supervision_shared::quality::AuditRating;

use crate::api::quality::Feedback;
use crate::dates;

/// The section: each round's standards not fully met, with what the auditor
/// saw, and how many were met.
pub fn feedback_section(feedback: Vec<Feedback>) -> impl IntoView {
    view! {
        <section class="page-section" aria-labelledby="audit-feedback-heading">
            <h2 id="audit-feedback-heading">"Audit feedback"</h2>
            {feedback.into_iter().map(round_feedback).collect_view()}
        </section>
    }
}

fn round_feedback(round: Feedback) -> impl IntoView {
    let met = round
        .scores
        .iter()
        .filter(|s| s.rating == AuditRating::Met)
        .count();
    let short: Vec<_> = round
        .scores
        .into_iter()
        .filter(|s| matches!(s.rating, AuditRating::PartlyMet | AuditRating::NotMet))
        .collect();
    view! {
        <div class="record-card">
            <h3 class="card-title">{format!("Dip-sample audit: {}", round.round_title)}</h3>
            <p class="hint">
                {format!(
                    "Scored by {} on {}. {met} standards met.",
                    round.scored_by.name,
                    dates::long_time(round.scored_at),
                )}
            </p>
            {if short.is_empty() {
                view! { <p>"Every standard that applies is met."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {short
                            .into_iter()
                            .map(|s| {
                                view! {
                                    <li>
                                        <p>
                                            <strong>{s.rating.label()}</strong>
                                            {format!(": {}", s.standard.text)}
                                        </p>
                                        <p class="prose">{s.comment}</p>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </div>
    }
}
