//! Granting a role: the person (the staff picker), the role, and for a
//! senior manager the unit their scope starts at. The browser checks only
//! that each is chosen; the server's field errors (`staffId`, `role`,
//! `unitId`) are shown beside the fields.

use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::{FieldError, Role};
use uuid::Uuid;

use super::role_phrase;
use crate::api::ErrorCode;
use crate::api::org_unit::org_units;
use crate::api::role::{NewGrant, grant_role};
use crate::api::staff::StaffSummary;
use crate::components::error_summary::{ErrorSummary, focus_element};
use crate::components::field_error::{FieldErrorMessage, FormErrors, hint_id};
use crate::components::staff_picker::StaffPicker;
use crate::components::status::Loading;

/// The form's heading id, which names it.
const HEADING_ID: &str = "grant-heading";
/// The form's error summary (the page has more than one form).
const SUMMARY_ID: &str = "grant-errors";
/// The API's field names, also the inputs' ids.
const STAFF: &str = "staffId";
const ROLE: &str = "role";
const UNIT: &str = "unitId";

/// The roles granted here (the others follow from allocations).
fn grantable() -> impl Iterator<Item = Role> {
    Role::ALL
        .iter()
        .copied()
        .filter(|r| r.is_directory_granted())
}

/// What the browser checks before sending: a person, a role, and a unit
/// for a senior manager.
fn check(
    person: Option<&StaffSummary>,
    role: &str,
    unit: &str,
) -> Result<NewGrant, Vec<FieldError>> {
    let role = Role::parse(role).ok().filter(|r| r.is_directory_granted());
    let unit = Uuid::parse_str(unit).ok();
    let mut problems = Vec::new();
    if person.is_none() {
        problems.push(FieldError::new(
            STAFF,
            "Choose the person: type their name, then choose them from the list.",
        ));
    }
    if role.is_none() {
        problems.push(FieldError::new(ROLE, "Choose the role to grant."));
    }
    if role == Some(Role::SeniorManager) && unit.is_none() {
        problems.push(FieldError::new(
            UNIT,
            "Choose the unit the senior manager's scope starts at.",
        ));
    }
    match (person, role) {
        (Some(person), Some(role)) if problems.is_empty() => Ok(NewGrant {
            staff_id: person.id,
            role,
            unit_id: unit.filter(|_| role == Role::SeniorManager),
        }),
        _ => Err(problems),
    }
}

/// The form.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
pub fn GrantForm(
    /// Called with the message to show once the server has granted it.
    on_granted: Callback<String>,
) -> impl IntoView {
    let person = RwSignal::new(Vec::<StaffSummary>::new());
    let role = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    let unit_name = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let senior_manager = move || Role::parse(&role.get()).ok() == Some(Role::SeniorManager);

    // One person per grant: choosing another replaces the first.
    Effect::new(move |_| {
        if person.with(|p| p.len() > 1) {
            person.update(|p| {
                let last = p.pop();
                p.clear();
                p.extend(last);
            });
        }
    });

    let show_errors = move |problems: Vec<FieldError>| {
        errors.set(problems);
        request_animation_frame(|| focus_element(SUMMARY_ID));
    };
    let show_general = move |message: String| {
        errors.clear();
        general.set(Some(message));
        request_animation_frame(|| focus_element(SUMMARY_ID));
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        general.set(None);
        let chosen = person.get_untracked().into_iter().next();
        let grant = match check(
            chosen.as_ref(),
            &role.get_untracked(),
            &unit.get_untracked(),
        ) {
            Ok(grant) => grant,
            Err(problems) => return show_errors(problems),
        };
        let name = chosen.map(|p| p.name).unwrap_or_default();
        let unit_label = grant.unit_id.map(|_| unit_name.get_untracked());
        errors.clear();
        saving.set(true);
        spawn_local(async move {
            let result = grant_role(&grant).await;
            saving.set(false);
            match result {
                Ok(_) => {
                    person.set(Vec::new());
                    role.set(String::new());
                    unit.set(String::new());
                    on_granted.run(format!(
                        "{name} is now {}.",
                        role_phrase(grant.role, unit_label.as_deref())
                    ));
                }
                Err(err) if err.code == ErrorCode::ValidationFailed && !err.fields.is_empty() => {
                    show_errors(err.fields);
                }
                Err(err) if err.code == ErrorCode::Forbidden => {
                    show_general("Only system administrators can grant roles.".to_owned());
                }
                Err(err) => show_general(err.user_message()),
            }
        });
    };

    let role_options = grantable()
        .map(|r| {
            let code = r.as_str();
            view! {
                <option value=code prop:selected=move || role.get() == code>
                    {r.label()}
                </option>
            }
        })
        .collect_view();

    view! {
        <section class="page-section form-section" aria-labelledby=HEADING_ID>
            <h2 id=HEADING_ID>"Grant a role"</h2>
            <ErrorSummary errors=errors general=general id=SUMMARY_ID />
            <form on:submit=on_submit novalidate aria-labelledby=HEADING_ID>
                <StaffPicker
                    selected=person
                    exclude=Signal::derive(Vec::new)
                    errors=errors
                    field=STAFF
                    label="Person"
                    hint="Type at least two letters of their name, then choose them from the list."
                    chosen_label="Chosen for the role"
                />
                <div class="form-group" class:form-group-error=move || errors.message(ROLE).is_some()>
                    <label class="label" for=ROLE>
                        "Role"
                    </label>
                    <FieldErrorMessage errors=errors field=ROLE />
                    <select
                        id=ROLE
                        class="select"
                        aria-describedby=move || errors.described_by(ROLE, false)
                        aria-invalid=move || errors.invalid(ROLE)
                        on:change=move |ev| role.set(event_target_value(&ev))
                    >
                        <option value="" prop:selected=move || role.get().is_empty()>
                            "Choose a role"
                        </option>
                        {role_options}
                    </select>
                </div>
                <Show when=senior_manager>
                    <UnitField unit=unit unit_name=unit_name errors=errors />
                </Show>
                <button type="submit" class="button" disabled=move || saving.get()>
                    "Grant role"
                </button>
            </form>
        </section>
    }
}

