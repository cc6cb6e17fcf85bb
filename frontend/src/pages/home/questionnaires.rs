//! "Tell us about your supervision": the annual questionnaire waiting for
//! the person's answers (F8.2), with the day it closes. Nothing when none
//! is waiting, or when asking failed (the email has the link too).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::ApiError;
use crate::api::questionnaire::Cycle;
use crate::dates;

/// The section, when a questionnaire waits.
#[component]
pub fn QuestionnairesSection(
    /// As `my_questionnaires` answered.
    waiting: LocalResource<Result<Vec<Cycle>, ApiError>>,
) -> impl IntoView {
    move || {
        let cycles = waiting.get()?.ok().filter(|c| !c.is_empty())?;
        Some(view! {
            <section class="page-section" aria-labelledby="questionnaire-heading">
                <h2 id="questionnaire-heading">"Tell us about your supervision"</h2>
                <ul class="action-rows">
                    {cycles
                        .into_iter()
                        .map(|cycle| {
                            view! {
                                <li class="action-row">
                                    <A href=format!("/questionnaire/{}", cycle.id) attr:class="action-row-link">
                                        {format!("Answer {}", cycle.title)}
                                    </A>
                                    <p class="action-row-meta">
                                        {format!(
                                            "Anonymous, a few minutes. Closes on {}.",
                                            dates::long(cycle.closes_on),
                                        )}
                                    </p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        })
    }
}
