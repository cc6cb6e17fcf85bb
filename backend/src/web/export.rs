//! Subject access downloads (F7.8): `/export/my-records.json` and a
//! printable `/export/my-records.html`. Both are sent as attachments and
//! never cached.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

use super::html::escape;
use crate::AppState;
use crate::auth::current_viewer;
use crate::error::{AppError, AppResult};
use crate::service::export::{
    ExportAgreement, ExportObservation, ExportWellbeing, SubjectAccessExport, subject_access,
};

const NO_STORE: (header::HeaderName, &str) = (header::CACHE_CONTROL, "no-store");

/// The person's records as JSON.
pub async fn json(State(state): State<AppState>, session: Session) -> AppResult<Response> {
    let viewer = current_viewer(&state, &session)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let export = subject_access(&state.db, &viewer, "json").await?;
    let body = serde_json::to_vec_pretty(&export).map_err(|e| AppError::Internal(e.into()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"my-supervision-records.json\"",
            ),
            NO_STORE,
        ],
        body,
    )
        .into_response())
}

/// The person's records as a page to print or save as PDF.
pub async fn html(State(state): State<AppState>, session: Session) -> AppResult<Response> {
    let viewer = current_viewer(&state, &session)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let export = subject_access(&state.db, &viewer, "html").await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"my-supervision-records.html\"",
            ),
            // The page is self-contained: nothing it could load is allowed.
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'",
            ),
            NO_STORE,
        ],
        render(&export),
    )
        .into_response())
}

fn render(export: &SubjectAccessExport) -> String {
    use std::fmt::Write;
    let mut page = String::new();
    let person = &export.person;
    let _ = write!(
        page,
        "<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Supervision records of {name}</title>\
         <style>body{{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#111}}\
         section{{border-top:2px solid #333;padding-top:1rem;margin-top:2rem;break-inside:avoid-page}}\
         h3{{margin-bottom:.25rem}}dt{{font-weight:600}}p{{white-space:pre-wrap}}@media print{{body{{margin:0}}}}</style></head>\
         <body><h1>Supervision records of {name}</h1><p>{job}, {team}, {org}. Employee number {number}. Exported {at}.</p>\
         <p>{count} records.</p>",
        name = escape(&person.name),
        job = escape(&person.job_title),
        team = escape(&person.team),
        org = escape(&export.organisation),
        number = escape(&person.employee_number),
        at = export.exported_at.format("%-d %B %Y %H:%M UTC"),
        count = export.supervisions.len(),
    );
    for record in &export.supervisions {
        let _ = write!(
            page,
            "<section><h2>{kind}, {held}</h2><dl><dt>Recorded by</dt><dd>{by}</dd><dt>Supervisees</dt><dd>{who}</dd>\
             <dt>Duration</dt><dd>{minutes} minutes, {mode}</dd><dt>Your validation</dt><dd>{validation}</dd></dl>",
            kind = escape(&record.kind),
            held = record.held_on.format("%-d %B %Y"),
            by = escape(&record.recorded_by),
            who = escape(&record.supervisees.join(", ")),
            minutes = record.duration_minutes,
            mode = escape(&record.mode),
            validation = escape(&record.my_validation),
        );
        for (heading, text) in [
            ("Experience", &record.experience),
            ("Reflection", &record.reflection),
            ("Analysis", &record.analysis),
            ("Action plan", &record.action_plan),
            ("Notes", &record.notes),
        ] {
            if !text.trim().is_empty() {
                let _ = write!(page, "<h3>{heading}</h3><p>{}</p>", escape(text));
            }
        }
        if let Some(comment) = &record.my_comment {
            let _ = write!(page, "<h3>Your comment</h3><p>{}</p>", escape(comment));
        }
        for comment in &record.my_comments {
            let _ = write!(
                page,
                "<h3>Your later comment</h3><p>{}</p>",
                escape(comment)
            );
        }
        if !record.actions.is_empty() {
            page.push_str("<h3>Actions</h3><ul>");
            for action in &record.actions {
                let _ = write!(
                    page,
                    "<li>{} ({}, {})</li>",
                    escape(&action.description),
                    escape(&action.owner),
                    escape(&action.status)
                );
            }
            page.push_str("</ul>");
        }
        page.push_str("</section>");
    }
    if !export.appraisal_objectives.is_empty() {
        page.push_str("<section><h2>Appraisal objectives</h2><ul>");
        for objective in &export.appraisal_objectives {
            let state = match (objective.achieved_on, objective.due_on) {
                (Some(met), _) => format!("met on {}", met.format("%-d %B %Y")),
                (None, Some(due)) => format!("due by {}", due.format("%-d %B %Y")),
                (None, None) => "open".to_owned(),
            };
            let _ = write!(page, "<li>{} ({state})</li>", escape(&objective.title));
        }
        page.push_str("</ul></section>");
    }
    if !export.booked_sessions.is_empty() {
        page.push_str("<section><h2>Sessions booked with you</h2><ul>");
        for booking in &export.booked_sessions {
            let _ = write!(
                page,
                "<li>{} UTC, booked by {}: {}{}</li>",
                booking.starts_at.format("%-d %B %Y %H:%M"),
                escape(&booking.booked_by),
                escape(&booking.status),
                booking
                    .called_off_by
                    .as_deref()
                    .map(|by| format!(" ({})", escape(by)))
                    .unwrap_or_default(),
            );
        }
        page.push_str("</ul></section>");
    }
    agreements(&mut page, &export.agreements);
    wellbeing(&mut page, &export.wellbeing);
    observations(&mut page, &export.observations_of_my_practice);
    page.push_str("</body></html>");
    page
}

