//! `/audits/:id`: one dip-sample audit round: what it sampled, how the
//! scored records met each standard, and each record drawn, to read and to
//! score while the round is open.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use crate::api::quality::{Round, Sample, StandardResult, audit_round};
use crate::api::{ApiError, ErrorCode};
use crate::components::status::{LoadError, Loading};
use crate::dates;
use crate::title::set_title;

/// The `/audits/:id` page.
#[component]
pub fn AuditRoundPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .with(|p| p.get("id"))
            .and_then(|s| Uuid::parse_str(&s).ok())
    });
    let round = LocalResource::new(move || {
        let id = id.get();
        async move {
            match id {
                Some(id) => audit_round(id).await,
                None => Err(ApiError::new(ErrorCode::NotFound, "malformed id")),
            }
        }
    });
    move || match round.get() {
        None => {
            set_title("Audit round");
            view! {
                <h1 tabindex="-1">"Audit round"</h1>
                <Loading what="the audit round" />
            }
            .into_any()
        }
        Some(Err(err)) if err.code == ErrorCode::NotFound => {
            set_title("Audit round not found");
            view! {
                <h1 tabindex="-1">"Audit round not found"</h1>
                <p><A href="/audits">"Go to audits"</A></p>
            }
            .into_any()
        }
        Some(Err(err)) => view! {
            <h1 tabindex="-1">"Audit round"</h1>
            <LoadError error=err />
        }
        .into_any(),
        Some(Ok(found)) => {
            set_title(&found.title);
            round_view(found).into_any()
        }
    }
}

fn round_view(round: Round) -> impl IntoView {
    let open = round.is_open(chrono::Utc::now());
    let state = if open {
        format!("Open until {}.", dates::long_time(round.closes_at))
    } else {
        "Closed: its records can no longer be read for the audit.".to_owned()
    };
    let round_id = round.id;
    let results = (round.scored_count > 0).then(|| results_view(round.results.clone()));
    view! {
        <h1 tabindex="-1">{round.title.clone()}</h1>
        <p>
            {format!(
                "Sessions held from {} to {}: {} of {} eligible records drawn, {} scored. ",
                dates::long(round.period_from),
                dates::long(round.period_to),
                round.records.len(),
                round.eligible_count,
                round.scored_count,
            )}
            {state}
        </p>
        <p class="hint">
            {format!(
                "Drawn at random with seed {}: the same seed over the same eligible records draws the same sample.",
                round.seed,
            )}
        </p>
        {results}
        <section class="page-section" aria-labelledby="drawn-heading">
            <h2 id="drawn-heading">"Records drawn"</h2>
            <ul class="record-list">
                {round
                    .records
                    .into_iter()
                    .map(|record| record_card(round_id, record, open))
                    .collect_view()}
            </ul>
        </section>
        <p><A href="/audits">"Back to audits"</A></p>
    }
}

fn results_view(results: Vec<StandardResult>) -> impl IntoView {
    view! {
        <section class="page-section" aria-labelledby="results-heading">
            <h2 id="results-heading">"Results"</h2>
            <ul class="plain-list audit-results">
                {results
                    .into_iter()
                    .map(|r| {
                        view! {
                            <li>
                                <p>{r.standard.text}</p>
                                <p class="hint">
                                    {format!(
                                        "Met {}, partly met {}, not met {}, not applicable {}",
                                        r.met,
                                        r.partly_met,
                                        r.not_met,
                                        r.not_applicable,
                                    )}
                                </p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

fn record_card(round: Uuid, record: Sample, open: bool) -> impl IntoView {
    let scored = !record.scores.is_empty();
    let short = record
        .scores
        .iter()
        .filter(|s| {
            matches!(
                s.rating,
                supervision_shared::quality::AuditRating::PartlyMet
                    | supervision_shared::quality::AuditRating::NotMet
            )
        })
        .count();
    let n = record.position;
    view! {
        <li class="record-card">
            <h3 class="card-title">{format!("Record {n}")}</h3>
            <p>
                {format!(
                    "{}, held {}",
                    record.kind.label(),
                    dates::long(record.held_on),
                )}
            </p>
            <p class="tag-line">
                {if scored {
                    view! {
                        <span class="tag">
                            {format!("Scored: {short} standards not fully met")}
                        </span>
                    }
                        .into_any()
                } else {
                    view! { <span class="tag tag-overdue">"To score"</span> }.into_any()
                }}
            </p>
            <ul class="plain-list">
                <li>
                    <A href=format!("/supervisions/{}", record.supervision_id)>
                        {format!("Read record {n}")}
                    </A>
                </li>
                {open
                    .then(|| {
                        view! {
                            <li>
                                <A href=format!(
                                    "/audits/{round}/records/{}",
                                    record.supervision_id,
                                )>{format!("Score record {n}")}</A>
                            </li>
                        }
                    })}
            </ul>
        </li>
    }
}
