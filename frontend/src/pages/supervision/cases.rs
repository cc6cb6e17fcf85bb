//! The cases discussed in a record (F3.7), each under its pseudonymous
//! reference: summary, analysis, decision and actions, and whether it was
//! closed or transferred.

use leptos::prelude::*;

use crate::api::case::CaseDiscussion;

/// The "Cases discussed" section; nothing when no case was discussed.
pub fn cases_view(cases: Vec<CaseDiscussion>) -> impl IntoView + use<> {
    (!cases.is_empty()).then(|| {
        view! {
            <section class="record-section" aria-labelledby="cases-heading">
                <h2 id="cases-heading">"Cases discussed"</h2>
                <ul class="case-list">{cases.into_iter().map(case_item).collect_view()}</ul>
            </section>
        }
    })
}

/// The parts of a case that were written, in order.
fn case_parts(case: &CaseDiscussion) -> Vec<(&'static str, String)> {
    [
        ("Summary", &case.summary),
        ("Analysis", &case.analysis),
        ("Decision", &case.decision),
        ("Actions", &case.actions),
    ]
    .into_iter()
    .filter(|(_, text)| !text.trim().is_empty())
    .map(|(term, text)| (term, text.clone()))
    .collect()
}

/// One case.
fn case_item(case: CaseDiscussion) -> impl IntoView {
    let parts = case_parts(&case);
    view! {
        <li class="case-item">
            <h3 class="case-reference">{case.reference}</h3>
            {case
                .worker
                .map(|worker| view! { <p class="case-worker">{format!("Case of: {}", worker.name)}</p> })}
            {case
                .closed
                .then(|| view! { <p class="tag-line"><span class="tag">"Closed or transferred"</span></p> })}
            {(!parts.is_empty())
                .then(|| {
                    view! {
                        <dl class="case-facts">
                            {parts
                                .into_iter()
                                .map(|(term, text)| view! {
                                    <div>
                                        <dt>{term}</dt>
                                        <dd class="prose">{text}</dd>
                                    </div>
                                })
                                .collect_view()}
                        </dl>
                    }
                })}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_parts_of_a_case_that_were_written_are_shown() {
        let case = CaseDiscussion {
            reference: "CN-204518".into(),
            summary: "Leg ulcer, slow to heal".into(),
            analysis: "  ".into(),
            decision: "Refer to tissue viability".into(),
            actions: String::new(),
            closed: false,
            worker: None,
        };
        let terms: Vec<_> = case_parts(&case).into_iter().map(|(t, _)| t).collect();
        assert_eq!(terms, vec!["Summary", "Decision"]);
    }
}
