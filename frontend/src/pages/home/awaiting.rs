//! "Waiting for you to agree or disagree": the records the signed-in person
//! was supervised in and has not yet validated (F4.1), first on their home
//! page with a count, the longest waiting first. The server draws the same
//! section in the first page it sends (backend/src/web/first_page.rs), from
//! the same words (`supervision_shared::first_page`).

use leptos::prelude::*;
use leptos_router::components::A;

use supervision_shared::first_page::{AWAITING_INTRO, awaiting_heading, record_name, recorded_by};

use crate::api::supervision::SupervisionSummary;

/// The section, or nothing when no record is waiting.
pub fn awaiting_section(records: Vec<SupervisionSummary>) -> impl IntoView {
    (!records.is_empty()).then(|| {
        let heading = awaiting_heading(records.len());
        view! {
            <section class="page-section awaiting" aria-labelledby="awaiting-heading">
                <h2 id="awaiting-heading">{heading}</h2>
                <p>{AWAITING_INTRO}</p>
                <ul class="action-rows">
                    {records.into_iter().map(awaiting_row).collect_view()}
                </ul>
            </section>
        }
    })
}

/// One record: a link named by its kind and date, and who wrote it.
fn awaiting_row(record: SupervisionSummary) -> impl IntoView {
    let href = format!("/supervisions/{}", record.id);
    let link_text = record_name(record.kind, record.held_on);
    view! {
        <li class="action-row">
            <A href=href attr:class="action-row-link">{link_text}</A>
            <p class="action-row-meta">{recorded_by(&record.recorded_by.name)}</p>
        </li>
    }
}
