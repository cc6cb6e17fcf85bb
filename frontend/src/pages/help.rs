//! `/help`: help and frequently asked questions (F9.2), open to anyone,
//! signed in or not (the first question is how to sign in), linked from
//! every page's footer. A search box narrows the questions as you type.

mod questions;

use leptos::prelude::*;

use crate::title::set_title;
use questions::{Question, questions};

/// The page's heading.
const TITLE: &str = "Help and frequently asked questions";

/// The `/help` page.
#[component]
pub fn HelpPage() -> impl IntoView {
    set_title(TITLE);
    let search = RwSignal::new(String::new());
    let all = StoredValue::new(questions());
    let shown = Memo::new(move |_| {
        let words = search.get();
        all.with_value(|all| {
            all.iter()
                .enumerate()
                .filter(|(_, q)| matches(q, &words))
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        })
    });
    view! {
        <h1 tabindex="-1">{TITLE}</h1>
        <form role="search" class="form-group help-search" on:submit=|ev| ev.prevent_default()>
            <label class="label" for="help-search">
                "Search the help"
            </label>
            <input
                id="help-search"
                class="input"
                type="search"
                autocomplete="off"
                prop:value=move || search.get()
                on:input=move |ev| search.set(event_target_value(&ev))
            />
        </form>
        <p role="status" class="muted">
            {move || match (search.with(|s| s.trim().is_empty()), shown.with(Vec::len)) {
                (true, _) => String::new(),
                (false, 0) => "No questions match your search. Try fewer or other words.".to_owned(),
                (false, 1) => "1 question matches your search.".to_owned(),
                (false, n) => format!("{n} questions match your search."),
            }}
        </p>
        <div class="help-list">
            {move || {
                let searching = search.with(|s| !s.trim().is_empty());
                shown
                    .get()
                    .into_iter()
                    .filter_map(|i| all.with_value(|all| all.get(i).map(|q| question_view(q, searching))))
                    .collect_view()
            }}
        </div>
    }
}

/// One question, folded away until opened; open while a search shows it.
fn question_view(q: &Question, open: bool) -> impl IntoView + use<> {
    let answer = q.answer.clone();
    view! {
        <details class="details" open=open>
            <summary class="details-summary">{q.question}</summary>
            <div class="details-body">
                {answer.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
            </div>
        </details>
    }
}

/// Whether every word searched for is in the question or its answer,
/// whatever its case. Nothing searched for matches everything.
fn matches(q: &Question, search: &str) -> bool {
    let text = format!("{} {}", q.question, q.answer.join(" ")).to_lowercase();
    search
        .to_lowercase()
        .split_whitespace()
        .all(|word| text.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_matches_questions_holding_every_word_in_any_case() {
        let all = questions();
        let found = |search: &str| {
            all.iter()
                .filter(|q| matches(q, search))
                .map(|q| q.question)
                .collect::<Vec<_>>()
        };
        assert_eq!(found("").len(), all.len());
        assert!(found("GROUP session").contains(&"How do I record a group session?"));
        assert!(found("sign in").contains(&"How do I sign in?"));
        assert!(found("password signal teleport").is_empty());
    }
}
