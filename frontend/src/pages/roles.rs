//! `/roles`: for system administrators. Who holds which directory role
//! (senior manager over a unit, auditor, HR administrator, system
//! administrator), granting and ending them (F2.2); the tokens with which
//! the identity provider provisions staff over SCIM; and those with which
//! the organisation's BI tools read compliance (F9.5). Anyone else is told
//! the page is not for them (the server refuses them too).

mod bi_access;
mod grant_form;
mod grants;
mod provisioning;
mod token;

use leptos::prelude::*;
use supervision_shared::Role;

use crate::session::use_session;
use crate::title::set_title;
use bi_access::BiAccessSection;
use grants::GrantsSection;
use provisioning::ProvisioningSection;

/// The `/roles` page.
#[component]
pub fn RolesPage() -> impl IntoView {
    set_title("Roles");
    let session = use_session();
    let administrator = Memo::new(move |_| session.person().map(|me| me.is_system_admin()));
    view! {
        <h1 tabindex="-1">"Roles"</h1>
        {move || match administrator.get() {
            Some(true) => view! {
                <GrantsSection />
                <ProvisioningSection />
                <BiAccessSection />
            }
            .into_any(),
            Some(false) => view! {
                <div class="notice">
                    <p>
                        "This page is for system administrators, who grant roles and connect the identity provider."
                    </p>
                </div>
            }
            .into_any(),
            None => ().into_any(),
        }}
    }
}

/// A role as it reads inside a sentence, with its article: "an auditor",
/// "an HR administrator", "a senior manager".
fn role_with_article(role: Role) -> &'static str {
    match role {
        Role::Staff => "a member of staff",
        Role::Supervisor => "a supervisor",
        Role::LineManager => "a line manager",
        Role::SeniorManager => "a senior manager",
        Role::Auditor => "an auditor",
        Role::HrAdmin => "an HR administrator",
        Role::SystemAdmin => "a system administrator",
    }
}

/// "an auditor", or "a senior manager of Community Services".
fn role_phrase(role: Role, unit: Option<&str>) -> String {
    match unit.filter(|u| !u.trim().is_empty()) {
        Some(unit) => format!("{} of {unit}", role_with_article(role)),
        None => role_with_article(role).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_read_in_sentences_with_their_article_and_unit() {
        assert_eq!(role_phrase(Role::Auditor, None), "an auditor");
        assert_eq!(role_phrase(Role::HrAdmin, Some("")), "an HR administrator");
        assert_eq!(
            role_phrase(Role::SeniorManager, Some("Community Services")),
            "a senior manager of Community Services"
        );
    }
}
