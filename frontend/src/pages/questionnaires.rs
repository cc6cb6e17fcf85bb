//! `/questionnaires`: the annual supervision questionnaire (F8.2) for those
//! who run it (auditors, system administrators: start a cycle with the
//! organisation's questions, see how many have answered, close it early)
//! and those who read its results (senior managers, supervisors): each
//! cycle, with a link to its results once it has closed.

mod results;
mod start;

pub use results::QuestionnaireResultsPage;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use supervision_shared::Role;

use crate::api::questionnaire::{Cycle, close_questionnaire, questionnaire_cycles};
use crate::components::confirm_button::ConfirmButton;
use crate::components::error_summary::focus_element;
use crate::components::status::{LoadError, Loading};
use crate::dates;
use crate::session::use_session;
use crate::title::set_title;
use start::StartForm;

const STATUS_ID: &str = "questionnaire-status";

/// The `/questionnaires` page.
#[component]
pub fn QuestionnairesPage() -> impl IntoView {
    set_title("Supervision questionnaire");
    let session = use_session();
    let runs = Memo::new(move |_| {
        session.person().is_some_and(|me| {
            me.roles.contains(&Role::Auditor) || me.roles.contains(&Role::SystemAdmin)
        })
    });
    let cycles = LocalResource::new(questionnaire_cycles);
    let status = RwSignal::new(None::<String>);
    let on_changed = Callback::new(move |message: String| {
        status.set(Some(message));
        cycles.refetch();
        request_animation_frame(|| focus_element(STATUS_ID));
    });
    view! {
        <h1>"Supervision questionnaire"</h1>
        <p class="hint">
            "Once a year everyone who is supervised is asked, anonymously, about the supervision they receive. Results are only shown added up, for groups large enough that nobody's answers can be told apart."
        </p>
        <div role="status" aria-live="polite">
            {move || status.get().map(|m| view! { <p class="notice notice-success" id=STATUS_ID tabindex="-1">{m}</p> })}
        </div>
        {move || match cycles.get() {
            None => view! { <Loading what="questionnaires" /> }.into_any(),
            Some(Err(error)) => view! { <LoadError error /> }.into_any(),
            Some(Ok(list)) => {
                let open = list.iter().any(|c| c.open);
                let runs = runs.get();
                view! {
                    {cycle_list(list, runs, on_changed)}
                    {(runs && !open).then(|| view! { <StartForm on_started=on_changed /> })}
                }
                .into_any()
            }
        }}
    }
}

/// Each cycle, newest first.
fn cycle_list(list: Vec<Cycle>, runs: bool, on_changed: Callback<String>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p>"No questionnaire has been run yet."</p> }.into_any();
    }
    view! {
        <ul class="action-rows">
            {list.into_iter().map(|cycle| cycle_row(cycle, runs, on_changed)).collect_view()}
        </ul>
    }
    .into_any()
}

fn cycle_row(cycle: Cycle, runs: bool, on_changed: Callback<String>) -> impl IntoView {
    let when = if cycle.open {
        format!(
            "Open from {} until {}",
            dates::long(cycle.opens_on),
            dates::long(cycle.closes_on)
        )
    } else {
        let closed = cycle.closed_on.unwrap_or(cycle.closes_on);
        format!(
            "Ran from {} to {}",
            dates::long(cycle.opens_on),
            dates::long(closed)
        )
    };
    let answered = cycle
        .participation
        .map(|p| format!("{} of {} answered", p.answered, p.invited));
    let results = (!cycle.open).then(|| {
        view! {
            <A href=format!("/questionnaires/{}", cycle.id) attr:class="action-row-link">
                {format!("Results of {}", cycle.title)}
            </A>
        }
    });
    let title = cycle
        .open
        .then(|| view! { <p class="action-row-link">{cycle.title.clone()}</p> });
    let close =
        (runs && cycle.open).then(|| close_button(cycle.id, cycle.title.clone(), on_changed));
    view! {
        <li class="action-row">
            {results}
            {title}
            <p class="action-row-meta">{when}</p>
            {answered.map(|a| view! { <p class="action-row-meta">{a}</p> })}
            {close}
        </li>
    }
}

/// Closes an open cycle now, so its results can be read: asked first, as
/// nobody can answer after.
fn close_button(id: uuid::Uuid, title: String, on_changed: Callback<String>) -> impl IntoView {
    let closing = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let subject = title.clone();
    let on_confirm = Callback::new(move |()| {
        if closing.get_untracked() {
            return;
        }
        closing.set(true);
        failed.set(None);
        let title = title.clone();
        spawn_local(async move {
            let result = close_questionnaire(id).await;
            closing.set(false);
            match result {
                Ok(_) => on_changed.run(format!("\"{title}\" is closed: its results can be read.")),
                Err(err) => failed.set(Some(err.user_message())),
            }
        });
    });
    view! {
        {move || failed.get().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
        <ConfirmButton
            id=format!("close-{id}")
            label="Close it now"
            subject=subject
            question="Close it now? Nobody can answer after, and its results can be read."
            confirm="Yes, close it"
            busy=closing
            on_confirm=on_confirm
        />
    }
}
