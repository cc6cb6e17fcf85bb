//! BI access: the read-only tokens with which the organisation's BI tools
//! (Power BI and the like) read supervision compliance from `/bi/graphql`
//! and the compliance download, never a record's content. Each is made for
//! a named client, reaches one unit and everything below it, and has a
//! last day of use; its secret is shown once; each can be revoked, after
//! asking.

use chrono::Days;
use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::FieldError;
use supervision_shared::bi::{BiTokenDraft, TOKEN_DAYS_MAX, check_token};
use uuid::Uuid;

use super::grant_form::UnitField;
use super::token::{MadeToken, NewToken, RevokeToken, TokenEvents, TokenKind, last_used};
use crate::api::ErrorCode;
use crate::api::bi_access::{BiToken, bi_tokens, create_bi_token};
use crate::components::date_input::DateInput;
use crate::components::error_summary::{ErrorSummary, focus_element};
use crate::components::field_error::{FieldErrorMessage, FormErrors, hint_id};
use crate::components::status::{LoadError, Loading, SavedNotice};
use crate::dates;

/// The section's heading id.
const HEADING_ID: &str = "bi-access-heading";
/// The message after a revocation, focused once the list has reloaded.
const STATUS_ID: &str = "bi-access-status";
/// The form's heading id, which names it.
const FORM_HEADING_ID: &str = "bi-token-form-heading";
/// The form's error summary.
const SUMMARY_ID: &str = "bi-token-errors";
/// The API's field names, also the inputs' ids.
const LABEL: &str = "bi-label";
const UNITS: &str = "unitIds";
const EXPIRES_ON: &str = "expiresOn";
/// What the last day may be (`TOKEN_DAYS_MAX` days).
const EXPIRES_HINT: &str = "At most 366 days from today; make a new one when it ends.";

/// The section: the tokens, the form to make one, and the one just made.
#[component]
pub fn BiAccessSection() -> impl IntoView {
    let tokens = LocalResource::new(bi_tokens);
    let TokenEvents {
        status,
        made,
        on_made,
        on_revoked,
    } = TokenEvents::new(TokenKind::Bi, move || tokens.refetch());

    view! {
        <section class="page-section" aria-labelledby=HEADING_ID>
            <h2 id=HEADING_ID>"BI access"</h2>
            <p>
                "Your BI tools (Power BI, or a script) can read supervision compliance for a dashboard: per person and kind, the last formal supervision, the next due, the status and the policy that applied, and each unit's figures. Never what was said in a supervision. The README's \"BI access\" section shows how to connect Power BI and Python."
            </p>
            <SavedNotice message=status id=STATUS_ID />
            {move || match tokens.get() {
                None => view! { <Loading what="the BI tokens" /> }.into_any(),
                Some(Err(err)) => view! { <LoadError error=err /> }.into_any(),
                Some(Ok(list)) => {
                    if status.get_untracked().is_some() {
                        request_animation_frame(|| focus_element(STATUS_ID));
                    }
                    token_list(list, on_revoked).into_any()
                }
            }}
            <TokenForm on_made=on_made />
            {move || {
                made.get()
                    .map(|token| {
                        let address = format!(
                            "{}/bi/graphql",
                            window().location().origin().unwrap_or_default(),
                        );
                        view! {
                            <NewToken kind=TokenKind::Bi token=token>
                                "Give this to whoever sets up the BI tool. It sends it as "
                                <code>"Authorization: Bearer …"</code>
                                " to "
                                <span class="tenant-url">{address}</span>
                                ", or to the compliance download."
                            </NewToken>
                        }
                    })
            }}
        </section>
    }
}

/// A card per token, newest first (the server's order).
fn token_list(tokens: Vec<BiToken>, on_revoked: Callback<(Uuid, String)>) -> impl IntoView {
    if tokens.is_empty() {
        return view! { <p>"No BI token has been made yet."</p> }.into_any();
    }
    view! {
        <ul class="record-list">
            {tokens.into_iter().map(|t| token_item(t, on_revoked)).collect_view()}
        </ul>
    }
    .into_any()
}

