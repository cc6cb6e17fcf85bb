//! "When my next supervision is due": the caller's standing for each kind of
//! supervision, judged as the supervision reports judge it (F5.3, F5.4).

use chrono::NaiveDate;
use leptos::prelude::*;
use supervision_shared::compliance::end_of_month;
use supervision_shared::standing::{
    STANDINGS_HEADING, category_label, category_order, standings_as_at, status_class, status_words,
};

use crate::api::ApiError;
use crate::api::compliance::ComplianceStanding;
use crate::components::status::{LoadError, Loading};
use crate::dates;

/// The section on the home page: one row per kind.
#[component]
pub fn ComplianceSection(
    /// The caller's standings, asked for by the home page.
    standings: LocalResource<Result<Vec<ComplianceStanding>, ApiError>>,
) -> impl IntoView {
    view! {
        <section class="page-section compliance" aria-labelledby="compliance-heading">
            <h2 id="compliance-heading">{STANDINGS_HEADING}</h2>
            {move || match standings.get() {
                None => view! { <Loading what="when your next supervision is due" /> }.into_any(),
                Some(Err(err)) => view! { <LoadError error=err /> }.into_any(),
                Some(Ok(mut list)) => {
                    // The server's answer carries the date it judged at; it is
                    // the same on every row.
                    let as_at = list
                        .first()
                        .map_or_else(|| end_of_month(dates::today()), |s| s.as_at);
                    list.sort_by_key(|s| category_order(s.category));
                    view! {
                        <p class="muted">{standings_as_at(as_at)}</p>
                        <ul class="compliance-list">
                            {list.into_iter().map(standing_item).collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// One kind: its name, the verdict, the last formal one and the next due.
fn standing_item(standing: ComplianceStanding) -> impl IntoView {
    let status = standing.status;
    view! {
        <li class="compliance-item">
            <div class="compliance-head">
                <h3 class="compliance-kind">{category_label(standing.category)}</h3>
                <span class=format!("tag tag-status tag-{}", status_class(status))>
                    <span class="visually-hidden">"Status: "</span>
                    {status_words(status, standing.next_due)}
                </span>
            </div>
            <dl class="record-facts">
                <div>
                    <dt>"Last formal supervision"</dt>
                    <dd>{date_or_none(standing.last)}</dd>
                </div>
                <div>
                    <dt>"Next due"</dt>
                    <dd>{date_or_none(standing.next_due)}</dd>
                </div>
            </dl>
        </li>
    }
}

/// A date, or a dash that screen readers read as "none".
fn date_or_none(date: Option<NaiveDate>) -> impl IntoView {
    match date {
        Some(date) => {
            view! { <time datetime=dates::iso(date)>{dates::long(date)}</time> }.into_any()
        }
        None => view! {
            <span aria-hidden="true">"—"</span>
            <span class="visually-hidden">"None"</span>
        }
        .into_any(),
    }
}