/// The person's agreements, each heading with what it says.
fn agreements(page: &mut String, list: &[ExportAgreement]) {
    use std::fmt::Write;
    for agreement in list {
        let state = match (agreement.ended_on, agreement.in_force_since) {
            (Some(ended), _) => format!("ended on {}", ended.format("%-d %B %Y")),
            (None, Some(_)) => "in force".to_owned(),
            (None, None) => "not yet signed by both".to_owned(),
        };
        let _ = write!(
            page,
            "<section><h2>Supervision agreement with {supervisor}</h2><dl><dt>{relationship}</dt><dd>{supervisor}</dd>\
             <dt>From</dt><dd>{from}, reviewed by {review} ({state})</dd>\
             <dt>How often</dt><dd>Every {days} days, {minutes} minutes, {venue}</dd></dl>",
            supervisor = escape(&agreement.supervisor),
            relationship = escape(&agreement.relationship),
            from = agreement.starts_on.format("%-d %B %Y"),
            review = agreement.review_by.format("%-d %B %Y"),
            days = agreement.frequency_days,
            minutes = agreement.duration_minutes,
            venue = escape(&agreement.venue),
        );
        if !agreement.frequency_reason.trim().is_empty() {
            let _ = write!(
                page,
                "<h3>Why that often</h3><p>{}</p>",
                escape(&agreement.frequency_reason)
            );
        }
        for section in &agreement.sections {
            if !section.text.trim().is_empty() {
                let _ = write!(
                    page,
                    "<h3>{}</h3><p>{}</p>",
                    escape(&section.heading),
                    escape(&section.text)
                );
            }
        }
        page.push_str("</section>");
    }
}

/// Wellbeing checks and action plans.
fn wellbeing(page: &mut String, list: &[ExportWellbeing]) {
    use std::fmt::Write;
    for record in list {
        let state = match record.closed_on {
            Some(closed) => format!("closed on {}", closed.format("%-d %B %Y")),
            None => format!("review by {}", record.review_by.format("%-d %B %Y")),
        };
        let _ = write!(
            page,
            "<section><h2>{kind}, {written}</h2><p>{state}</p><h3>Summary</h3><p>{summary}</p>",
            kind = escape(&record.kind),
            written = record.written_at.format("%-d %B %Y"),
            summary = escape(&record.summary),
        );
        if !record.actions.trim().is_empty() {
            let _ = write!(page, "<h3>Actions</h3><p>{}</p>", escape(&record.actions));
        }
        page.push_str("</section>");
    }
}

/// Observations of the person's practice as a supervisor.
fn observations(page: &mut String, list: &[ExportObservation]) {
    use std::fmt::Write;
    for observation in list {
        let _ = write!(
            page,
            "<section><h2>Observation of your supervision practice, {on}</h2><dl><dt>Observed by</dt><dd>{by}</dd>\
             <dt>Signed by you</dt><dd>{signed}</dd></dl><h3>Strengths</h3><p>{strengths}</p>\
             <h3>Points to develop</h3><p>{points}</p>",
            on = observation.observed_on.format("%-d %B %Y"),
            by = escape(&observation.observer),
            signed = observation.signed_by_me_at.map_or_else(
                || "Not yet".to_owned(),
                |at| at.format("%-d %B %Y").to_string()
            ),
            strengths = escape(&observation.strengths),
            points = escape(&observation.development_points),
        );
        if !observation.my_comment.trim().is_empty() {
            let _ = write!(
                page,
                "<h3>Your comment</h3><p>{}</p>",
                escape(&observation.my_comment)
            );
        }
        page.push_str("</section>");
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn text_from_records_cannot_become_markup() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }
}
