//! On the home page: the agreements waiting for the signed-in person's
//! signature, first and marked as such; then their own agreements as
//! supervisee (being written or in force), so each can be read again.
//! Nothing when there are none.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::ApiError;
use crate::api::agreement::{Agreement, AgreementStatus};
use crate::components::status::LoadError;
use crate::session::use_session;

/// A link's words for an agreement: which supervision and between whom.
fn link_text(a: &Agreement) -> String {
    format!(
        "{} agreement: {} and {}",
        a.kind.label(),
        a.supervisee.name,
        a.supervisor.name
    )
}

/// The two lists: to sign (either role), then the rest of one's own as
/// supervisee. Pure, for the tests.
fn split(all: Vec<Agreement>, me: Option<uuid::Uuid>) -> (Vec<Agreement>, Vec<Agreement>) {
    let (to_sign, rest): (Vec<_>, Vec<_>) = all.into_iter().partition(|a| a.can_sign);
    let own = rest
        .into_iter()
        .filter(|a| Some(a.supervisee.id) == me)
        .collect();
    (to_sign, own)
}

/// The home page's agreements sections.
#[component]
pub fn MyAgreements(
    /// The caller's agreements, asked for by the home page.
    mine: LocalResource<Result<Vec<Agreement>, ApiError>>,
) -> impl IntoView {
    let session = use_session();
    move || match mine.get() {
        None => ().into_any(),
        Some(Err(err)) => view! { <LoadError error=err /> }.into_any(),
        Some(Ok(list)) => {
            let (to_sign, own) = split(list.to_vec(), session.person().map(|me| me.id));
            view! {
                {(!to_sign.is_empty()).then(|| view! {
                    <section class="page-section notice notice-warning" aria-labelledby="to-sign-heading">
                        <h2 id="to-sign-heading">"Agreements to sign"</h2>
                        <p>"Read each one; it is in force once both of you have signed it."</p>
                        <ul class="card-links">
                            {to_sign.into_iter().map(|a| view! {
                                <li><A href=format!("/agreements/{}", a.id)>{link_text(&a)}</A></li>
                            }).collect_view()}
                        </ul>
                    </section>
                })}
                {(!own.is_empty()).then(|| view! {
                    <section class="page-section" aria-labelledby="my-agreements-heading">
                        <h2 id="my-agreements-heading">"My supervision agreements"</h2>
                        <ul class="card-links">
                            {own.into_iter().map(|a| {
                                let state = match a.status {
                                    AgreementStatus::InForce => "in force",
                                    _ => "waiting for the other signature",
                                };
                                view! {
                                    <li>
                                        <A href=format!("/agreements/{}", a.id)>{link_text(&a)}</A>
                                        {format!(" ({state})")}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                })}
            }
            .into_any()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::agreement::AgreementKind;

    fn agreement(n: u128, supervisee: u128, status: AgreementStatus) -> Agreement {
        Agreement::example(n, supervisee, AgreementKind::LineManager, status)
    }

    #[test]
    fn those_to_sign_come_first_and_a_supervisors_others_are_left_to_my_supervisees() {
        let me = Some(uuid::Uuid::from_u128(1));
        let (to_sign, own) = split(
            vec![
                agreement(10, 1, AgreementStatus::InForce),
                agreement(11, 2, AgreementStatus::AwaitingSignature),
                agreement(12, 2, AgreementStatus::InForce),
            ],
            me,
        );
        let ids = |list: &[Agreement]| list.iter().map(|a| a.id.as_u128()).collect::<Vec<_>>();
        assert_eq!(ids(&to_sign), [11]);
        assert_eq!(ids(&own), [10]);
        assert_eq!(
            link_text(&own[0]),
            "Line management agreement: Tom Reed and Priya Shah"
        );
    }
}
