//! The home page's top as the app draws it (frontend/src/pages/home.rs and
//! its parts): the header's navigation, the records waiting for the person's
//! validation, and their standings. Markup and words must stay the app's,
//! element for element, or the page would jump when the app takes over;
//! backend/tests/api/static_files.rs and e2e/tests/first-page.spec.ts
//! compare the two.

use chrono::NaiveDate;
use supervision_shared::compliance::{CategoryStanding, end_of_month, told_on};
use supervision_shared::first_page::{
    AWAITING_INTRO, awaiting_heading, long_date, record_name, recorded_by,
};
use supervision_shared::navigation::main_links;
use supervision_shared::standing::{
    STANDINGS_HEADING, category_label, category_order, standings_as_at, status_class, status_words,
};
use uuid::Uuid;

use super::super::html::escape;
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppResult;
use crate::service::compliance::my_standing;
use crate::service::directory;
use crate::service::supervision::awaiting_my_validation;

/// The most waiting records drawn; the app shows the rest.
const AWAITING_DRAWN: u64 = 20;

/// The home page's navigation and body.
pub async fn draw(state: &AppState, viewer: &Viewer) -> AppResult<(String, String)> {
    let supervised = directory::is_supervised(&state.db, viewer).await?;
    let mut body = awaiting(state, viewer).await?;
    if supervised {
        body.push_str(&standings(state, viewer).await?);
    }
    Ok((navigation(viewer, supervised), body))
}

/// The header's navigation as the app draws it
/// (frontend/src/components/nav.rs), on the home page. Its sign-out button
/// is disabled: signing out needs the app's request (with the header the
/// CSRF check asks for), and the app's own button replaces it a second or
/// two later. A button that looked ready and did nothing was clicked.
fn navigation(viewer: &Viewer, supervised: bool) -> String {
    let links: String = main_links(&viewer.roles, supervised)
        .iter()
        .map(|link| {
            let current = if link.href == "/" {
                r#" aria-current="page""#
            } else {
                ""
            };
            format!(
                r#"<li><a href="{href}"{current}>{label}</a></li>"#,
                href = link.href,
                label = escape(link.label),
            )
        })
        .collect();
    format!(
        r#"<nav aria-label="Main"><ul class="nav-list">{links}</ul><div class="signed-in"><span class="signed-in-name"><span class="visually-hidden">Signed in as </span>{name}</span><button type="button" class="button button-secondary" disabled>Sign out</button></div></nav>"#,
        name = escape(&viewer.name),
    )
}

/// The waiting records (frontend/src/pages/home/awaiting.rs), or nothing
/// when none wait.
async fn awaiting(state: &AppState, viewer: &Viewer) -> AppResult<String> {
    let records = awaiting_my_validation(&state.db, viewer, AWAITING_DRAWN).await?;
    if records.is_empty() {
        return Ok(String::new());
    }
    let recorders: Vec<Uuid> = records.iter().map(|r| r.record.recorded_by).collect();
    let people = directory::staff_by_ids(&state.db, viewer.organisation_id, &recorders).await?;
    let rows: String = records
        .iter()
        .map(|visible| {
            let record = &visible.record;
            let recorder = people
                .get(&record.recorded_by)
                .map(|p| p.name.as_str())
                .unwrap_or_default();
            format!(
                r#"<li class="action-row"><a class="action-row-link" href="/supervisions/{id}">{name}</a><p class="action-row-meta">{by}</p></li>"#,
                id = record.id,
                name = escape(&record_name(record.kind, record.held_on)),
                by = escape(&recorded_by(recorder)),
            )
        })
        .collect();
    Ok(format!(
        r#"<section class="page-section awaiting" aria-labelledby="awaiting-heading"><h2 id="awaiting-heading">{heading}</h2><p>{intro}</p><ul class="action-rows">{rows}</ul></section>"#,
        heading = escape(&awaiting_heading(records.len())),
        intro = escape(AWAITING_INTRO),
    ))
}

/// "When my next supervision is due" (frontend/src/pages/home/compliance.rs),
/// judged as the `myCompliance` query judges it: as at the end of this
/// month, told as of today.
async fn standings(state: &AppState, viewer: &Viewer) -> AppResult<String> {
    let today = viewer.today();
    let as_at = end_of_month(today);
    let mut list: Vec<CategoryStanding> = my_standing(&state.db, viewer, as_at)
        .await?
        .into_iter()
        .map(|s| told_on(s, today))
        .collect();
    list.sort_by_key(|s| category_order(s.category));
    Ok(standings_section(as_at, &list))
}

/// The section's markup for standings judged as at `as_at`.
fn standings_section(as_at: NaiveDate, list: &[CategoryStanding]) -> String {
    let items: String = list
        .iter()
        .map(|s| {
            format!(
                r#"<li class="compliance-item"><div class="compliance-head"><h3 class="compliance-kind">{kind}</h3><span class="tag tag-status tag-{class}"><span class="visually-hidden">Status: </span>{words}</span></div><dl class="record-facts"><div><dt>Last formal supervision</dt><dd>{last}</dd></div><div><dt>Next due</dt><dd>{next}</dd></div></dl></li>"#,
                kind = escape(category_label(s.category)),
                class = status_class(s.status),
                words = escape(&status_words(s.status, s.next_due)),
                last = date_or_none(s.last),
                next = date_or_none(s.next_due),
            )
        })
        .collect();
    format!(
        r#"<section class="page-section compliance" aria-labelledby="compliance-heading"><h2 id="compliance-heading">{heading}</h2><p class="muted">{as_at}</p><ul class="compliance-list">{items}</ul></section>"#,
        heading = escape(STANDINGS_HEADING),
        as_at = escape(&standings_as_at(as_at)),
    )
}

/// A date, or a dash that screen readers read as "none".
fn date_or_none(date: Option<NaiveDate>) -> String {
    match date {
        Some(date) => format!(
            r#"<time datetime="{iso}">{long}</time>"#,
            iso = date.format("%Y-%m-%d"),
            long = escape(&long_date(date)),
        ),
        None => r#"<span aria-hidden="true">—</span><span class="visually-hidden">None</span>"#
            .to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use supervision_shared::{ComplianceCategory, ComplianceStatus};

    #[test]
    fn a_standing_is_drawn_with_its_verdict_and_dates_or_a_dash() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap_or_default();
        let html = standings_section(
            day(31),
            &[CategoryStanding {
                category: ComplianceCategory::Management,
                last: None,
                next_due: Some(day(24)),
                status: ComplianceStatus::DueByMonthEnd,
            }],
        );
        assert!(html.contains(r#"<h3 class="compliance-kind">Line management</h3><span class="tag tag-status tag-due-by-month-end"><span class="visually-hidden">Status: </span>Due by 24 December 2026</span>"#), "{html}");
        assert!(html.contains(r#"<dt>Last formal supervision</dt><dd><span aria-hidden="true">—</span><span class="visually-hidden">None</span></dd>"#), "{html}");
        assert!(
            html.contains(r#"<dd><time datetime="2026-12-24">24 December 2026</time></dd>"#),
            "{html}"
        );
        assert!(
            html.contains("As at 31 December 2026, the end of this month"),
            "{html}"
        );
    }
}
