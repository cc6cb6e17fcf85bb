//! `/questionnaires/:id?unit=…&supervisor=…`: a closed questionnaire's
//! results, added up for the whole organisation, a unit, a supervisor's
//! supervisees, or both. The choices offered are the groups the server will
//! show this person; any other address says why it shows nothing. A
//! supervisor who reads only their own supervisees' results starts there.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use supervision_shared::Role;
use supervision_shared::quality::questionnaire::QuestionKind;
use uuid::Uuid;

use crate::api::questionnaire::{Groups, Hidden, QuestionResults, Results, questionnaire_results};
use crate::components::status::{LoadError, Loading};
use crate::dates;
use crate::session::use_session;
use crate::title::set_title;

/// The `/questionnaires/:id` page.
#[component]
pub fn QuestionnaireResultsPage() -> impl IntoView {
    set_title("Questionnaire results");
    let params = use_params_map();
    let query = use_query_map();
    let session = use_session();
    let id = Memo::new(move |_| {
        params.with(|p| p.get_str("id").and_then(|id| Uuid::parse_str(id).ok()))
    });
    let unit =
        Memo::new(move |_| query.with(|q| q.get_str("unit").and_then(|u| Uuid::parse_str(u).ok())));
    let supervisor = Memo::new(move |_| {
        let asked = query.with(|q| {
            q.get_str("supervisor")
                .and_then(|s| Uuid::parse_str(s).ok())
        });
        // Someone who reads only their own supervisees' results starts there.
        asked.or_else(|| {
            let me = session.person()?;
            let reads_all =
                me.roles.contains(&Role::Auditor) || me.roles.contains(&Role::SeniorManager);
            (!reads_all && unit.get().is_none()).then_some(me.id)
        })
    });
    let asked = Memo::new(move |_| (id.get(), unit.get(), supervisor.get()));
    let loaded = LocalResource::new(move || {
        let (id, unit, supervisor) = asked.get();
        async move {
            match id {
                Some(id) => Some(questionnaire_results(id, unit, supervisor).await),
                None => None,
            }
        }
    });
    view! {
        {move || match loaded.get() {
            None => view! { <h1>"Questionnaire results"</h1><Loading what="the results" /> }.into_any(),
            Some(None) => view! { <h1>"Questionnaire results"</h1><p>"Page not found."</p> }.into_any(),
            Some(Some(Err(error))) => view! { <h1>"Questionnaire results"</h1><LoadError error /> }.into_any(),
            Some(Some(Ok((results, groups)))) => {
                let (unit, supervisor) = (unit.get(), supervisor.get());
                view! {
                    <h1>{format!("{}: results", results.cycle.title)}</h1>
                    <p><a href="/questionnaires">"All questionnaires"</a></p>
                    <GroupForm cycle=results.cycle.id groups=groups.clone() unit supervisor />
                    {results_view(results, &groups, unit, supervisor, session.person().map(|p| p.id))}
                }
                .into_any()
            }
        }}
    }
}

/// The unit and the supervisor to show, from the groups that can be shown.
#[component]
fn GroupForm(
    cycle: Uuid,
    groups: Groups,
    unit: Option<Uuid>,
    supervisor: Option<Uuid>,
) -> impl IntoView {
    let navigate = use_navigate();
    let chosen_unit = RwSignal::new(unit);
    let chosen_supervisor = RwSignal::new(supervisor);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut href = format!("/questionnaires/{cycle}");
        let mut sep = '?';
        if let Some(u) = chosen_unit.get_untracked() {
            href.push_str(&format!("{sep}unit={u}"));
            sep = '&';
        }
        if let Some(s) = chosen_supervisor.get_untracked() {
            href.push_str(&format!("{sep}supervisor={s}"));
        }
        navigate(&href, Default::default());
    };
    if groups.units.is_empty() && groups.supervisors.is_empty() {
        return None;
    }
    let units = groups.units.into_iter().map(|g| {
        let id = g.unit_id;
        view! { <option value=id.to_string() prop:selected=move || chosen_unit.get() == Some(id)>{format!("{} ({} answered)", g.name, g.answered)}</option> }
    }).collect_view();
    let supervisors = groups.supervisors.into_iter().map(|g| {
        let id = g.supervisor.id;
        view! { <option value=id.to_string() prop:selected=move || chosen_supervisor.get() == Some(id)>{format!("{} ({} answered)", g.supervisor.name, g.answered)}</option> }
    }).collect_view();
    Some(view! {
        <form class="form-section report-form" on:submit=on_submit>
            <div class="form-group">
                <label class="label" for="results-unit">"Unit"</label>
                <select id="results-unit" class="select" on:change=move |ev| chosen_unit.set(Uuid::parse_str(&event_target_value(&ev)).ok())>
                    <option value="" prop:selected=move || chosen_unit.get().is_none()>"Every unit"</option>
                    {units}
                </select>
            </div>
            <div class="form-group">
                <label class="label" for="results-supervisor">"Supervisor"</label>
                <select id="results-supervisor" class="select" on:change=move |ev| chosen_supervisor.set(Uuid::parse_str(&event_target_value(&ev)).ok())>
                    <option value="" prop:selected=move || chosen_supervisor.get().is_none()>"Every supervisor"</option>
                    {supervisors}
                </select>
            </div>
            <button type="submit" class="button button-secondary">"Show these results"</button>
        </form>
    })
}

