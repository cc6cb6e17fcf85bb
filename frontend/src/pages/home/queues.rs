//! "Waiting for you": an administrator's or head of service's home starts
//! with their queues (issue 17, finding 3): requests to remove a record and
//! emails that could not be delivered for a system administrator; requests
//! to redact a section and policy rules to approve for a head of service;
//! people no one is named to supervise for an HR administrator. Only counts
//! are asked for, so the home page carries no more of those pages than it
//! needs.

use leptos::prelude::*;
use leptos_router::components::A;
use serde::Deserialize;

use crate::api::staff::StaffSummary;
use crate::api::{ApiError, graphql};

/// How many of each queue are waiting; `None` where the person has no such
/// queue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Queues {
    /// Requests to remove a record, waiting for a system administrator.
    pub removals: Option<usize>,
    /// Emails the receiving server refused for good: someone's address in
    /// the directory is wrong (a system administrator's to put right).
    pub undeliverable: Option<Vec<Undeliverable>>,
    /// Policy rules waiting for a head of service's approval.
    pub rules: Option<usize>,
    /// Requests to redact a section, waiting for a senior manager.
    pub redactions: Option<usize>,
    /// People with no line manager or clinical supervisor, for an HR
    /// administrator to name one.
    pub unallocated: Option<usize>,
    /// Records drawn into an auditor's open rounds and not yet scored.
    pub to_score: Option<usize>,
    /// Observations of a supervisor's own practice waiting for their
    /// signature: shown only when there are some, with their page.
    pub to_sign: Option<(usize, String)>,
}

impl Queues {
    fn any(&self) -> bool {
        self.removals.is_some()
            || self.rules.is_some()
            || self.redactions.is_some()
            || self.unallocated.is_some()
            || self.to_score.is_some()
            || self.to_sign.is_some()
    }
}

/// An email that could not be delivered, as the queue lists it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Undeliverable {
    recipient: StaffSummary,
    to_address: String,
    subject: String,
    problem: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UndeliverableData {
    undeliverable_emails: Vec<Undeliverable>,
}

/// The most requests counted; more shows as "50 or more".
const COUNTED: usize = 50;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RemovalsData {
    removal_requests: Vec<RemovalState>,
}

