//! `GET /audits/{id}/results.csv`: a dip-sample audit round's results for
//! a spreadsheet or a quality committee's papers (F8.1): one rectangular
//! table, a line for the round as a whole, one per standard of the audit
//! tool and one per unit. Only counts leave: no record, comment or person.
//! Whoever may see the round on screen may download it; anyone else is told
//! it is not found, as on screen.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use supervision_shared::quality::Tally;
use tower_sessions::Session;
use uuid::Uuid;

use crate::AppState;
use crate::auth::current_viewer;
use crate::error::{AppError, AppResult};
use crate::service::quality::{results, round};
use crate::web::csv::{cell, download_headers};

const HEADER: &str =
    "Part,Name,Records scored,Met,Partly met,Not met,Not applicable,Met in full (%)\r\n";

/// The round's results as CSV.
pub async fn results_csv(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let viewer = current_viewer(&state, &session)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let found = round::round(&state.db, &viewer, &state.config.access, id).await?;
    let units = results::by_unit(&state.db, viewer.organisation_id, &found).await?;

    let scored = found
        .records
        .iter()
        .filter(|r| !r.scores.is_empty())
        .count();
    let mut text = String::from(HEADER);
    text.push_str(&line("Round", &found.round.title, scored, found.tally()));
    for (standard, tally) in found.by_standard() {
        let records = tally.applicable() + tally.not_applicable;
        text.push_str(&line("Standard", standard.text, records as usize, tally));
    }
    for unit in units {
        text.push_str(&line(
            "Unit",
            &unit.unit_name,
            unit.records as usize,
            unit.tally,
        ));
    }
    let file_name = format!(
        "audit-results-{}-to-{}.csv",
        found.round.period_from, found.round.period_to
    );
    Ok((download_headers(&file_name), text).into_response())
}

/// One line: what it is about, how many records and how they met the tool.
/// A share with nothing applicable is left empty, not 0.
fn line(part: &str, name: &str, records: usize, tally: Tally) -> String {
    format!(
        "{part},{},{records},{},{},{},{},{}\r\n",
        cell(name),
        tally.met,
        tally.partly_met,
        tally.not_met,
        tally.not_applicable,
        tally
            .met_percent()
            .map(|p| p.to_string())
            .unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::line;
    use supervision_shared::quality::{AuditRating, Tally};

    #[test]
    fn a_line_quotes_its_name_and_leaves_a_share_of_nothing_empty() {
        let tally = Tally::of([AuditRating::Met, AuditRating::NotMet, AuditRating::Met]);
        assert_eq!(
            line("Unit", "Wards, north", 2, tally),
            "Unit,\"Wards, north\",2,2,0,1,0,66\r\n"
        );
        let none = Tally::of([AuditRating::NotApplicable]);
        assert_eq!(
            line("Standard", "Cases", 1, none),
            "Standard,Cases,1,0,0,0,1,\r\n"
        );
    }
}