/// Who the results are for, in words.
fn group_words(
    groups: &Groups,
    unit: Option<Uuid>,
    supervisor: Option<Uuid>,
    me: Option<Uuid>,
) -> String {
    let unit_name = unit.map(|u| {
        groups
            .units
            .iter()
            .find(|g| g.unit_id == u)
            .map_or_else(|| "the unit chosen".to_owned(), |g| g.name.clone())
    });
    let supervisor_name = supervisor.map(|s| {
        if Some(s) == me {
            return "you".to_owned();
        }
        groups
            .supervisors
            .iter()
            .find(|g| g.supervisor.id == s)
            .map_or_else(
                || "the supervisor chosen".to_owned(),
                |g| g.supervisor.name.clone(),
            )
    });
    match (unit_name, supervisor_name) {
        (None, None) => "Everyone".to_owned(),
        (Some(u), None) => format!("Everyone in {u}"),
        (None, Some(s)) => format!("Those supervised by {s}"),
        (Some(u), Some(s)) => format!("Those in {u} supervised by {s}"),
    }
}

fn results_view(
    results: Results,
    groups: &Groups,
    unit: Option<Uuid>,
    supervisor: Option<Uuid>,
    me: Option<Uuid>,
) -> impl IntoView {
    let who = group_words(groups, unit, supervisor, me);
    let threshold = results.cycle.threshold;
    match (results.hidden, results.answered) {
        (Some(Hidden::StillOpen), _) => view! {
            <div class="notice" role="status">
                <p>{format!("Results are shown once the questionnaire closes on {}.", dates::long(results.cycle.closes_on))}</p>
            </div>
        }
        .into_any(),
        (Some(Hidden::TooFew), _) | (None, None) => view! {
            <div class="notice" role="status">
                <h2>{who}</h2>
                <p>{format!(
                    "Not shown: fewer than {threshold} people answered in this group, or showing it beside the groups that are shown would let someone work out the answers of fewer than {threshold} people."
                )}</p>
            </div>
        }
        .into_any(),
        (None, Some(answered)) => view! {
            <section class="page-section" aria-labelledby="results-heading">
                <h2 id="results-heading">{format!("{who}: {answered} answered")}</h2>
                {results.questions.into_iter().map(move |q| question_view(q, answered)).collect_view()}
            </section>
        }
        .into_any(),
    }
}

fn question_view(question: QuestionResults, answered: u64) -> impl IntoView {
    match question.kind {
        QuestionKind::Choice => {
            let rows = question
                .options
                .into_iter()
                .map(|o| {
                    let percent = percent(o.count, answered);
                    view! {
                        <tr>
                            <th scope="row">{o.label}</th>
                            <td>{o.count}</td>
                            <td>{format!("{percent}%")}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="report-table questionnaire-totals">
                    <caption>{question.text}</caption>
                    <thead><tr><th scope="col">"Answer"</th><th scope="col">"People"</th><th scope="col">"Share"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }
        QuestionKind::Text => {
            let count = question.comments.len();
            view! {
                <h3>{question.text}</h3>
                {if count == 0 {
                    view! { <p>"Nobody wrote anything."</p> }.into_any()
                } else {
                    view! {
                        <p class="hint">{format!("{count} wrote something; shown in alphabetical order, not the order they came.")}</p>
                        <ul class="comment-list">
                            {question.comments.into_iter().map(|c| view! { <li class="comment"><p>{c}</p></li> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            }
            .into_any()
        }
    }
}

/// A whole percentage of `answered`, rounded.
fn percent(count: u32, answered: u64) -> u64 {
    if answered == 0 {
        return 0;
    }
    (u64::from(count) * 100 + answered / 2) / answered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_rounded_whole_percentages() {
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(0, 0), 0);
        assert_eq!(percent(7, 7), 100);
    }

    #[test]
    fn the_group_is_named_in_words() {
        let groups = Groups::default();
        assert_eq!(group_words(&groups, None, None, None), "Everyone");
        assert_eq!(
            group_words(&groups, Some(Uuid::from_u128(1)), None, None),
            "Everyone in the unit chosen"
        );
        let me = Uuid::from_u128(2);
        assert_eq!(
            group_words(&groups, None, Some(me), Some(me)),
            "Those supervised by you"
        );
    }
}
