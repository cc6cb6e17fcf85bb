//! "Waiting for you to agree or disagree": the records the signed-in person
//! was supervised in and has not yet validated (F4.1), first on their home
//! page with a count, the longest waiting first.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::supervision::SupervisionSummary;
use crate::dates;

/// The section, or nothing when no record is waiting.
pub fn awaiting_section(records: Vec<SupervisionSummary>) -> impl IntoView {
    (!records.is_empty()).then(|| {
        let heading = format!("Waiting for you to agree or disagree ({})", records.len());
        view! {
            <section class="page-section awaiting" aria-labelledby="awaiting-heading">
                <h2 id="awaiting-heading">{heading}</h2>
                <p>"Read each record and say whether it is an accurate record of your session."</p>
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
    let link_text = format!("{}, {}", record.kind.label(), dates::long(record.held_on));
    view! {
        <li class="action-row">
            <A href=href attr:class="action-row-link">{link_text}</A>
            <p class="action-row-meta">{format!("Recorded by {}", record.recorded_by.name)}</p>
        </li>
    }
}
