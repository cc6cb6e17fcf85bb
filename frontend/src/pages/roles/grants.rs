//! The roles granted in the organisation, by person (sorted by name), each
//! with who granted it and when, and a button to end it after asking. The
//! server refuses to end the last system administrator's; its reason is
//! shown beside the button.

use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::grant_form::GrantForm;
use super::role_phrase;
use crate::api::ErrorCode;
use crate::api::role::{RoleGrant, end_role_grant, role_grants};
use crate::api::staff::StaffSummary;
use crate::components::confirm_button::ConfirmButton;
use crate::components::error_summary::focus_element;
use crate::components::status::{LoadError, Loading, SavedNotice};
use crate::dates;

/// The section's heading id.
const HEADING_ID: &str = "grants-heading";
/// The message after a grant or an end, focused once the list has reloaded.
const STATUS_ID: &str = "grants-status";
/// How someone whose card cannot be read is named.
const UNKNOWN_PERSON: &str = "Someone no longer in the directory";

/// One person's roles.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PersonGrants {
    /// Who (none when their card cannot be read).
    person: Option<StaffSummary>,
    /// Their roles, in the order roles are listed everywhere.
    grants: Vec<RoleGrant>,
}

impl PersonGrants {
    fn name(&self) -> String {
        self.person
            .as_ref()
            .map_or_else(|| UNKNOWN_PERSON.to_owned(), |p| p.name.clone())
    }
}

/// The grants gathered by person, people by name (those unknown last),
/// each person's roles in the order of [`supervision_shared::Role::ALL`].
fn by_person(grants: Vec<RoleGrant>) -> Vec<PersonGrants> {
    let mut people: Vec<PersonGrants> = Vec::new();
    for grant in grants {
        let id = grant.person.as_ref().map(|p| p.id);
        match people
            .iter_mut()
            .find(|p| p.person.as_ref().map(|s| s.id) == id)
        {
            Some(entry) => entry.grants.push(grant),
            None => people.push(PersonGrants {
                person: grant.person.clone(),
                grants: vec![grant],
            }),
        }
    }
    for entry in &mut people {
        entry
            .grants
            .sort_by(|a, b| (a.role, &a.unit_name).cmp(&(b.role, &b.unit_name)));
    }
    people.sort_by_cached_key(|p| (p.person.is_none(), p.name().to_lowercase()));
    people
}

/// The list, and the form to grant another role below it.
#[component]
pub fn GrantsSection() -> impl IntoView {
    let grants = LocalResource::new(role_grants);
    let status = RwSignal::new(None::<String>);
    let on_changed = Callback::new(move |message: String| {
        status.set(Some(message));
        grants.refetch();
    });

    view! {
        <section aria-labelledby=HEADING_ID>
            <h2 id=HEADING_ID>"Roles granted"</h2>
            <p>
                "Supervisors and line managers are not granted here: they follow from who supervises and manages whom."
            </p>
            <SavedNotice message=status id=STATUS_ID />
            {move || match grants.get() {
                None => view! { <Loading what="the roles granted" /> }.into_any(),
                Some(Err(err)) => view! { <LoadError error=err /> }.into_any(),
                Some(Ok(list)) => {
                    if status.get_untracked().is_some() {
                        request_animation_frame(|| focus_element(STATUS_ID));
                    }
                    grant_list(by_person(list), on_changed).into_any()
                }
            }}
        </section>
        <GrantForm on_granted=on_changed />
    }
}