/// A unit a scope starts at (a senior manager's, a BI token's), from the
/// organisation's units (loaded when first needed).
#[component]
pub(super) fn UnitField(
    /// The chosen unit's id, as text ("" for none).
    unit: RwSignal<String>,
    /// Its name, for the message afterwards.
    unit_name: RwSignal<String>,
    /// The form's errors.
    errors: FormErrors,
    /// The API's name for the field, also the select's id.
    #[prop(default = UNIT)]
    field: &'static str,
    /// What choosing a unit means here.
    #[prop(default = "Their scope starts at this unit and takes in every unit below it.")]
    hint: &'static str,
) -> impl IntoView {
    let units = LocalResource::new(org_units);
    let select = move || {
        match units.get() {
        None => view! { <Loading what="the units" /> }.into_any(),
        Some(Err(err)) => view! {
            <p class="field-error">{format!("The units could not be loaded. {}", err.user_message())}</p>
        }
        .into_any(),
        Some(Ok(list)) => {
            let names: Vec<(String, String)> = list
                .iter()
                .map(|u| (u.id.to_string(), u.name.clone()))
                .collect();
            let options = list
                .into_iter()
                .map(|u| {
                    let id = u.id.to_string();
                    let selected = id.clone();
                    view! {
                        <option value=id prop:selected=move || unit.get() == selected>
                            {u.path}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <select
                    id=field
                    class="select"
                    aria-describedby=move || errors.described_by(field, true)
                    aria-invalid=move || errors.invalid(field)
                    on:change=move |ev| {
                        let chosen = event_target_value(&ev);
                        let name = names
                            .iter()
                            .find(|(id, _)| *id == chosen)
                            .map(|(_, name)| name.clone())
                            .unwrap_or_default();
                        unit_name.set(name);
                        unit.set(chosen);
                    }
                >
                    <option value="" prop:selected=move || unit.get().is_empty()>
                        "Choose a unit"
                    </option>
                    {options}
                </select>
            }
            .into_any()
        }
    }
    };
    view! {
        <div class="form-group" class:form-group-error=move || errors.message(field).is_some()>
            <label class="label" for=field>
                "Unit"
            </label>
            <p class="hint" id=hint_id(field)>
                {hint}
            </p>
            <FieldErrorMessage errors=errors field=field />
            {select}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grace() -> StaffSummary {
        StaffSummary {
            id: Uuid::from_u128(7),
            name: "Grace Liu".into(),
            job_title: String::new(),
            team_name: String::new(),
        }
    }

    #[test]
    fn only_the_roles_kept_in_the_directory_are_offered() {
        let offered: Vec<Role> = grantable().collect();
        assert_eq!(
            offered,
            vec![
                Role::SeniorManager,
                Role::Auditor,
                Role::HrAdmin,
                Role::SystemAdmin
            ]
        );
    }

    #[test]
    fn a_senior_manager_needs_a_unit_and_other_roles_send_none() {
        let Err(problems) = check(Some(&grace()), "senior_manager", "") else {
            panic!("a senior manager without a unit cannot be sent");
        };
        assert_eq!(problems[0].field, UNIT);
        let unit = Uuid::from_u128(9).to_string();
        let Ok(grant) = check(Some(&grace()), "auditor", &unit) else {
            panic!("an auditor can be sent");
        };
        assert_eq!(grant.unit_id, None);
        let Ok(grant) = check(Some(&grace()), "senior_manager", &unit) else {
            panic!("a senior manager with a unit can be sent");
        };
        assert_eq!(grant.unit_id, Some(Uuid::from_u128(9)));
    }

    #[test]
    fn nothing_chosen_names_the_person_and_the_role() {
        let Err(problems) = check(None, "", "") else {
            panic!("nothing chosen cannot be sent");
        };
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, vec![STAFF, ROLE]);
    }
}
