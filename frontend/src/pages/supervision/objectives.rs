//! "Appraisal objectives worked on" (F8.4): the objectives from the
//! supervisees' appraisals that this session's development discussion
//! worked on. For those who take part in the record: each sees the linked
//! objectives they may read (their own; a supervisor their supervisees'),
//! links one more, or takes a link off. The objectives themselves are kept
//! on each person's page. One request brings both lists, however large
//! the group.

use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::api::objective::{AppraisalObjective, record_objectives, set_objective_link};
use crate::components::error_summary::focus_element;
use crate::components::status::LoadError;

const HEADING_ID: &str = "objectives-heading";
const STATUS_ID: &str = "objectives-status";

/// "Lead a reflective group", or in a group session "Tom Reed: Lead a
/// reflective group".
fn objective_words(objective: &AppraisalObjective, group: bool) -> String {
    if group {
        format!("{}: {}", objective.staff.name, objective.title)
    } else {
        objective.title.clone()
    }
}

/// The section.
#[component]
pub fn ObjectivesSection(
    record: Uuid,
    /// Whether several were supervised: each objective then says whose.
    group: bool,
) -> impl IntoView {
    let loaded = LocalResource::new(move || record_objectives(record));
    let status = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let chosen = RwSignal::new(None::<Uuid>);
    let change = move |objective: Uuid, linked: bool, message: String| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let result = set_objective_link(record, objective, linked).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    chosen.set(None);
                    status.set(Some(message));
                    loaded.refetch();
                    request_animation_frame(|| focus_element(STATUS_ID));
                }
                Err(err) => {
                    problem.set(Some(err.user_message()));
                    request_animation_frame(|| focus_element("objective-problem"));
                }
            }
        });
    };
    let body = move || match loaded.get() {
        None => ().into_any(),
        Some(Err(error)) => view! { <LoadError error /> }.into_any(),
        Some(Ok(panel)) => {
            if panel.linked.is_empty() && panel.linkable.is_empty() {
                return view! {
                    <p>"No open appraisal objectives are written down that you can see. They are kept on each person's page."</p>
                }
                .into_any();
            }
            let linked = panel.linked.into_iter().map(|o| {
                let words = objective_words(&o, group);
                let id = o.id;
                let unlinked = format!("\u{201c}{}\u{201d} is no longer linked.", o.title);
                view! {
                    <li class="record-card">
                        <p>{words.clone()}</p>
                        <button type="button" class="button button-secondary" disabled=move || busy.get()
                            on:click=move |_| change(id, false, unlinked.clone())>
                            "Take the link off"
                            <span class="visually-hidden">{format!(": {words}")}</span>
                        </button>
                    </li>
                }
            }).collect_view();
            let options = panel.linkable.iter().map(|o| {
                let id = o.id;
                view! { <option value=id.to_string() prop:selected=move || chosen.get() == Some(id)>{objective_words(o, group)}</option> }
            }).collect_view();
            let titles: Vec<(Uuid, String)> = panel
                .linkable
                .iter()
                .map(|o| (o.id, o.title.clone()))
                .collect();
            let has_open = !panel.linkable.is_empty();
            let on_submit = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                match chosen
                    .get_untracked()
                    .or_else(|| titles.first().map(|(id, _)| *id))
                {
                    Some(id) => {
                        let title = titles
                            .iter()
                            .find(|(o, _)| *o == id)
                            .map(|(_, t)| t.clone())
                            .unwrap_or_default();
                        change(
                            id,
                            true,
                            format!("\u{201c}{title}\u{201d} is linked to this session."),
                        );
                    }
                    None => problem.set(Some("Choose an objective.".to_owned())),
                }
            };
            view! {
                <ul class="record-list">{linked}</ul>
                {has_open.then(|| view! {
                    <form class="form-section" on:submit=on_submit>
                        <div class="form-group">
                            <label class="label" for="objective-to-link">"Objective this session worked on"</label>
                            <select id="objective-to-link" class="select"
                                on:change=move |ev| chosen.set(Uuid::parse_str(&event_target_value(&ev)).ok())>
                                {options}
                            </select>
                        </div>
                        <button type="submit" class="button button-secondary" disabled=move || busy.get()>"Link it"</button>
                    </form>
                })}
            }
            .into_any()
        }
    };
    view! {
        <section class="page-section" aria-labelledby=HEADING_ID>
            <h2 id=HEADING_ID>"Appraisal objectives worked on"</h2>
            <div role="status" aria-live="polite">
                {move || status.get().map(|m| view! { <p class="notice notice-success" id=STATUS_ID tabindex="-1">{m}</p> })}
            </div>
            <div role="alert">
                {move || problem.get().map(|m| view! { <p class="field-error" id="objective-problem" tabindex="-1">{m}</p> })}
            </div>
            {body}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_sessions_objectives_say_whose() {
        let objective = AppraisalObjective {
            id: Uuid::from_u128(1),
            staff: crate::api::staff::StaffSummary {
                id: Uuid::from_u128(2),
                name: "Tom Reed".into(),
                job_title: String::new(),
                team_name: String::new(),
            },
            title: "Lead a reflective group".into(),
            due_on: None,
            achieved_on: None,
        };
        assert_eq!(
            objective_words(&objective, false),
            "Lead a reflective group"
        );
        assert_eq!(
            objective_words(&objective, true),
            "Tom Reed: Lead a reflective group"
        );
    }
}
