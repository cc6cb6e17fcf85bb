//! `/organisation`: the organisation's settings, for system administrators:
//! its name, the time zone its days are judged in, and its email domains
//! (sign-ins with other emails do not count for it). The identity tenant is
//! set when the organisation is set up, and shown here to read.

use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::FieldError;

use crate::api::ErrorCode;
use crate::api::organisation::{
    OrganisationSettings, SettingsInput, change_organisation_settings, domains_of,
    organisation_settings,
};
use crate::components::error_summary::{ErrorSummary, focus_element, focus_error_summary};
use crate::components::field_error::{FieldErrorMessage, FormErrors, hint_id};
use crate::components::status::{LoadError, Loading};
use crate::title::set_title;

const STATUS_ID: &str = "settings-status";

/// Zones offered as the time zone is typed (any IANA zone is accepted).
const ZONES: &[&str] = &[
    "Europe/London",
    "Europe/Dublin",
    "Europe/Isle_of_Man",
    "Europe/Jersey",
    "Europe/Guernsey",
    "Atlantic/Stanley",
    "Europe/Gibraltar",
];

/// The `/organisation` page.
#[component]
pub fn OrganisationSettingsPage() -> impl IntoView {
    set_title("Organisation settings");
    let settings = LocalResource::new(organisation_settings);
    view! {
        <h1 tabindex="-1">"Organisation settings"</h1>
        {move || match settings.get() {
            None => view! { <Loading what="the settings" /> }.into_any(),
            Some(Err(err)) if err.code == ErrorCode::Forbidden => view! {
                <div class="notice">
                    <p><strong>"This page is not available to you."</strong>" Only system administrators keep the organisation's settings."</p>
                </div>
            }
            .into_any(),
            Some(Err(err)) => view! { <LoadError error=err /> }.into_any(),
            Some(Ok(current)) => view! { <SettingsForm current=current /> }.into_any(),
        }}
        <p class="see-also">
            <a href="/questionnaires">"The annual supervision questionnaire"</a>
        </p>
    }
}

/// What the browser checks: a name and a zone.
fn check(name: &str, zone: &str) -> Vec<FieldError> {
    let mut problems = Vec::new();
    if name.trim().is_empty() {
        problems.push(FieldError::new("name", "Enter the organisation's name."));
    }
    if zone.trim().is_empty() {
        problems.push(FieldError::new(
            "timeZone",
            "Enter a time zone, such as Europe/London.",
        ));
    }
    problems
}

// Long by design: one component's signals and its view, in page order.
#[component]
fn SettingsForm(current: OrganisationSettings) -> impl IntoView {
    let name = RwSignal::new(current.name.clone());
    let zone = RwSignal::new(current.time_zone.clone());
    let domains = RwSignal::new(current.email_domains.join("\n"));
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let status = RwSignal::new(None::<String>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        general.set(None);
        status.set(None);
        let problems = check(&name.get_untracked(), &zone.get_untracked());
        if !problems.is_empty() {
            errors.set(problems);
            focus_error_summary();
            return;
        }
        errors.clear();
        saving.set(true);
        let input = SettingsInput {
            name: name.get_untracked().trim().to_owned(),
            time_zone: zone.get_untracked().trim().to_owned(),
            email_domains: domains_of(&domains.get_untracked()),
        };
        spawn_local(async move {
            let result = change_organisation_settings(&input).await;
            saving.set(false);
            match result {
                Ok(kept) => {
                    name.set(kept.name.clone());
                    zone.set(kept.time_zone.clone());
                    domains.set(kept.email_domains.join("\n"));
                    status.set(Some(format!("The settings of {} are saved.", kept.name)));
                    request_animation_frame(|| focus_element(STATUS_ID));
                }
                Err(err) => errors.show_failure(err, general),
            }
        });
    };
    let tenant = current
        .identity_tenant
        .clone()
        .unwrap_or_else(|| "None: any tenant of the identity provider".to_owned());
    view! {
        <div role="status" aria-live="polite">
            {move || status.get().map(|m| view! { <p class="notice notice-success" id=STATUS_ID tabindex="-1">{m}</p> })}
        </div>
        <ErrorSummary errors=errors general=general />
        <form on:submit=on_submit novalidate>
            <div class="form-group" class:form-group-error=move || errors.message("name").is_some()>
                <label class="label" for="name">"Name"</label>
                <FieldErrorMessage errors=errors field="name" />
                <input id="name" class="input" aria-describedby=move || errors.described_by("name", false)
                    aria-invalid=move || errors.invalid("name")
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            </div>
            <div class="form-group" class:form-group-error=move || errors.message("timeZone").is_some()>
                <label class="label" for="timeZone">"Time zone"</label>
                <p class="hint" id=hint_id("timeZone")>"The zone its days are judged in: when a record is late, when supervision falls due."</p>
                <FieldErrorMessage errors=errors field="timeZone" />
                <input id="timeZone" class="input" list="zones" autocomplete="off"
                    aria-describedby=move || errors.described_by("timeZone", true)
                    aria-invalid=move || errors.invalid("timeZone")
                    prop:value=move || zone.get() on:input=move |ev| zone.set(event_target_value(&ev)) />
                <datalist id="zones">{ZONES.iter().map(|z| view! { <option value=*z></option> }).collect_view()}</datalist>
            </div>
            <div class="form-group" class:form-group-error=move || errors.message("emailDomains").is_some()>
                <label class="label" for="emailDomains">"Email domains"</label>
                <p class="hint" id=hint_id("emailDomains")>"One per line. Only sign-ins with an email in them count for this organisation; leave empty for any."</p>
                <FieldErrorMessage errors=errors field="emailDomains" />
                <textarea id="emailDomains" class="textarea" rows="3"
                    aria-describedby=move || errors.described_by("emailDomains", true)
                    aria-invalid=move || errors.invalid("emailDomains")
                    prop:value=move || domains.get() on:input=move |ev| domains.set(event_target_value(&ev))></textarea>
            </div>
            <dl class="record-facts">
                <div>
                    <dt>"Identity provider tenant"</dt>
                    <dd>{tenant}</dd>
                </div>
            </dl>
            <p class="hint">"The tenant is set when the organisation is set up (supervision set-up-organisation --identity-tenant)."</p>
            <button type="submit" class="button button-primary" disabled=move || saving.get()>"Save the settings"</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_and_a_zone_are_needed() {
        let fields: Vec<String> = check(" ", "").into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "timeZone"]);
        assert!(check("Northfield", "Europe/London").is_empty());
    }
}
