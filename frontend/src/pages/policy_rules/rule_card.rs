//! One rule as a card: what it sets, for whom, from and to when, who
//! proposed it and why, whether it is approved; and for a rule awaiting
//! approval, either the Approve button or why the viewer has none.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::Viewer;
use super::standing::{Standing, days_phrase, organisation_default, title};
use super::units::OverseenUnit;
use crate::api::ErrorCode;
use crate::api::policy::{PolicyRule, ScopeKind, approve_policy_rule};
use crate::components::error_summary::{ErrorSummary, focus_element};
use crate::components::field_error::FormErrors;
use crate::dates;

/// What the page knows for naming and judging rules.
#[derive(Debug, Clone)]
pub struct Known {
    /// Who is looking.
    pub viewer: Viewer,
    /// Every rule of the organisation (for its defaults).
    pub rules: Vec<PolicyRule>,
    /// The units the viewer oversees; `None` while unknown.
    pub units: Option<HashMap<Uuid, OverseenUnit>>,
}

/// "Everyone in X" as the middle of a sentence: "everyone in X".
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Whom a rule applies to, in words. The server names the unit or person
/// (`scopeLabel`), whether or not the viewer oversees them; for a unit and
/// a person this says what the rule covers.
pub fn applies_to(rule: &PolicyRule) -> String {
    let label = rule.scope_label.as_str();
    match rule.scope() {
        Some(ScopeKind::OrgUnit) => format!("Everyone in {label} and the units below it"),
        Some(ScopeKind::Person) => format!("{label}: their supervision agreement"),
        _ => label.to_owned(),
    }
}

/// Whether the viewer may approve a rule awaiting approval, or why not.
/// The server decides; this only spares people a button that would fail.
pub fn may_approve(rule: &PolicyRule, known: &Known) -> Result<(), &'static str> {
    let viewer = known.viewer;
    if !viewer.head_of_service {
        return Err(
            "Only a head of service can approve a rule that is less frequent than the organisation's default.",
        );
    }
    if rule.created_by.as_ref().is_some_and(|p| p.id == viewer.id) {
        return Err("You proposed this rule, so a head of service other than you must approve it.");
    }
    if rule.scope() == Some(ScopeKind::OrgUnit)
        && let Some(units) = &known.units
        && !Uuid::parse_str(&rule.scope_value).is_ok_and(|id| units.contains_key(&id))
    {
        return Err("This unit is not one you oversee: its own head of service approves it.");
    }
    Ok(())
}

/// Where the rule stands, in words.
fn status_text(rule: &PolicyRule, standing: Standing, known: &Known) -> String {
    match standing {
        Standing::Awaiting => {
            let default = organisation_default(&known.rules, rule.setting, rule.effective_from);
            format!(
                "Not in force until approved: the organisation's default (every {}) applies",
                days_phrase(i32::try_from(default).unwrap_or(i32::MAX))
            )
        }
        Standing::InForce => "In force".to_owned(),
        Standing::Upcoming => format!("Comes into force on {}", dates::long(rule.effective_from)),
        Standing::Replaced => "Replaced by a later rule for the same people".to_owned(),
        Standing::Ended => "Ended".to_owned(),
    }
}

/// The approval tag: words, not colour alone, say which.
fn approval_tag(rule: &PolicyRule) -> impl IntoView + use<> {
    let (class, text) = if rule.awaiting_approval {
        ("tag tag-pending", "Awaiting approval")
    } else if rule.approved_at.is_some() {
        ("tag tag-agreed", "Approved")
    } else {
        ("tag", "No approval needed")
    };
    view! {
        <p class="tag-line">
            <span class=class>{text}</span>
        </p>
    }
}

/// One rule.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
pub fn rule_card(
    rule: PolicyRule,
    standing: Standing,
    known: &Known,
    on_approved: Callback<PolicyRule>,
) -> impl IntoView + use<> {
    let heading_id = format!("rule-{}", rule.id);
    let heading = title(rule.setting, rule.days);
    let who = applies_to(&rule);
    let status = status_text(&rule, standing, known);
    let proposed_by = match &rule.created_by {
        Some(person) if person.job_title.is_empty() => person.name.clone(),
        Some(person) => format!("{}, {}", person.name, person.job_title),
        None => "Set up with the system (the policies' defaults)".to_owned(),
    };
    let until = match rule.effective_to {
        Some(to) => view! { <time datetime=dates::iso(to)>{dates::long(to)}</time> }.into_any(),
        None => "No end date".into_any(),
    };
    let approval = if rule.awaiting_approval {
        "Awaiting approval by a head of service".into_any()
    } else if let Some(at) = rule.approved_at {
        let by = rule
            .approved_by
            .as_ref()
            .map(|person| format!("by {} ", person.name));
        view! {
            "Approved " {by} "on " <time datetime=at.to_rfc3339()>{dates::long_time(at)}</time>
        }
        .into_any()
    } else {
        "Not needed".into_any()
    };
    let decision = (standing == Standing::Awaiting).then(|| match may_approve(&rule, known) {
        Ok(()) => view! {
            <ApproveButton
                rule_id=rule.id
                subject=format!("{heading}, {}", lower_first(&who))
                on_approved=on_approved
            />
        }
        .into_any(),
        Err(why) => view! { <p class="hint approval-why">{why}</p> }.into_any(),
    });
    let from = rule.effective_from;
    view! {
        <li class="record-card" aria-labelledby=heading_id.clone()>
            <h3 class="card-title" id=heading_id.clone()>
                {heading.clone()}
            </h3>
            {approval_tag(&rule)}
            <dl class="record-facts">
                <div>
                    <dt>"Applies to"</dt>
                    <dd>{who.clone()}</dd>
                </div>
                <div>
                    <dt>"From"</dt>
                    <dd>
                        <time datetime=dates::iso(from)>{dates::long(from)}</time>
                    </dd>
                </div>
                <div>
                    <dt>"Until"</dt>
                    <dd>{until}</dd>
                </div>
                <div>
                    <dt>"Status"</dt>
                    <dd>{status}</dd>
                </div>
                <div>
                    <dt>"Proposed by"</dt>
                    <dd>{proposed_by}</dd>
                </div>
                <div>
                    <dt>"Approval"</dt>
                    <dd>{approval}</dd>
                </div>
            </dl>
            <p class="label">"Reason"</p>
            <p class="prose">{rule.reason}</p>
            {decision}
        </li>
    }
}