/// A card per person, each role with its button.
fn grant_list(people: Vec<PersonGrants>, on_ended: Callback<String>) -> impl IntoView {
    if people.is_empty() {
        return view! { <p>"No roles have been granted."</p> }.into_any();
    }
    view! {
        <ul class="record-list">
            {people
                .into_iter()
                .map(|entry| {
                    let name = entry.name();
                    let details = entry
                        .person
                        .as_ref()
                        .map(|p| format!("{}, {}", p.job_title, p.team_name));
                    view! {
                        <li class="record-card">
                            <h3 class="card-title">{name.clone()}</h3>
                            {details.map(|d| view! { <p class="muted">{d}</p> })}
                            <ul class="grant-list">
                                {entry
                                    .grants
                                    .into_iter()
                                    .map(|grant| grant_item(grant, name.clone(), on_ended))
                                    .collect_view()}
                            </ul>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// One role: what it is, who granted it and when, and "End".
fn grant_item(grant: RoleGrant, name: String, on_ended: Callback<String>) -> impl IntoView {
    let granted = match (&grant.granted_by, grant.granted_at) {
        (Some(by), Some(at)) => Some(
            view! {
                {format!("Granted by {} on ", by.name)}
                <time datetime=at.to_rfc3339()>{dates::long_time(at)}</time>
            }
            .into_any(),
        ),
        (Some(by), None) => Some(view! { {format!("Granted by {}", by.name)} }.into_any()),
        (None, Some(at)) => Some(
            view! {
                "Granted on "
                <time datetime=at.to_rfc3339()>{dates::long_time(at)}</time>
            }
            .into_any(),
        ),
        (None, None) => None,
    };
    view! {
        <li class="grant">
            <p class="grant-role">{grant.description()}</p>
            {granted.map(|g| view! { <p class="muted">{g}</p> })}
            <EndGrant grant=grant name=name on_ended=on_ended />
        </li>
    }
}

/// Ending one grant, after asking.
#[component]
fn EndGrant(grant: RoleGrant, name: String, on_ended: Callback<String>) -> impl IntoView {
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let id: Uuid = grant.id;
    let error_id = format!("grant-{id}-error");
    let phrase = role_phrase(grant.role, grant.unit_name.as_deref());
    let description = grant.description();
    let on_confirm = {
        let (name, phrase, error_id) = (name.clone(), phrase.clone(), error_id.clone());
        Callback::new(move |()| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            problem.set(None);
            let message = format!("{name} is no longer {phrase}.");
            let error_id = error_id.clone();
            spawn_local(async move {
                let result = end_role_grant(id).await;
                busy.set(false);
                match result {
                    Ok(()) => on_ended.run(message),
                    Err(err) => {
                        problem.set(Some(match err.code {
                            ErrorCode::ValidationFailed => err
                                .fields
                                .first()
                                .map_or_else(|| err.user_message(), |f| f.message.clone()),
                            ErrorCode::NotFound => {
                                "This role has already been ended. Reload the page to see the roles as they are now."
                                    .to_owned()
                            }
                            ErrorCode::Forbidden => {
                                "Only system administrators can end roles.".to_owned()
                            }
                            _ => err.user_message(),
                        }));
                        request_animation_frame(move || focus_element(&error_id));
                    }
                }
            });
        })
    };
    view! {
        <div role="alert">
            {move || {
                problem
                    .get()
                    .map(|m| view! { <p class="field-error" id=error_id.clone() tabindex="-1">{m}</p> })
            }}
        </div>
        <ConfirmButton
            id=format!("grant-{id}-end")
            label="End"
            subject=format!("{description} for {name}")
            question=format!("End {name}'s role as {phrase}? What it lets them see and do stops at once.")
            confirm="Yes, end it"
            busy=busy
            on_confirm=on_confirm
        />
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use supervision_shared::Role;

    fn person(n: u128, name: &str) -> StaffSummary {
        StaffSummary {
            id: Uuid::from_u128(n),
            name: name.into(),
            job_title: String::new(),
            team_name: String::new(),
        }
    }

    fn grant(n: u128, who: Option<StaffSummary>, role: Role) -> RoleGrant {
        RoleGrant {
            id: Uuid::from_u128(100 + n),
            person: who,
            role,
            unit_id: None,
            unit_name: None,
            granted_by: None,
            granted_at: None,
        }
    }

    #[test]
    fn grants_are_gathered_by_person_in_name_order_with_the_unknown_last() {
        let ruth = person(1, "Ruth Adeyemi");
        let grace = person(2, "grace Liu");
        let people = by_person(vec![
            grant(1, Some(ruth.clone()), Role::SystemAdmin),
            grant(2, None, Role::Auditor),
            grant(3, Some(grace), Role::Auditor),
            grant(4, Some(ruth), Role::Auditor),
        ]);
        let names: Vec<String> = people.iter().map(PersonGrants::name).collect();
        assert_eq!(names, vec!["grace Liu", "Ruth Adeyemi", UNKNOWN_PERSON]);
        let ruths: Vec<Role> = people[1].grants.iter().map(|g| g.role).collect();
        assert_eq!(ruths, vec![Role::Auditor, Role::SystemAdmin]);
    }
}
