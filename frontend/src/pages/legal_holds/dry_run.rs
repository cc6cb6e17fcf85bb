//! The retention purge's dry run (F7.7), for HR and system administrators:
//! whose records the next purge would remove, whose a legal hold keeps,
//! and how many records that is. Asked for on request (each reading is
//! audited), and nothing changes by reading it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::api::legal_hold::{RetentionDryRun, RetentionLeaver, retention_dry_run};
use crate::components::status::LoadError;
use crate::dates;

/// The section, with its button.
#[component]
pub fn DryRunSection() -> impl IntoView {
    let answer = RwSignal::new(None::<Result<RetentionDryRun, ApiError>>);
    let asking = RwSignal::new(false);
    let ask = move |_| {
        asking.set(true);
        spawn_local(async move {
            let result = retention_dry_run().await;
            asking.set(false);
            answer.set(Some(result));
        });
    };
    view! {
        <section class="page-section" aria-labelledby="dry-run-heading">
            <h2 id="dry-run-heading">"The next retention purge"</h2>
            <p>"See whose records the next purge would remove, before it runs. Nothing is changed by looking."</p>
            <button type="button" class="button button-secondary" disabled=move || asking.get() on:click=ask>
                "Show what the next purge would remove"
            </button>
            <div role="status" aria-live="polite">
                {move || match answer.get() {
                    None => None,
                    Some(Err(err)) => Some(view! { <LoadError error=err /> }.into_any()),
                    Some(Ok(run)) => Some(dry_run_view(run).into_any()),
                }}
            </div>
        </section>
    }
}

fn dry_run_view(run: RetentionDryRun) -> impl IntoView {
    let cutoff = run
        .cutoff
        .map_or_else(|| "the cut-off".to_owned(), dates::long);
    let summary = if run.purged.is_empty() {
        format!(
            "Records are kept {} years after a person leaves. No one who left before {cutoff} has records to purge.",
            run.years
        )
    } else {
        format!(
            "Records are kept {} years after a person leaves. The next purge would remove {} whole records and {} places on shared records, of {} people who left before {cutoff}.",
            run.years,
            run.whole_records,
            run.places,
            run.purged.len()
        )
    };
    view! {
        <p class="dry-run-summary">{summary}</p>
        {(!run.purged.is_empty()).then(|| leaver_list("Would be purged", run.purged))}
        {(!run.held.is_empty()).then(|| leaver_list("Kept by a legal hold", run.held))}
    }
}

fn leaver_list(heading: &'static str, leavers: Vec<RetentionLeaver>) -> impl IntoView {
    view! {
        <h3>{heading}</h3>
        <ul>
            {leavers
                .into_iter()
                .map(|l| view! { <li>{format!("{} (left {})", l.name, dates::long(l.left_on))}</li> })
                .collect_view()}
        </ul>
    }
}
