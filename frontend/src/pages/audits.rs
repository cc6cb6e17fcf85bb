//! `/audits`: an auditor's dip-sample audit rounds (F8.1, issue 16): each
//! round with how many of its records are scored, and the form to draw a
//! new one. A round's page (`round.rs`) shows its results and records; each
//! record is scored on a page of its own (`score.rs`). Anyone else is told
//! the page is not for them (the server refuses them too).

mod draw_form;
pub mod round;
pub mod score;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::quality::{Round, audit_rounds};
use crate::components::role_gate::Gated;
use crate::dates;
use crate::title::set_title;
use draw_form::DrawForm;

/// The page's title.
pub const TITLE: &str = "Audits";

/// The `/audits` page.
#[component]
pub fn AuditsPage() -> impl IntoView {
    set_title(TITLE);
    let page = Gated::new(|me| me.is_auditor(), audit_rounds);
    view! {
        <h1 tabindex="-1">{TITLE}</h1>
        <p>
            "A dip-sample audit draws records at random from a period and scores each against the audit tool. The records drawn are open to you for the audit until the round closes; each supervisee sees that their record was read, by whom and why."
        </p>
        {page
            .view(
                "your audit rounds",
                "Only auditors draw and score dip-sample audits.",
                |rounds| {
                    view! {
                        <section class="page-section" aria-labelledby="rounds-heading">
                            <h2 id="rounds-heading">"Rounds"</h2>
                            {rounds_list(rounds)}
                        </section>
                        <DrawForm />
                    }
                        .into_any()
                },
            )}
    }
}

fn rounds_list(rounds: Vec<Round>) -> AnyView {
    if rounds.is_empty() {
        return view! { <p>"No round has been drawn yet."</p> }.into_any();
    }
    let now = chrono::Utc::now();
    view! {
        <ul class="record-list">
            {rounds.into_iter().map(|round| round_card(round, now)).collect_view()}
        </ul>
    }
    .into_any()
}

fn round_card(round: Round, now: chrono::DateTime<chrono::Utc>) -> impl IntoView {
    let state = if round.is_open(now) {
        format!(
            "{} of {} scored; open until {}",
            round.scored_count,
            round.records.len(),
            dates::long_time(round.closes_at)
        )
    } else {
        format!(
            "{} of {} scored; closed",
            round.scored_count,
            round.records.len()
        )
    };
    view! {
        <li class="record-card">
            <h3 class="card-title">
                <A href=format!("/audits/{}", round.id)>{round.title}</A>
            </h3>
            <p>
                {format!(
                    "Sessions held from {} to {}",
                    dates::long(round.period_from),
                    dates::long(round.period_to),
                )}
            </p>
            <p class="hint">{state}</p>
        </li>
    }
}