#[derive(Deserialize)]
struct RemovalState {
    status: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RedactionsData {
    redaction_requests: Vec<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RulesData {
    policy_rules: Vec<RuleState>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RuleState {
    awaiting_approval: bool,
}

/// Counts the queues the person's roles give them: removal requests for a
/// system administrator, policy rules and redaction requests for a head of
/// service (`oversees`), people without a supervisor for HR (`people`),
/// records to score for an auditor (`audits`), observations of their own
/// practice to sign for a supervisor (`supervises`: `Some` of their id).
pub async fn my_queues(
    removals: bool,
    oversees: bool,
    people: bool,
    audits: bool,
    supervises: Option<uuid::Uuid>,
) -> Result<Queues, ApiError> {
    let mut queues = Queues::default();
    if let Some(me) = supervises {
        let waiting = crate::api::observation::observations_to_sign().await?;
        queues.to_sign = (waiting > 0).then(|| (waiting, format!("/observations/{me}")));
    }
    if audits {
        // Only the count: the rounds themselves are on the audits page.
        let count = crate::api::quality::audit_records_to_score().await?;
        queues.to_score = Some(usize::try_from(count).unwrap_or(usize::MAX));
    }
    if people {
        // One is listed; the count is of all.
        let queue = crate::api::allocation::unallocated_staff(1).await?;
        queues.unallocated = Some(queue.total);
    }
    if removals {
        // The server lists waiting requests first.
        let data: RemovalsData = graphql(
            "query WaitingRemovals($first: Int!) { removalRequests(first: $first) { status } }",
            serde_json::json!({ "first": COUNTED }),
        )
        .await?;
        queues.removals = Some(
            data.removal_requests
                .iter()
                .filter(|r| r.status == "pending")
                .count(),
        );
        let data: UndeliverableData = graphql(
            "query Undeliverable($first: Int!) { undeliverableEmails(first: $first) { recipient { id name jobTitle teamName } toAddress subject problem } }",
            serde_json::json!({ "first": COUNTED }),
        )
        .await?;
        queues.undeliverable = Some(data.undeliverable_emails);
    }
    if oversees {
        // Only those in their scope are sent, all of them waiting.
        let data: RedactionsData = graphql(
            "query WaitingRedactions { redactionRequests { id } }",
            serde_json::json!({}),
        )
        .await?;
        queues.redactions = Some(data.redaction_requests.len());
        let data: RulesData = graphql(
            "query WaitingRules { policyRules { awaitingApproval } }",
            serde_json::json!({}),
        )
        .await?;
        queues.rules = Some(
            data.policy_rules
                .iter()
                .filter(|r| r.awaiting_approval)
                .count(),
        );
    }
    Ok(queues)
}

/// "No requests", "1 request", "3 requests", "50 or more requests".
fn count_words(n: usize, one: &str, many: &str) -> String {
    match n {
        0 => format!("No {many}"),
        1 => format!("1 {one}"),
        n if n >= COUNTED => format!("{COUNTED} or more {many}"),
        n => format!("{n} {many}"),
    }
}

/// "No people", "1 person", "9 people": exact, as the server counts them all.
fn people_words(n: usize) -> String {
    match n {
        0 => "No people".to_owned(),
        1 => "1 person".to_owned(),
        n => format!("{n} people"),
    }
}

/// The section, when the person has a queue.
#[component]
pub fn QueuesSection(
    /// As [`my_queues`] answered.
    queues: LocalResource<Result<Queues, ApiError>>,
) -> impl IntoView {
    move || {
        let queues = match queues.get()? {
            Ok(q) if q.any() => q,
            Ok(_) => return None,
            Err(err) => {
                return Some(
                    view! { <crate::components::status::LoadError error=err /> }.into_any(),
                );
            }
        };
        Some(
            view! {
                <section class="page-section queues" aria-labelledby="queues-heading">
                    <h2 id="queues-heading">"Waiting for you"</h2>
                    <ul class="queue-list">
                        {queues
                            .removals
                            .map(|n| {
                                view! {
                                    <li>
                                        <A href="/removals">
                                            {format!(
                                                "{} to remove a record",
                                                count_words(n, "request", "requests"),
                                            )}
                                        </A>
                                    </li>
                                }
                            })}
                        {queues.undeliverable.map(undeliverable_item)}
                        {queues
                            .redactions
                            .map(|n| {
                                view! {
                                    <li>
                                        <A href="/redactions">
                                            {format!(
                                                "{} to redact a section",
                                                count_words(n, "request", "requests"),
                                            )}
                                        </A>
                                    </li>
                                }
                            })}
                        {queues
                            .to_sign
                            .map(|(n, href)| {
                                view! {
                                    <li>
                                        <A href=href>
                                            {match n {
                                                1 => "1 observation of your practice to sign".to_owned(),
                                                n => format!("{n} observations of your practice to sign"),
                                            }}
                                        </A>
                                    </li>
                                }
                            })}
                        {queues
                            .to_score
                            .map(|n| {
                                view! {
                                    <li>
                                        <A href="/audits">
                                            {format!(
                                                "{} to score in your open audit rounds",
                                                count_words(n, "record", "records"),
                                            )}
                                        </A>
                                    </li>
                                }
                            })}
                        {queues
                            .unallocated
                            .map(|n| {
                                view! {
                                    <li>
                                        <A href="/unallocated">
                                            {format!(
                                                "{} without a line manager or clinical supervisor",
                                                people_words(n),
                                            )}
                                        </A>
                                    </li>
                                }
                            })}
                        {queues
                            .rules
                            .map(|n| {
                                view! {
                                    <li>
                                        <A href="/policy">
                                            {format!(
                                                "{} waiting for your approval",
                                                count_words(n, "policy rule", "policy rules"),
                                            )}
                                        </A>
                                    </li>
                                }
                            })}
                    </ul>
                </section>
            }
            .into_any(),
        )
    }
}

/// The emails that could not be delivered, each with whom it was for and
/// why: the directory's address is put right where it comes from (the HR
/// export or the identity provider), and later emails reach the person.
fn undeliverable_item(emails: Vec<Undeliverable>) -> impl IntoView {
    let count = count_words(
        emails.len(),
        "email that could not be delivered",
        "emails that could not be delivered",
    );
    view! {
        <li class="undeliverable">
            <p>{count}</p>
            {(!emails.is_empty())
                .then(|| {
                    view! {
                        <p class="hint">
                            "Correct each address where the directory gets it (the HR export or the identity provider); these emails are not tried again."
                        </p>
                        <ul class="plain-list">
                            {emails
                                .into_iter()
                                .map(|email| {
                                    view! {
                                        <li>
                                            <strong>{email.recipient.name}</strong>
                                            {format!(" ({}): “{}”", email.to_address, email.subject)}
                                            {email.problem.map(|p| view! { <span class="hint">{format!(" The server said: {p}")}</span> })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_words() {
        assert_eq!(count_words(0, "request", "requests"), "No requests");
        assert_eq!(count_words(1, "request", "requests"), "1 request");
        assert_eq!(
            count_words(COUNTED, "request", "requests"),
            "50 or more requests"
        );
        assert_eq!(people_words(0), "No people");
        assert_eq!(people_words(1), "1 person");
        assert_eq!(people_words(120), "120 people");
    }
}
