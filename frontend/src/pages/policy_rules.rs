//! `/policy`: the organisation's supervision policy as rules (F5.1, F5.8),
//! for senior managers (heads of service) and system administrators.
//! Rules awaiting approval come first, then those in force, those starting
//! later, and those replaced or ended; each says what it sets, for whom,
//! from and to when, who proposed it and why, and whether it is approved.
//! A head of service approves someone else's rule less frequent than the
//! organisation's default; the form below proposes a rule. Anyone else is
//! told the page is not for them (the server refuses them the rules too).

mod propose_form;
mod rule_card;
mod schedules;
mod standing;
mod units;

use leptos::prelude::*;
use leptos_router::components::A;
use supervision_shared::policy::PolicySetting;
use uuid::Uuid;

use crate::api::ErrorCode;
use crate::api::me::Me;
use crate::api::policy::{PolicyRule, ScopeKind, policy_rules};
use crate::components::error_summary::focus_element;
use crate::components::status::{LoadError, Loading, SavedNotice};
use crate::dates;
use crate::session::use_session;
use crate::title::set_title;
use propose_form::{FORM_HEADING_ID, ProposeForm};
use rule_card::{Known, rule_card};
use schedules::SchedulesSection;
use standing::{Standing, standing};
use units::{by_id, units_overseen};

/// The id of the page's status message, focused after a change.
const STATUS_ID: &str = "policy-status";

/// Who is looking, as far as this page cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer {
    /// Their staff id.
    pub id: Uuid,
    /// A senior manager: heads a service, so may approve.
    pub head_of_service: bool,
    /// A system administrator: sets any rule.
    pub administrator: bool,
}

impl Viewer {
    fn of(me: &Me) -> Self {
        Self {
            id: me.id,
            head_of_service: me.is_senior_manager(),
            administrator: me.is_system_admin(),
        }
    }

    fn may_use_page(self) -> bool {
        self.head_of_service || self.administrator
    }
}

/// The `/policy` page.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
pub fn PolicyRulesPage() -> impl IntoView {
    set_title("Policy rules");
    let session = use_session();
    // A memo, so a reload of the same person does not rebuild the page.
    let viewer = Memo::new(move |_| session.person().map(|me| Viewer::of(&me)));
    let rules = LocalResource::new(move || {
        let viewer = viewer.get();
        async move {
            match viewer {
                Some(v) if v.may_use_page() => Some(policy_rules().await),
                _ => None,
            }
        }
    });
    let units = LocalResource::new(move || {
        let head = viewer.get().map(|v| v.head_of_service);
        async move {
            match head {
                Some(true) => Some(units_overseen().await),
                Some(false) => Some(Ok(Vec::new())),
                None => None,
            }
        }
    });
    let status = RwSignal::new(None::<String>);
    let on_changed = Callback::new(move |message: String| {
        status.set(Some(message));
        rules.refetch();
    });
    let on_proposed = Callback::new(move |rule: PolicyRule| {
        on_changed.run(proposed_message(&rule));
    });
    let on_approved = Callback::new(move |rule: PolicyRule| {
        let from = dates::long(rule.effective_from);
        on_changed.run(if rule.effective_from > dates::today() {
            format!("Rule approved. It comes into force on {from}.")
        } else {
            format!("Rule approved. It is in force from {from}.")
        });
    });
    let rule_list = Signal::derive(move || match rules.get() {
        Some(Some(Ok(list))) => list,
        _ => Vec::new(),
    });

    let body = move || match (viewer.get(), rules.get(), units.get()) {
        (Some(v), _, _) if !v.may_use_page() => not_available().into_any(),
        (_, Some(Some(Err(err))), _) if err.code == ErrorCode::Forbidden => {
            not_available().into_any()
        }
        (_, Some(Some(Err(err))), _) => view! { <LoadError error=err /> }.into_any(),
        (Some(v), Some(Some(Ok(list))), Some(Some(units))) => {
            if status.get_untracked().is_some() {
                request_animation_frame(|| focus_element(STATUS_ID));
            }
            let (units, unit_error) = match units {
                Ok(units) => (units, None),
                Err(err) => (Vec::new(), Some(err)),
            };
            let known = Known {
                viewer: v,
                rules: list.clone(),
                units: unit_error.is_none().then(|| by_id(&units)),
            };
            view! {
                <p class="download-link">
                    <a href=format!("#{FORM_HEADING_ID}") rel="external">
                        "Propose a rule"
                    </a>
                </p>
                {unit_error.map(|err| view! { <LoadError error=err /> })}
                {rule_lists(list, &known, on_approved)}
                <ProposeForm
                    viewer=v
                    units=units
                    rules=rule_list
                    on_proposed=on_proposed
                />
                <SchedulesSection administrator=v.administrator />
            }
            .into_any()
        }
        _ => view! { <Loading what="the policy rules" /> }.into_any(),
    };

    view! {
        <h1 tabindex="-1">"Policy rules"</h1>
        <p class="lead">
            "How often each kind of supervision is required: set for the whole organisation, and for units, professions, roles and people."
        </p>
        <p>
            "A rule for fewer people that is less frequent than the organisation's default counts only once a head of service other than the person who proposed it has approved it. Until then the default applies."
        </p>
        <SavedNotice message=status id=STATUS_ID />
        {body}
    }
}

