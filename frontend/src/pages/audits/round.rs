//! `/audits/:id`: one dip-sample audit round: what it sampled, how the
//! scored records met the audit tool (overall, per standard, per unit, and
//! as a CSV download), and each record drawn, to read and to score while
//! the round is open.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

use supervision_shared::quality::Tally;

use crate::api::quality::{
    Finding, Round, Sample, StandardResult, UnitResult, audit_round, results_csv_url,
};
use crate::api::{ApiError, ErrorCode};
use crate::components::status::{LoadError, Loading};
use crate::dates;
use crate::title::set_title;

/// The `/audits/:id` page.
#[component]
pub fn AuditRoundPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    // "Raised" is said once, on arrival from raising a finding; the address
    // loses it at once, so a reload or a return does not say it again.
    let raised = query.with_untracked(|q| q.get("raised").is_some());
    let id = Memo::new(move |_| {
        params
            .with(|p| p.get("id"))
            .and_then(|s| Uuid::parse_str(&s).ok())
    });
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let (true, Some(id)) = (raised, id.get_untracked()) {
            navigate(
                &format!("/audits/{id}"),
                leptos_router::NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
    let session = crate::session::use_session();
    let me = move || session.person().map(|p| p.id);
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
            round_view(found, raised, me()).into_any()
        }
    }
}

fn round_view(round: Round, raised: bool, me: Option<Uuid>) -> impl IntoView {
    let open = round.is_open(chrono::Utc::now());
    // Only whoever drew the round scores it and raises findings on it (the
    // server refuses anyone else): others are not offered the links.
    let mine = me == Some(round.drawn_by.id);
    let drawn_by = if mine {
        "Drawn by you.".to_owned()
    } else {
        format!(
            "Drawn by {}: only they score its records and raise findings.",
            round.drawn_by.name
        )
    };
    let state = if open {
        format!("Open until {}.", dates::long_time(round.closes_at))
    } else {
        "Closed: its records can no longer be read for the audit.".to_owned()
    };
    let round_id = round.id;
    let results = (round.scored_count > 0).then(|| {
        results_view(
            round_id,
            round.overall,
            round.results.clone(),
            round.unit_results.clone(),
        )
    });
    view! {
        <h1 tabindex="-1">{round.title.clone()}</h1>
        {raised
            .then(|| {
                view! {
                    <div class="notice notice-success" role="status">
                        <p>"The finding was raised as an action: its owner sees it in their actions."</p>
                    </div>
                }
            })}
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
        <p>{drawn_by}</p>
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
                    .map(|record| record_card(round_id, record, open && mine))
                    .collect_view()}
            </ul>
        </section>
        <p><A href="/audits">"Back to audits"</A></p>
    }
}

fn results_view(
    round: Uuid,
    overall: Tally,
    standards: Vec<StandardResult>,
    units: Vec<UnitResult>,
) -> impl IntoView {
    view! {
        <section class="page-section" aria-labelledby="results-heading">
            <h2 id="results-heading">"Results"</h2>
            <p class="audit-overall">{format!("All standards: {}.", met_share(overall))}</p>
            <p>
                <a href=results_csv_url(round) download="" rel="external">
                    "Download the results (CSV)"
                </a>
            </p>
            <h3>"By standard"</h3>
            <ul class="plain-list audit-results">
                {standards
                    .into_iter()
                    .map(|r| {
                        view! {
                            <li>
                                <p>{r.standard.text}</p>
                                <p class="hint">{counts(r.tally)}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <h3>"By unit"</h3>
            <p class="hint">"A record counts for the unit each of its supervisees is in now."</p>
            <ul class="plain-list audit-units">
                {units
                    .into_iter()
                    .map(|u| {
                        let records = if u.records == 1 {
                            "1 record scored".to_owned()
                        } else {
                            format!("{} records scored", u.records)
                        };
                        view! {
                            <li>
                                <p><strong>{u.unit_name}</strong>{format!(": {records}")}</p>
                                <p class="hint">{counts(u.tally)}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// "66% met in full (2 of 3 where it applied)", or that nothing applied.
pub fn met_share(tally: Tally) -> String {
    match tally.met_percent() {
        Some(percent) => format!(
            "{percent}% met in full ({} of {} where it applied)",
            tally.met,
            tally.applicable()
        ),
        None => "not applicable to any record scored".to_owned(),
    }
}

/// The share met and each rating's count, in words.
fn counts(tally: Tally) -> String {
    let share = met_share(tally);
    let mut share = share.chars();
    let first = share
        .next()
        .map(|c| c.to_uppercase().collect::<String>())
        .unwrap_or_default();
    format!(
        "{first}{}. Met {}, partly met {}, not met {}, not applicable {}.",
        share.as_str(),
        tally.met,
        tally.partly_met,
        tally.not_met,
        tally.not_applicable,
    )
}

/// The findings raised on a record as actions: what, who, by when.
fn findings_list(n: i32, findings: Vec<Finding>) -> Option<impl IntoView> {
    (!findings.is_empty()).then(|| {
        view! {
            <h4>{format!("Findings on record {n}")}</h4>
            <ul class="plain-list audit-findings">
                {findings
                    .into_iter()
                    .map(|f| {
                        let due = f
                            .due_on
                            .map(|d| format!(", due by {}", dates::long(d)))
                            .unwrap_or_default();
                        view! {
                            <li>
                                <p>{f.description}</p>
                                <p class="hint">{format!("{}{due}", f.owner.name)}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
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
                            <li>
                                <A href=format!(
                                    "/audits/{round}/records/{}/finding",
                                    record.supervision_id,
                                )>{format!("Raise a finding on record {n}")}</A>
                            </li>
                        }
                    })}
            </ul>
            {findings_list(n, record.findings)}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use supervision_shared::quality::AuditRating::{Met, NotApplicable, NotMet, PartlyMet};

    #[test]
    fn the_share_met_is_told_with_what_it_is_a_share_of() {
        assert_eq!(
            met_share(Tally::of([Met, Met, PartlyMet, NotApplicable])),
            "66% met in full (2 of 3 where it applied)"
        );
        assert_eq!(
            met_share(Tally::of([NotApplicable])),
            "not applicable to any record scored"
        );
        assert_eq!(
            counts(Tally::of([NotMet])),
            "0% met in full (0 of 1 where it applied). Met 0, partly met 0, not met 1, not applicable 0."
        );
    }
}