/// What to say when the server refuses an approval.
fn refusal(err: crate::api::ApiError) -> String {
    match err.code {
        ErrorCode::ValidationFailed => err
            .fields
            .into_iter()
            .next()
            .map_or_else(|| err.message.clone(), |f| f.message),
        ErrorCode::Forbidden => {
            "Only the head of service for the people this rule covers can approve it.".to_owned()
        }
        ErrorCode::NotFound => {
            "This rule could not be found. Reload the page to see the current rules.".to_owned()
        }
        _ => err.user_message(),
    }
}

/// Approves one rule; a refusal is shown above the button and focused.
#[component]
fn ApproveButton(
    /// The rule.
    rule_id: Uuid,
    /// What is approved, for screen readers after the visible word.
    subject: String,
    /// Called with the approved rule.
    on_approved: Callback<PolicyRule>,
) -> impl IntoView {
    let busy = RwSignal::new(false);
    let general = RwSignal::new(None::<String>);
    let summary_id = format!("approve-{rule_id}-problem");
    let focus_id = summary_id.clone();
    let on_click = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        general.set(None);
        let focus_id = focus_id.clone();
        spawn_local(async move {
            let result = approve_policy_rule(rule_id).await;
            busy.set(false);
            match result {
                Ok(rule) => on_approved.run(rule),
                Err(err) => {
                    general.set(Some(refusal(err)));
                    request_animation_frame(move || focus_element(&focus_id));
                }
            }
        });
    };
    view! {
        <div class="approve-rule">
            <ErrorSummary errors=FormErrors::new() general=general id=summary_id />
            <button type="button" class="button" disabled=move || busy.get() on:click=on_click>
                "Approve"
                <span class="visually-hidden">{format!(" rule: {subject}")}</span>
            </button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::staff::StaffSummary;
    use chrono::NaiveDate;
    use supervision_shared::policy::PolicySetting;

    const ME: Uuid = Uuid::from_u128(1);
    const MY_UNIT: Uuid = Uuid::from_u128(10);
    const OTHER_UNIT: Uuid = Uuid::from_u128(11);

    fn known(head_of_service: bool) -> Known {
        let unit = OverseenUnit {
            id: MY_UNIT,
            name: "Physiotherapy".into(),
            parent: Some("Therapies".into()),
        };
        Known {
            viewer: Viewer {
                id: ME,
                head_of_service,
                administrator: !head_of_service,
            },
            rules: Vec::new(),
            units: Some(HashMap::from([(MY_UNIT, unit)])),
        }
    }

    fn pending(unit: Uuid, by: Uuid) -> PolicyRule {
        PolicyRule {
            id: Uuid::from_u128(99),
            scope_kind: "org_unit".into(),
            scope_value: unit.to_string(),
            scope_label: "Physiotherapy".into(),
            setting: PolicySetting::Clinical,
            days: 84,
            effective_from: NaiveDate::from_ymd_opt(2026, 7, 1).unwrap_or_default(),
            effective_to: None,
            reason: "Rotas".into(),
            created_by: Some(StaffSummary {
                id: by,
                name: "Someone".into(),
                job_title: String::new(),
                team_name: String::new(),
            }),
            approved_at: None,
            approved_by: None,
            awaiting_approval: true,
        }
    }

    #[test]
    fn a_head_of_service_approves_someone_elses_rule_for_their_own_unit() {
        let other = Uuid::from_u128(2);
        assert_eq!(may_approve(&pending(MY_UNIT, other), &known(true)), Ok(()));
    }

    #[test]
    fn no_one_approves_their_own_rule() {
        assert!(may_approve(&pending(MY_UNIT, ME), &known(true)).is_err());
    }

    #[test]
    fn a_unit_outside_the_viewers_services_and_a_viewer_who_is_no_head_of_service_cannot() {
        let other = Uuid::from_u128(2);
        assert!(may_approve(&pending(OTHER_UNIT, other), &known(true)).is_err());
        assert!(may_approve(&pending(MY_UNIT, other), &known(false)).is_err());
    }

    #[test]
    fn a_rule_is_named_as_the_server_names_its_people_whether_or_not_the_viewer_oversees_them() {
        assert_eq!(
            applies_to(&pending(OTHER_UNIT, ME)),
            "Everyone in Physiotherapy and the units below it"
        );
        let mut for_tom = pending(MY_UNIT, ME);
        for_tom.scope_kind = "person".into();
        for_tom.scope_label = "Tom Reed (Community Nurse)".into();
        assert_eq!(
            applies_to(&for_tom),
            "Tom Reed (Community Nurse): their supervision agreement"
        );
        let mut everyone = pending(MY_UNIT, ME);
        everyone.scope_kind = "organisation".into();
        everyone.scope_label = "Everyone in the organisation".into();
        assert_eq!(applies_to(&everyone), "Everyone in the organisation");
    }
}
