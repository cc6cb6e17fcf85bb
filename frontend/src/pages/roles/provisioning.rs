//! Provisioning (SCIM): the tokens the identity provider presents to
//! `/scim/v2` to add staff, keep them up to date and mark leavers. A token's
//! secret is shown once, when it is made, in a read-only field with a
//! "Copy" button, and never again (the server keeps only its hash). Each
//! token can be revoked, after asking.

use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::FieldError;
use uuid::Uuid;

use super::token::{MadeToken, NewToken, RevokeToken, TokenEvents, TokenKind, last_used};
use crate::api::ErrorCode;
use crate::api::provisioning::{ProvisioningToken, create_provisioning_token, provisioning_tokens};
use crate::components::error_summary::{ErrorSummary, focus_element};
use crate::components::field_error::{FieldErrorMessage, FormErrors, hint_id};
use crate::components::status::{LoadError, Loading, SavedNotice};
use crate::dates;

/// The section's heading id.
const HEADING_ID: &str = "provisioning-heading";
/// The message after a revocation, focused once the list has reloaded.
const STATUS_ID: &str = "provisioning-status";
/// The form's heading id, which names it.
const FORM_HEADING_ID: &str = "token-form-heading";
/// The form's error summary (the page has more than one form).
const SUMMARY_ID: &str = "token-errors";
/// The label's API field name, also the input's id.
const LABEL: &str = "label";

/// The section: the tokens, the form to make one, and the one just made.
#[component]
pub fn ProvisioningSection() -> impl IntoView {
    let tokens = LocalResource::new(provisioning_tokens);
    let TokenEvents {
        status,
        made,
        on_made,
        on_revoked,
    } = TokenEvents::new(TokenKind::Provisioning, move || tokens.refetch());

    view! {
        <section class="page-section" aria-labelledby=HEADING_ID>
            <h2 id=HEADING_ID>"Provisioning (SCIM)"</h2>
            <p>
                "Your identity provider (Entra ID, Okta) can add staff, keep their details up to date and mark leavers itself, over SCIM 2.0. It presents a secret token made here."
            </p>
            <SavedNotice message=status id=STATUS_ID />
            {move || match tokens.get() {
                None => view! { <Loading what="the provisioning tokens" /> }.into_any(),
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
                        let tenant_url = format!(
                            "{}/scim/v2",
                            window().location().origin().unwrap_or_default(),
                        );
                        view! {
                            <NewToken kind=TokenKind::Provisioning token=token>
                                "Paste this into your identity provider as the secret token, with the tenant URL "
                                <span class="tenant-url">{tenant_url}</span>
                                "."
                            </NewToken>
                        }
                    })
            }}
        </section>
    }
}

/// A card per token, newest first (the server's order).
fn token_list(
    tokens: Vec<ProvisioningToken>,
    on_revoked: Callback<(Uuid, String)>,
) -> impl IntoView {
    if tokens.is_empty() {
        return view! { <p>"No token has been made yet."</p> }.into_any();
    }
    view! {
        <ul class="record-list">
            {tokens.into_iter().map(|t| token_item(t, on_revoked)).collect_view()}
        </ul>
    }
    .into_any()
}

/// One token: its name, when it was made and last used, and whether it is
/// revoked; "Revoke" while it is not.
fn token_item(token: ProvisioningToken, on_revoked: Callback<(Uuid, String)>) -> impl IntoView {
    let last_used = last_used(token.last_used_at);
    let state = match token.revoked_at {
        Some(at) => view! {
            <span class="tag">"Revoked"</span>
            " on "
            <time datetime=at.to_rfc3339()>{dates::long_time(at)}</time>
        }
        .into_any(),
        None => view! { <span class="tag tag-formal">"In use"</span> }.into_any(),
    };
    let revoke = token.revoked_at.is_none().then(
        || view! { <RevokeToken kind=TokenKind::Provisioning id=token.id label=token.label.clone() on_revoked=on_revoked /> },
    );
    view! {
        <li class="record-card">
            <h3 class="card-title">{token.label.clone()}</h3>
            <dl class="record-facts">
                <div>
                    <dt>"Made"</dt>
                    <dd>
                        <time datetime=token.created_at.to_rfc3339()>{dates::long_time(token.created_at)}</time>
                    </dd>
                </div>
                <div>
                    <dt>"Last used"</dt>
                    <dd>{last_used}</dd>
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

/// Making a token: its name, then the server's answer with the secret.
#[component]
fn TokenForm(on_made: Callback<MadeToken>) -> impl IntoView {
    let label = RwSignal::new(String::new());
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
        let text = label.get_untracked().trim().to_owned();
        if text.is_empty() {
            return show_errors(vec![FieldError::new(
                LABEL,
                "Name the token, for example after the identity provider: Entra ID.",
            )]);
        }
        errors.clear();
        saving.set(true);
        spawn_local(async move {
            let result = create_provisioning_token(&text).await;
            saving.set(false);
            match result {
                Ok(answer) => {
                    label.set(String::new());
                    on_made.run(MadeToken {
                        id: answer.id,
                        label: text,
                        secret: answer.token,
                    });
                }
                Err(err) if err.code == ErrorCode::ValidationFailed && !err.fields.is_empty() => {
                    show_errors(err.fields);
                }
                Err(err) if err.code == ErrorCode::Forbidden => {
                    show_general("Only system administrators can make tokens.".to_owned());
                }
                Err(err) => show_general(err.user_message()),
            }
        });
    };

    view! {
        <div class="form-section">
            <h3 id=FORM_HEADING_ID>"Make a token"</h3>
            <ErrorSummary errors=errors general=general id=SUMMARY_ID />
            <form on:submit=on_submit novalidate aria-labelledby=FORM_HEADING_ID>
                <div class="form-group" class:form-group-error=move || errors.message(LABEL).is_some()>
                    <label class="label" for=LABEL>
                        "Name of the token"
                    </label>
                    <p class="hint" id=hint_id(LABEL)>
                        "So you know it again in this list: the identity provider's name, for example Entra ID."
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
                <button type="submit" class="button" disabled=move || saving.get()>
                    "Make a token"
                </button>
            </form>
        </div>
    }
}
