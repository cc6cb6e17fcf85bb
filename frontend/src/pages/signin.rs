//! Development sign-in: choose a demo person to act as. Only offered when the
//! server enables it (it answers 404 otherwise).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use supervision_shared::first_page::{DEV_SIGN_IN_LEAD, SIGN_IN_TITLE};
use uuid::Uuid;

use crate::api::ErrorCode;
use crate::api::auth::{DemoPerson, dev_people, dev_sign_in};
use crate::components::status::{LoadError, Loading};
use crate::first_view;
use crate::navigation::safe_return_path;
use crate::session::use_session;
use crate::title::set_title;

/// People grouped by their role label, groups in order of first appearance.
fn group_by_role(people: Vec<DemoPerson>) -> Vec<(String, Vec<DemoPerson>)> {
    let mut groups: Vec<(String, Vec<DemoPerson>)> = Vec::new();
    for person in people {
        match groups.iter_mut().find(|(role, _)| *role == person.role) {
            Some((_, members)) => members.push(person),
            None => groups.push((person.role.clone(), vec![person])),
        }
    }
    groups
}

/// The `/signin` page.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
pub fn SignInPage() -> impl IntoView {
    set_title(SIGN_IN_TITLE);
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let people = LocalResource::new(dev_people);
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(None::<Uuid>);
    // The introduction the server drew before the app arrived, kept on
    // screen until the people to choose from have come.
    let drawn = first_view::take("/signin");

    let sign_in = move |id: Uuid| {
        let navigate = navigate.clone();
        busy.set(Some(id));
        failure.set(None);
        spawn_local(async move {
            match dev_sign_in(id).await {
                Ok(()) => {
                    session.me.refetch();
                    let target = safe_return_path(query.get_untracked().get("return").as_deref());
                    navigate(&target, NavigateOptions::default());
                }
                Err(err) => {
                    busy.set(None);
                    failure.set(Some(err.user_message()));
                }
            }
        });
    };

    view! {
        <h1 tabindex="-1">{SIGN_IN_TITLE}</h1>
        <div role="alert">
            {move || failure.get().map(|message| view! { <p class="notice notice-error">{message}</p> })}
        </div>
        {move || match people.get() {
            None => match drawn.clone() {
                Some(html) => first_view::body(html).into_any(),
                None => view! { <Loading what="the people you can sign in as" /> }.into_any(),
            },
            Some(Err(err)) if err.code == ErrorCode::NotFound => view! {
                <p>"Development sign-in is not enabled on this server."</p>
            }
            .into_any(),
            Some(Err(err)) => view! { <LoadError error=err /> }.into_any(),
            Some(Ok(list)) => {
                let sign_in = sign_in.clone();
                view! {
                    <p class="lead">{DEV_SIGN_IN_LEAD}</p>
                    {group_by_role(list)
                        .into_iter()
                        .map(|(role, members)| {
                            let sign_in = sign_in.clone();
                            view! {
                                <section class="person-group">
                                    <h2>{role}</h2>
                                    <ul class="person-list">
                                        {members
                                            .into_iter()
                                            .map(|person| {
                                                let sign_in = sign_in.clone();
                                                let id = person.id;
                                                let details_id = format!("person-{id}");
                                                view! {
                                                    <li class="person">
                                                        // Secondary: thirty-odd green buttons each
                                                        // shouting "do this" was no help in choosing.
                                                        <button
                                                            type="button"
                                                            class="button button-secondary"
                                                            aria-describedby=details_id.clone()
                                                            disabled=move || busy.get().is_some()
                                                            on:click=move |_| sign_in(id)
                                                        >
                                                            {format!("Sign in as {}", person.name)}
                                                        </button>
                                                        <p class="person-details" id=details_id>
                                                            {format!("{}, {}", person.job_title, person.team_name)}
                                                        </p>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                </section>
                            }
                        })
                        .collect_view()}
                }
                .into_any()
            }
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, role: &str) -> DemoPerson {
        DemoPerson {
            id: Uuid::nil(),
            name: name.into(),
            job_title: String::new(),
            team_name: String::new(),
            role: role.into(),
        }
    }

    #[test]
    fn people_are_grouped_by_role_in_the_order_the_server_gives() {
        let groups = group_by_role(vec![
            person("A", "Supervisor"),
            person("B", "Staff"),
            person("C", "Supervisor"),
        ]);
        let names: Vec<(String, Vec<String>)> = groups
            .into_iter()
            .map(|(role, people)| (role, people.into_iter().map(|p| p.name).collect()))
            .collect();
        assert_eq!(
            names,
            vec![
                (
                    "Supervisor".to_owned(),
                    vec!["A".to_owned(), "C".to_owned()]
                ),
                ("Staff".to_owned(), vec!["B".to_owned()]),
            ]
        );
    }
}
