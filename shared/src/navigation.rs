//! The main navigation: the pages a person is offered, from their roles and
//! whether they are themselves supervised. The app's header draws these
//! links, and the server draws the same ones into the first page it sends
//! (backend/src/web/first_page.rs), so the header does not grow and push the
//! page down when the app arrives.

use crate::Role;

/// One link of the main navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavLink {
    pub href: &'static str,
    pub label: &'static str,
}

const fn link(href: &'static str, label: &'static str) -> NavLink {
    NavLink { href, label }
}

/// Whether they supervise or line-manage anyone, so have supervisees to list.
pub fn has_supervisees(roles: &[Role]) -> bool {
    roles
        .iter()
        .any(|r| matches!(r, Role::Supervisor | Role::LineManager))
}

/// Whether supervision is part of their own work: they are supervised, or
/// supervise or manage someone. Only then are recording, actions and cases
/// offered to them; an auditor or administrator with no one over or under
/// them has no supervision of their own to record, act on or discuss.
pub fn in_supervision(roles: &[Role], supervised: bool) -> bool {
    supervised || has_supervisees(roles)
}

/// The links offered, in the order shown.
pub fn main_links(roles: &[Role], supervised: bool) -> Vec<NavLink> {
    let has = |role: Role| roles.contains(&role);
    let mut links = vec![link("/", "My supervisions")];
    if in_supervision(roles, supervised) {
        links.push(link("/record", "Record supervision"));
        links.push(link("/actions", "My actions"));
        links.push(link("/cases", "Cases"));
    }
    if has_supervisees(roles) {
        links.push(link("/supervisees", "My supervisees"));
    }
    if has(Role::SeniorManager) {
        // Redaction requests are reached from the home page's queue,
        // which says how many wait: the navigation stays one line wide.
        links.push(link("/compliance", "Team compliance"));
    }
    if has(Role::SeniorManager) || has(Role::SystemAdmin) {
        links.push(link("/policy", "Policy rules"));
    }
    if has(Role::HrAdmin) {
        links.push(link("/import", "Import staff"));
        // System administrators may place holds too, by address: their
        // navigation is full.
        links.push(link("/legal-holds", "Legal holds"));
        links.push(link("/performance-records", "Performance records"));
    }
    if has(Role::SystemAdmin) {
        links.push(link("/removals", "Removal requests"));
    }
    if has(Role::Auditor) {
        links.push(link("/audits", "Audits"));
        // Senior managers reach it from team compliance, supervisors from
        // their supervisees, administrators from the organisation's page.
        links.push(link("/questionnaires", "Questionnaire"));
    }
    if has(Role::SystemAdmin) || has(Role::HrAdmin) {
        links.push(link("/units", "Units"));
    }
    if has(Role::SystemAdmin) {
        links.push(link("/roles", "Roles"));
        links.push(link("/organisation", "Organisation"));
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hrefs(roles: &[Role], supervised: bool) -> Vec<&'static str> {
        main_links(roles, supervised)
            .iter()
            .map(|l| l.href)
            .collect()
    }

    #[test]
    fn a_supervised_member_of_staff_records_and_acts_but_oversees_nothing() {
        assert_eq!(
            hrefs(&[Role::Staff], true),
            ["/", "/record", "/actions", "/cases"]
        );
    }

    #[test]
    fn a_supervisor_also_lists_their_supervisees() {
        assert_eq!(
            hrefs(&[Role::Supervisor], false),
            ["/", "/record", "/actions", "/cases", "/supervisees"]
        );
    }

    #[test]
    fn an_auditor_with_no_one_over_them_has_their_own_page_and_their_audits() {
        assert_eq!(
            hrefs(&[Role::Auditor], false),
            ["/", "/audits", "/questionnaires"]
        );
    }

    #[test]
    fn administrators_get_their_queues_and_settings() {
        assert_eq!(
            hrefs(&[Role::SystemAdmin], false),
            [
                "/",
                "/policy",
                "/removals",
                "/units",
                "/roles",
                "/organisation"
            ]
        );
        assert_eq!(
            hrefs(&[Role::HrAdmin], false),
            [
                "/",
                "/import",
                "/legal-holds",
                "/performance-records",
                "/units"
            ]
        );
        assert_eq!(
            hrefs(&[Role::SeniorManager], true),
            [
                "/",
                "/record",
                "/actions",
                "/cases",
                "/compliance",
                "/policy"
            ]
        );
    }
}
