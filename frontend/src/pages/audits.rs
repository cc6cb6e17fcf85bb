//! `/audits`: an auditor's dip-sample audit rounds (F8.1, issue 16): the
//! trend of how records met the audit tool round by round, each round with
//! how many of its records are scored, and the form to draw a new one. A round's page (`round.rs`) shows its results and records; each
//! record is scored on a page of its own (`score.rs`). Anyone else is told
//! the page is not for them (the server refuses them too).

mod draw_form;
pub mod finding;
pub mod round;
pub mod score;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::quality::{Round, audit_rounds};
use crate::components::role_gate::Gated;
use crate::dates;
use crate::title::set_title;
use draw_form::DrawForm;
use round::met_share;

/// The page's title.
pub const TITLE: &str = "Audits";

/// The round and the record a page under `/audits/:id/records/:record` is
/// about, from its address; none when either id is malformed.
fn record_in_round() -> Memo<Option<(uuid::Uuid, uuid::Uuid)>> {
    let params = leptos_router::hooks::use_params_map();
    Memo::new(move |_| {
        params.with(|p| {
            let id = |key| p.get(key).and_then(|s| uuid::Uuid::parse_str(&s).ok());
            id("id").zip(id("record"))
        })
    })
}

/// The ids [`record_in_round`] read, or "not found" for a malformed address.
fn addressed(
    ids: Option<(uuid::Uuid, uuid::Uuid)>,
) -> Result<(uuid::Uuid, uuid::Uuid), crate::api::ApiError> {
    ids.ok_or_else(|| crate::api::ApiError::new(crate::api::ErrorCode::NotFound, "malformed id"))
}

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
                        {trend(&rounds)}
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

/// The trend of how records met the audit tool, once two rounds have
/// scores to compare: whether supervision is getting better.
fn trend(rounds: &[Round]) -> Option<impl IntoView + use<>> {
    let points = trend_points(rounds, chrono::Utc::now());
    (points.len() >= 2).then(|| {
        view! {
            <section class="page-section" aria-labelledby="trend-heading">
                <h2 id="trend-heading">"Trend"</h2>
                <p class="hint">"Standards met in full where they applied, round by round, oldest first."</p>
                <ol class="plain-list audit-trend">
                    {points.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                </ol>
            </section>
        }
    })
}

/// The rounds with scores, oldest period first, each with the share of
/// standards met in full. A round still open is marked: its figure may
/// change.
fn trend_points(rounds: &[Round], now: chrono::DateTime<chrono::Utc>) -> Vec<String> {
    let mut scored: Vec<&Round> = rounds.iter().filter(|r| r.scored_count > 0).collect();
    scored.sort_by_key(|r| (r.period_to, r.period_from));
    scored
        .into_iter()
        .map(|r| {
            format!(
                "{} ({} to {}): {}, {} {} scored{}",
                r.title,
                dates::long(r.period_from),
                dates::long(r.period_to),
                met_share(r.overall),
                r.scored_count,
                if r.scored_count == 1 {
                    "record"
                } else {
                    "records"
                },
                if r.is_open(now) {
                    "; still being scored"
                } else {
                    ""
                },
            )
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone, Utc};
    use supervision_shared::quality::AuditRating::{Met, NotMet};
    use supervision_shared::quality::Tally;

    fn round(title: &str, month: u32, scored: usize, overall: Tally, open: bool) -> Round {
        let day = |d| NaiveDate::from_ymd_opt(2026, month, d).unwrap_or_default();
        Round {
            id: uuid::Uuid::nil(),
            title: title.to_owned(),
            period_from: day(1),
            period_to: day(28),
            eligible_count: 10,
            seed: "1".to_owned(),
            drawn_by: crate::api::staff::StaffSummary {
                id: uuid::Uuid::nil(),
                name: "Grace Liu".to_owned(),
                job_title: String::new(),
                team_name: String::new(),
            },
            closes_at: if open {
                Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0)
                    .single()
                    .unwrap_or_default()
            } else {
                Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
                    .single()
                    .unwrap_or_default()
            },
            scored_count: scored,
            records: Vec::new(),
            overall,
            results: Vec::new(),
            unit_results: Vec::new(),
        }
    }

    #[test]
    fn the_trend_runs_oldest_first_leaves_out_unscored_rounds_and_marks_open_ones() {
        let now = Utc
            .with_ymd_and_hms(2026, 12, 6, 12, 0, 0)
            .single()
            .unwrap_or_default();
        // Newest first, as the server lists them.
        let rounds = [
            round("Quarter 4", 10, 1, Tally::of([Met, Met, Met, NotMet]), true),
            round("Not yet scored", 9, 0, Tally::default(), true),
            round("Quarter 2", 4, 2, Tally::of([Met, NotMet]), false),
        ];
        assert_eq!(
            trend_points(&rounds, now),
            [
                "Quarter 2 (1 April 2026 to 28 April 2026): 50% met in full (1 of 2 where it applied), 2 records scored",
                "Quarter 4 (1 October 2026 to 28 October 2026): 75% met in full (3 of 4 where it applied), 1 record scored; still being scored",
            ]
        );
    }
}