/// What the proposer is told once the server has saved a rule.
fn proposed_message(rule: &PolicyRule) -> String {
    let from = dates::long(rule.effective_from);
    if rule.awaiting_approval {
        "Rule proposed. It is awaiting approval by a head of service other than you; until it is approved, the organisation's default applies.".to_owned()
    } else if rule.effective_from > dates::today() {
        format!("Rule saved. It comes into force on {from}.")
    } else {
        format!("Rule saved. It is in force from {from}.")
    }
}

/// What someone who may not see the policy sees.
fn not_available() -> impl IntoView {
    view! {
        <div class="notice">
            <p>
                <strong>"This page is not available to you."</strong>
                " Only heads of service and system administrators set supervision policy."
            </p>
        </div>
        <p>
            <A href="/">"Go to my supervisions"</A>
        </p>
    }
}

/// The order rules are listed in: by setting, then from the broadest scope
/// to the narrowest, then newest first.
fn sort_key(rule: &PolicyRule) -> (usize, usize, std::cmp::Reverse<chrono::NaiveDate>) {
    let setting = PolicySetting::ALL
        .iter()
        .position(|s| *s == rule.setting)
        .unwrap_or(usize::MAX);
    let scope = rule
        .scope()
        .and_then(|k| ScopeKind::ALL.iter().position(|s| *s == k))
        .unwrap_or(usize::MAX);
    (setting, scope, std::cmp::Reverse(rule.effective_from))
}

/// The rules, grouped by where they stand today.
fn rule_lists(
    mut list: Vec<PolicyRule>,
    known: &Known,
    on_approved: Callback<PolicyRule>,
) -> impl IntoView + use<> {
    list.sort_by_key(sort_key);
    let today = dates::today();
    let mut groups: Vec<(Standing, Vec<PolicyRule>)> = [
        Standing::Awaiting,
        Standing::InForce,
        Standing::Upcoming,
        Standing::Replaced,
        Standing::Ended,
    ]
    .into_iter()
    .map(|s| (s, Vec::new()))
    .collect();
    for rule in &list {
        let at = standing(rule, &list, today);
        if let Some((_, members)) = groups.iter_mut().find(|(s, _)| *s == at) {
            members.push(rule.clone());
        }
    }
    groups
        .into_iter()
        .filter(|(s, members)| *s == Standing::Awaiting || !members.is_empty())
        .map(|(s, members)| group_section(s, members, known, on_approved))
        .collect_view()
}

/// One group's heading and its cards.
fn group_section(
    group: Standing,
    members: Vec<PolicyRule>,
    known: &Known,
    on_approved: Callback<PolicyRule>,
) -> impl IntoView + use<> {
    let (id, heading) = match group {
        Standing::Awaiting => ("awaiting-heading", "Awaiting approval"),
        Standing::InForce => ("in-force-heading", "In force"),
        Standing::Upcoming => ("upcoming-heading", "Starting later"),
        Standing::Replaced => ("replaced-heading", "Replaced by a later rule"),
        Standing::Ended => ("ended-heading", "Ended"),
    };
    let body = if members.is_empty() {
        view! { <p>"No rules are awaiting approval."</p> }.into_any()
    } else {
        let cards = members
            .into_iter()
            .map(|rule| rule_card(rule, group, known, on_approved))
            .collect_view();
        view! { <ul class="record-list">{cards}</ul> }.into_any()
    };
    view! {
        <section class="page-section" aria-labelledby=id>
            <h2 id=id>{heading}</h2>
            {body}
        </section>
    }
}
