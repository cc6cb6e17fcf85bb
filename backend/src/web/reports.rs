//! `GET /reports/compliance.csv?unit={id}&asAt={date}`: the team
//! compliance report for a unit's whole subtree, one row per person, as a
//! streamed CSV download (works for a whole trust). The same scope rule as
//! the on-screen report: a unit outside the viewer's subtree is not found.
//! A BI tool may fetch it with its token (`Authorization: Bearer …`)
//! instead of a session: the token's units are its scope, and the use is
//! audited.

use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use supervision_shared::compliance::end_of_month;
use tower_sessions::Session;
use uuid::Uuid;

use crate::AppState;
use crate::auth::current_viewer;
use crate::error::{AppError, AppResult};
use crate::service::access::ReportingScope;
use crate::service::compliance::team::{People, PersonLine, team_report};
use crate::web::bi;
use crate::web::csv::{cell, download_headers};

/// The query string.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CsvQuery {
    unit: Uuid,
    as_at: Option<NaiveDate>,
}

/// Rows per chunk of the stream.
const CHUNK: usize = 500;

/// The report as CSV.
pub async fn compliance_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    session: Session,
    Query(query): Query<CsvQuery>,
) -> AppResult<Response> {
    let scope = match bi::bearer_token(&headers) {
        Some(token) => {
            let client = match bi::admit(&state, Some(token)).await {
                Ok(client) => client,
                Err(refusal) => return Ok(refusal),
            };
            let asked = serde_json::json!({
                "endpoint": "/reports/compliance.csv",
                "unit": query.unit,
                "asAt": query.as_at,
            });
            crate::service::bi::record_use(&state.db, &client, asked).await?;
            client.scope()
        }
        None => {
            let viewer = current_viewer(&state, &session)
                .await?
                .ok_or(AppError::Unauthenticated)?;
            ReportingScope::of_viewer(&state.db, &viewer).await?
        }
    };
    let today = scope.today();
    let as_at = query.as_at.unwrap_or_else(|| end_of_month(today));
    let _turn = state.heavy_reports.turn().await?;
    let mut people = team_report(&state.db, &scope, query.unit, as_at, People::WholeBranch)
        .await?
        .people;
    // A download is read in a spreadsheet: alphabetical, like a staff list.
    people.sort_by(|a, b| a.card.name.cmp(&b.card.name));

    let header_row = Bytes::from(
        "Name,Employee number,Job title,Team,As at,\
         Clinical last,Clinical next due,Clinical status,\
         Management last,Management next due,Management status,\
         Case last,Case next due,Case status\r\n",
    );
    let chunks: Vec<Result<Bytes, std::convert::Infallible>> = std::iter::once(Ok(header_row))
        .chain(people.chunks(CHUNK).map(|chunk| {
            let mut text = String::with_capacity(chunk.len() * 160);
            for line in chunk {
                text.push_str(&row(line, as_at, today));
            }
            Ok(Bytes::from(text))
        }))
        .collect();
    Ok((
        download_headers(&format!("supervision-compliance-{as_at}.csv")),
        Body::from_stream(futures_util::stream::iter(chunks)),
    )
        .into_response())
}

/// One person's line, their statuses told as on `today` (someone not yet
/// due is "Due this month", never "Overdue").
fn row(line: &PersonLine, as_at: NaiveDate, today: NaiveDate) -> String {
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let mut cells = vec![
        cell(&line.card.name),
        cell(&line.card.employee_number),
        cell(&line.card.job_title),
        cell(&line.card.team_name),
        as_at.to_string(),
    ];
    for &s in &line.report.standings {
        let s = supervision_shared::compliance::told_on(s, today);
        cells.push(date(s.last));
        cells.push(date(s.next_due));
        cells.push(s.status.label().to_owned());
    }
    let mut line = cells.join(",");
    line.push_str("\r\n");
    line
}
