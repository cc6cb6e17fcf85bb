//! Proposing a rule: what it sets, for whom, how many days, from and to
//! when, and why. Only what the browser cannot send (a number that is not
//! one, a missing date) is checked here; every other rule is the server's,
//! and its field errors are shown beside the fields they are about.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::policy::PolicySetting;
use supervision_shared::{FieldError, Role};

use super::Viewer;
use super::standing::{days_phrase, organisation_default, would_need_approval};
use super::units::OverseenUnit;
use crate::api::ErrorCode;
use crate::api::policy::{
    PolicyRule, PolicyRuleInput, SCOPE_VALUE_FIELDS, ScopeKind, propose_policy_rule,
};
use crate::api::staff::StaffSummary;
use crate::components::date_input::DateInput;
use crate::components::error_summary::{ErrorSummary, focus_error_summary};
use crate::components::field_error::{FieldErrorMessage, FormErrors, hint_id};
use crate::components::reason_field::ReasonField;
use crate::components::staff_picker::StaffPicker;
use crate::dates;

/// The form's heading id, which names the form.
pub const FORM_HEADING_ID: &str = "propose-heading";

/// The settings this viewer may propose: the back-stop and the due-soon
/// window are the whole organisation's, which only administrators set.
fn settings_for(viewer: Viewer) -> Vec<PolicySetting> {
    PolicySetting::ALL
        .iter()
        .copied()
        .filter(|s| {
            viewer.administrator
                || matches!(
                    s,
                    PolicySetting::Clinical | PolicySetting::Management | PolicySetting::Case
                )
        })
        .collect()
}

/// The scopes this viewer may set rules for: administrators any; heads of
/// service their units and their people. A unit needs a name to be chosen.
fn scopes_for(viewer: Viewer, has_units: bool) -> Vec<ScopeKind> {
    ScopeKind::ALL
        .into_iter()
        .filter(|k| match k {
            ScopeKind::OrgUnit => has_units,
            ScopeKind::Person => true,
            _ => viewer.administrator,
        })
        .collect()
}

/// The input's code for a setting, for the radios.
fn setting_code(setting: PolicySetting) -> String {
    setting.as_str().to_owned()
}

/// The days and dates as typed, once they can be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Checked {
    days: i32,
    from: NaiveDate,
    to: Option<NaiveDate>,
}

/// What the browser must check before anything can be sent.
fn check(days: &str, from: &str, to: &str) -> Result<Checked, Vec<FieldError>> {
    let mut problems = Vec::new();
    let days = days.trim().parse::<i32>().ok();
    if days.is_none() {
        problems.push(FieldError::new(
            "days",
            "Give the number of days as a whole number, for example 56.",
        ));
    }
    let from = dates::parse_iso(from);
    if from.is_none() {
        problems.push(FieldError::new(
            "effectiveFrom",
            "Give the first day the rule is in force.",
        ));
    }
    let to = if to.trim().is_empty() {
        Ok(None)
    } else {
        dates::parse_iso(to).map(Some).ok_or(())
    };
    if to.is_err() {
        problems.push(FieldError::new(
            "effectiveTo",
            "Give the last day as a date, or leave it empty if the rule does not end.",
        ));
    }
    match (days, from, to) {
        (Some(days), Some(from), Ok(to)) if problems.is_empty() => Ok(Checked { days, from, to }),
        _ => Err(problems),
    }
}