/// One token: its name, what it reaches, when it ends and was last used,
/// and whether it is revoked; "Revoke" while it is not.
fn token_item(token: BiToken, on_revoked: Callback<(Uuid, String)>) -> impl IntoView {
    let today = dates::today();
    let state = match token.revoked_at {
        Some(at) => view! {
            <span class="tag">"Revoked"</span>
            " on "
            <time datetime=at.to_rfc3339()>{dates::long_time(at)}</time>
        }
        .into_any(),
        None if token.expires_on < today => view! { <span class="tag">"Ended"</span> }.into_any(),
        None => view! { <span class="tag tag-formal">"In use"</span> }.into_any(),
    };
    let units = token
        .units
        .iter()
        .map(|u| u.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let revoke = (token.revoked_at.is_none() && token.expires_on >= today).then(
        || view! { <RevokeToken kind=TokenKind::Bi id=token.id label=token.label.clone() on_revoked=on_revoked /> },
    );
    view! {
        <li class="record-card">
            <h3 class="card-title">{token.label.clone()}</h3>
            <dl class="record-facts">
                <div>
                    <dt>"Reaches"</dt>
                    <dd>{units}" and every unit below"</dd>
                </div>
                <div>
                    <dt>"Last day of use"</dt>
                    <dd>
                        <time datetime=dates::iso(token.expires_on)>{dates::long(token.expires_on)}</time>
                    </dd>
                </div>
                <div>
                    <dt>"Last used"</dt>
                    <dd>{last_used(token.last_used_at)}</dd>
                </div>
                <div>
                    <dt>"Status"</dt>
                    <dd>{state}</dd>
                </div>
            </dl>
            {revoke}
        </li>
    }
}

/// What the browser checks before sending: the shared rule, with the
/// label's field named as this page's input.
fn check(label: &str, unit: &str, expires_on: &str) -> Result<BiTokenDraft, Vec<FieldError>> {
    let today = dates::today();
    let draft = BiTokenDraft {
        label: label.trim().to_owned(),
        unit_ids: Uuid::parse_str(unit).into_iter().collect(),
        expires_on: dates::parse_iso(expires_on).unwrap_or(chrono::NaiveDate::MIN),
    };
    match check_token(&draft, today) {
        Ok(()) => Ok(draft),
        Err(problems) => Err(problems.into_iter().map(on_this_page).collect()),
    }
}

/// A problem the server or the shared rule names, under this page's field.
fn on_this_page(problem: FieldError) -> FieldError {
    match problem.field.as_str() {
        "label" => FieldError::new(LABEL, problem.message),
        _ => problem,
    }
}

/// Making a token: its name, its unit and its last day.
#[component]
fn TokenForm(on_made: Callback<MadeToken>) -> impl IntoView {
    let default_end = dates::today()
        .checked_add_days(Days::new(TOKEN_DAYS_MAX - 1))
        .map(dates::iso)
        .unwrap_or_default();
    let label = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    let unit_name = RwSignal::new(String::new());
    let expires_on = RwSignal::new(default_end.clone());
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);

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
        let draft = match check(
            &label.get_untracked(),
            &unit.get_untracked(),
            &expires_on.get_untracked(),
        ) {
            Ok(draft) => draft,
            Err(problems) => return show_errors(problems),
        };
        errors.clear();
        saving.set(true);
        let default_end = default_end.clone();
        spawn_local(async move {
            let result = create_bi_token(&draft).await;
            saving.set(false);
            match result {
                Ok(answer) => {
                    label.set(String::new());
                    unit.set(String::new());
                    unit_name.set(String::new());
                    expires_on.set(default_end);
                    on_made.run(MadeToken {
                        id: answer.id,
                        label: draft.label,
                        secret: answer.token,
                    });
                }
                Err(err) if err.code == ErrorCode::ValidationFailed && !err.fields.is_empty() => {
                    show_errors(err.fields.into_iter().map(on_this_page).collect());
                }
                Err(err) if err.code == ErrorCode::Forbidden => {
                    show_general("Only system administrators can make BI tokens.".to_owned());
                }
                Err(err) => show_general(err.user_message()),
            }
        });
    };

    view! {
        <div class="form-section">
            <h3 id=FORM_HEADING_ID>"Make a BI token"</h3>
            <ErrorSummary errors=errors general=general id=SUMMARY_ID />
            <form on:submit=on_submit novalidate aria-labelledby=FORM_HEADING_ID>
                <div class="form-group" class:form-group-error=move || errors.message(LABEL).is_some()>
                    <label class="label" for=LABEL>
                        "BI client"
                    </label>
                    <p class="hint" id=hint_id(LABEL)>
                        "What will use it, so you know it again in this list: for example Power BI supervision dashboard."
                    </p>
                    <FieldErrorMessage errors=errors field=LABEL />
                    <input
                        id=LABEL
                        class="input"
                        type="text"
                        autocomplete="off"
                        maxlength="200"
                        aria-describedby=move || errors.described_by(LABEL, true)
                        aria-invalid=move || errors.invalid(LABEL)
                        prop:value=move || label.get()
                        on:input=move |ev| label.set(event_target_value(&ev))
                    />
                </div>
                <UnitField
                    unit=unit
                    unit_name=unit_name
                    errors=errors
                    field=UNITS
                    hint="It reads the compliance of this unit and every unit below it: the top unit for the whole organisation."
                />
                <DateInput
                    field=EXPIRES_ON.to_owned()
                    legend="Last day of use"
                    hint=EXPIRES_HINT
                    value=expires_on
                    on_change=Callback::new(move |text| expires_on.set(text))
                    errors=errors
                />
                <button type="submit" class="button" disabled=move || saving.get()>
                    "Make a BI token"
                </button>
            </form>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hint_says_the_shared_limit() {
        assert!(EXPIRES_HINT.contains(&TOKEN_DAYS_MAX.to_string()));
    }

    #[test]
    fn the_form_names_each_problem_under_its_own_field() {
        let Err(problems) = check(" ", "", "") else {
            panic!("an empty form is refused");
        };
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, [LABEL, UNITS, EXPIRES_ON]);
        let unit = Uuid::from_u128(7).to_string();
        let end = dates::iso(dates::today());
        let Ok(draft) = check("Power BI", &unit, &end) else {
            panic!("a named token for a unit ending today is fine");
        };
        assert_eq!(draft.unit_ids, [Uuid::from_u128(7)]);
    }
}