/// The form.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
pub fn ProposeForm(
    /// Who is proposing.
    viewer: Viewer,
    /// The units they oversee (empty for administrators).
    units: Vec<OverseenUnit>,
    /// The organisation's rules, for the default a proposal is compared with.
    #[prop(into)]
    rules: Signal<Vec<PolicyRule>>,
    /// Called with the rule once the server has saved it.
    on_proposed: Callback<PolicyRule>,
) -> impl IntoView {
    let settings = settings_for(viewer);
    let scopes = scopes_for(viewer, !units.is_empty());
    let setting = RwSignal::new(setting_code(PolicySetting::Clinical));
    let scope = RwSignal::new(
        scopes
            .first()
            .copied()
            .unwrap_or(ScopeKind::Person)
            .as_str()
            .to_owned(),
    );
    let unit = RwSignal::new(units.first().map(|u| u.id.to_string()).unwrap_or_default());
    let profession = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Supervisor.as_str().to_owned());
    let person = RwSignal::new(Vec::<StaffSummary>::new());
    let days = RwSignal::new(String::new());
    let from = RwSignal::new(dates::iso(dates::today()));
    let to = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);

    // One person per rule: choosing another replaces the first.
    Effect::new(move |_| {
        if person.with(|p| p.len() > 1) {
            person.update(|p| {
                let last = p.pop();
                p.clear();
                p.extend(last);
            });
        }
    });

    let chosen_setting = move || PolicySetting::parse(&setting.get()).ok();
    let chosen_scope = move || ScopeKind::parse(&scope.get());

    // The default the days are compared with, and whether they exceed it.
    let default_hint = move || {
        let setting = chosen_setting()?;
        let day = dates::parse_iso(&from.get()).unwrap_or_else(dates::today);
        let frequency = matches!(
            setting,
            PolicySetting::Clinical | PolicySetting::Management | PolicySetting::Case
        );
        if !frequency {
            return None;
        }
        let default = rules.with(|r| organisation_default(r, setting, day));
        Some(format!(
            "The organisation's default is every {}. A rule for fewer people that is less frequent than that waits for a head of service other than you to approve it; until then the default applies.",
            days_phrase(i32::try_from(default).unwrap_or(i32::MAX))
        ))
    };
    let needs_approval = move || {
        let Some(setting) = chosen_setting() else {
            return false;
        };
        let Ok(days) = days.get().trim().parse::<i32>() else {
            return false;
        };
        let day = dates::parse_iso(&from.get()).unwrap_or_else(dates::today);
        let organisation_wide = chosen_scope() == Some(ScopeKind::Organisation);
        rules.with(|r| would_need_approval(r, organisation_wide, setting, days, day))
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        general.set(None);
        let (Some(kind), Some(what)) = (chosen_scope(), chosen_setting()) else {
            general.set(Some(
                "Choose what the rule sets and whom it is for.".to_owned(),
            ));
            focus_error_summary();
            return;
        };
        let checked = match check(
            &days.get_untracked(),
            &from.get_untracked(),
            &to.get_untracked(),
        ) {
            Ok(checked) => checked,
            Err(problems) => {
                errors.set(problems);
                focus_error_summary();
                return;
            }
        };
        let chosen_person = person.get_untracked().into_iter().next();
        let value = match kind {
            ScopeKind::Organisation => String::new(),
            ScopeKind::OrgUnit => unit.get_untracked(),
            ScopeKind::Profession => profession.get_untracked().trim().to_owned(),
            ScopeKind::Role => role.get_untracked(),
            ScopeKind::Person => chosen_person
                .as_ref()
                .map(|p| p.id.to_string())
                .unwrap_or_default(),
        };
        let input = PolicyRuleInput::new(
            kind,
            value,
            what,
            checked.days,
            checked.from,
            checked.to,
            reason.get_untracked(),
        );
        errors.clear();
        saving.set(true);
        spawn_local(async move {
            let result = propose_policy_rule(&input).await;
            saving.set(false);
            match result {
                Ok(rule) => {
                    days.set(String::new());
                    to.set(String::new());
                    reason.set(String::new());
                    person.set(Vec::new());
                    on_proposed.run(rule);
                }
                Err(err) if err.code == ErrorCode::ValidationFailed && !err.fields.is_empty() => {
                    // The server names the typed field for the scope's
                    // value; this form has one field for all of them.
                    let fields = err
                        .fields
                        .into_iter()
                        .map(|mut f| {
                            if SCOPE_VALUE_FIELDS.contains(&f.field.as_str()) {
                                f.field = "scopeValue".to_owned();
                            }
                            f
                        })
                        .collect();
                    errors.set(fields);
                    focus_error_summary();
                }
                Err(err) if err.code == ErrorCode::Forbidden => {
                    general.set(Some(
                        "You can set rules only for the units and people in the services you oversee."
                            .to_owned(),
                    ));
                    focus_error_summary();
                }
                Err(err) => {
                    general.set(Some(err.user_message()));
                    focus_error_summary();
                }
            }
        });
    };

    let setting_radios = settings
        .into_iter()
        .map(|s| {
            let id = format!("setting-{}", s.as_str());
            view! {
                <div class="radio">
                    <input type="radio" id=id.clone() name="setting" value=setting_code(s) bind:group=setting />
                    <label for=id>{s.label()}</label>
                </div>
            }
        })
        .collect_view();
    let scope_radios = scopes
        .into_iter()
        .map(|k| {
            let id = format!("scope-{}", k.as_str());
            view! {
                <div class="radio">
                    <input type="radio" id=id.clone() name="scopeKind" value=k.as_str() bind:group=scope />
                    <label for=id>{k.label()}</label>
                </div>
            }
        })
        .collect_view();

    let scope_value_field = move || {
        match chosen_scope() {
        Some(ScopeKind::OrgUnit) => {
            let options = units
                .iter()
                .map(|u| {
                    let id = u.id.to_string();
                    let selected = id.clone();
                    view! {
                        <option value=id prop:selected=move || unit.get() == selected>
                            {u.option_label()}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <div class="form-group" class:form-group-error=move || errors.message("scopeValue").is_some()>
                    <label class="label" for="scopeValue">
                        "Which unit"
                    </label>
                    <p class="hint" id=hint_id("scopeValue")>
                        "The rule covers everyone in the unit and in the units below it."
                    </p>
                    <FieldErrorMessage errors=errors field="scopeValue" />
                    <select
                        id="scopeValue"
                        class="select"
                        aria-describedby=move || errors.described_by("scopeValue", true)
                        aria-invalid=move || errors.invalid("scopeValue")
                        on:change=move |ev| unit.set(event_target_value(&ev))
                    >
                        {options}
                    </select>
                </div>
            }
            .into_any()
        }
        Some(ScopeKind::Profession) => view! {
            <div class="form-group" class:form-group-error=move || errors.message("scopeValue").is_some()>
                <label class="label" for="scopeValue">
                    "Which profession"
                </label>
                <p class="hint" id=hint_id("scopeValue")>
                    "As written in staff records, for example Nursing, Physiotherapy or Social Work."
                </p>
                <FieldErrorMessage errors=errors field="scopeValue" />
                <input
                    id="scopeValue"
                    class="input"
                    type="text"
                    autocomplete="off"
                    aria-describedby=move || errors.described_by("scopeValue", true)
                    aria-invalid=move || errors.invalid("scopeValue")
                    prop:value=move || profession.get()
                    on:input=move |ev| profession.set(event_target_value(&ev))
                />
            </div>
        }
        .into_any(),
        Some(ScopeKind::Role) => view! {
            <div class="form-group" class:form-group-error=move || errors.message("scopeValue").is_some()>
                <label class="label" for="scopeValue">
                    "Which role"
                </label>
                <FieldErrorMessage errors=errors field="scopeValue" />
                <select
                    id="scopeValue"
                    class="select"
                    aria-describedby=move || errors.described_by("scopeValue", false)
                    aria-invalid=move || errors.invalid("scopeValue")
                    on:change=move |ev| role.set(event_target_value(&ev))
                >
                    {Role::ALL
                        .iter()
                        .map(|r| {
                            let code = r.as_str();
                            view! {
                                <option value=code prop:selected=move || role.get() == code>
                                    {r.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
        }
        .into_any(),
        Some(ScopeKind::Person) => view! {
            <StaffPicker
                selected=person
                exclude=Signal::derive(Vec::new)
                errors=errors
                field="scopeValue"
                label="Which person"
                hint="Type at least two letters of their name, then choose them from the list. The rule becomes part of their supervision agreement."
                chosen_label="Chosen for this rule"
            />
        }
        .into_any(),
        _ => ().into_any(),
    }
    };

    view! {
        <section class="page-section form-section" aria-labelledby=FORM_HEADING_ID>
            <h2 id=FORM_HEADING_ID>"Propose a rule"</h2>
            <ErrorSummary errors=errors general=general />
            <form on:submit=on_submit novalidate aria-labelledby=FORM_HEADING_ID>
                <div class="form-group" class:form-group-error=move || errors.message("setting").is_some()>
                    <fieldset
                        class="fieldset"
                        id="setting"
                        tabindex="-1"
                        aria-describedby=move || errors.described_by("setting", false)
                    >
                        <legend class="legend">"What the rule sets"</legend>
                        <FieldErrorMessage errors=errors field="setting" />
                        {setting_radios}
                    </fieldset>
                </div>
                <div class="form-group" class:form-group-error=move || errors.message("scopeKind").is_some()>
                    <fieldset
                        class="fieldset"
                        id="scopeKind"
                        tabindex="-1"
                        aria-describedby=move || errors.described_by("scopeKind", false)
                    >
                        <legend class="legend">"Who it applies to"</legend>
                        <FieldErrorMessage errors=errors field="scopeKind" />
                        {scope_radios}
                    </fieldset>
                </div>
                {scope_value_field}
                <div class="form-group" class:form-group-error=move || errors.message("days").is_some()>
                    <label class="label" for="days">
                        "Number of days"
                    </label>
                    <p class="hint" id=hint_id("days")>
                        {move || default_hint().unwrap_or_else(|| "From 1 to 366.".to_owned())}
                    </p>
                    <FieldErrorMessage errors=errors field="days" />
                    <input
                        id="days"
                        class="input input-short"
                        type="text"
                        inputmode="numeric"
                        autocomplete="off"
                        aria-describedby=move || errors.described_by("days", true)
                        aria-invalid=move || errors.invalid("days")
                        prop:value=move || days.get()
                        on:input=move |ev| days.set(event_target_value(&ev))
                    />
                    <div aria-live="polite">
                        {move || {
                            needs_approval()
                                .then(|| {
                                    view! {
                                        <p class="notice notice-warning approval-notice">
                                            "This is less frequent than the organisation's default: it will wait for a head of service other than you to approve it."
                                        </p>
                                    }
                                })
                        }}
                    </div>
                </div>
                <DateInput
                    field="effectiveFrom"
                    legend="In force from"
                    value=from
                    on_change=Callback::new(move |typed| from.set(typed))
                    errors=errors
                />
                <DateInput
                    field="effectiveTo"
                    legend="Until (optional)"
                    hint="The last day it is in force. Leave empty if it does not end."
                    value=to
                    on_change=Callback::new(move |typed| to.set(typed))
                    errors=errors
                />
                <ReasonField
                    errors=errors
                    label="Reason"
                    hint="Why this frequency, for these people. Whoever approves the rule reads this."
                    value=reason
                />
                <button type="submit" class="button" disabled=move || saving.get()>
                    "Propose rule"
                </button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    const HEAD: Viewer = Viewer {
        id: Uuid::nil(),
        head_of_service: true,
        administrator: false,
    };
    const ADMIN: Viewer = Viewer {
        id: Uuid::nil(),
        head_of_service: false,
        administrator: true,
    };

    #[test]
    fn a_head_of_service_sets_frequencies_for_units_and_people_only() {
        assert_eq!(
            scopes_for(HEAD, true),
            vec![ScopeKind::OrgUnit, ScopeKind::Person]
        );
        assert_eq!(settings_for(HEAD).len(), 3);
        assert!(!settings_for(HEAD).contains(&PolicySetting::Backstop));
    }

    #[test]
    fn an_administrator_sets_anything_but_a_unit_they_cannot_name() {
        assert_eq!(
            scopes_for(ADMIN, false),
            vec![
                ScopeKind::Organisation,
                ScopeKind::Profession,
                ScopeKind::Role,
                ScopeKind::Person
            ]
        );
        assert_eq!(settings_for(ADMIN).len(), 5);
    }

    #[test]
    fn only_what_cannot_be_sent_is_checked_in_the_browser() {
        let Err(problems) = check("eighty", "", "tomorrow") else {
            panic!("nothing can be sent")
        };
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, vec!["days", "effectiveFrom", "effectiveTo"]);
        // Out of range is the server's to say.
        assert!(check("400", "2027-01-01", "").is_ok());
    }
}
