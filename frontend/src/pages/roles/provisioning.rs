//! Provisioning (SCIM): the tokens the identity provider presents to
//! `/scim/v2` to add staff, keep them up to date and mark leavers. A token's
//! secret is shown once, when it is made, in a read-only field with a
//! "Copy" button, and never again (the server keeps only its hash). Each
//! token can be revoked, after asking.

use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::FieldError;
use uuid::Uuid;
use wasm_bindgen::JsValue;
use wasm_bindgen::closure::Closure;

use crate::api::ErrorCode;
use crate::api::provisioning::{
    ProvisioningToken, create_provisioning_token, provisioning_tokens, revoke_provisioning_token,
};
use crate::components::confirm_button::ConfirmButton;
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
/// The new token's heading, focused when it is shown.
const NEW_TOKEN_HEADING_ID: &str = "new-token-heading";
/// The new token's field.
const NEW_TOKEN_ID: &str = "new-token";

/// A token just made: its name and its secret, kept only while the page is
/// open.
#[derive(Debug, Clone, PartialEq, Eq)]
struct MadeToken {
    id: Uuid,
    label: String,
    secret: String,
}

/// The section: the tokens, the form to make one, and the one just made.
#[component]
pub fn ProvisioningSection() -> impl IntoView {
    let tokens = LocalResource::new(provisioning_tokens);
    let status = RwSignal::new(None::<String>);
    let made = RwSignal::new(None::<MadeToken>);
    let on_made = Callback::new(move |token: MadeToken| {
        status.set(None);
        made.set(Some(token));
        tokens.refetch();
        request_animation_frame(|| focus_element(NEW_TOKEN_HEADING_ID));
    });
    let on_revoked = Callback::new(move |(id, message): (Uuid, String)| {
        // A secret that no longer works is not worth showing.
        if made.with_untracked(|m| m.as_ref().is_some_and(|m| m.id == id)) {
            made.set(None);
        }
        status.set(Some(message));
        tokens.refetch();
    });

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
            {move || made.get().map(|token| view! { <NewToken token=token /> })}
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
    let last_used = token.last_used_at.map_or_else(
        || view! { "Never" }.into_any(),
        |at| view! { <time datetime=at.to_rfc3339()>{dates::long_time(at)}</time> }.into_any(),
    );
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
        || view! { <RevokeToken id=token.id label=token.label.clone() on_revoked=on_revoked /> },
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

/// Revoking one token, after asking.
#[component]
fn RevokeToken(id: Uuid, label: String, on_revoked: Callback<(Uuid, String)>) -> impl IntoView {
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let error_id = format!("token-{id}-error");
    let on_confirm = {
        let (label, error_id) = (label.clone(), error_id.clone());
        Callback::new(move |()| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            problem.set(None);
            let message =
                format!("{label} has been revoked: the identity provider can no longer use it.");
            let error_id = error_id.clone();
            spawn_local(async move {
                let result = revoke_provisioning_token(id).await;
                busy.set(false);
                match result {
                    Ok(()) => on_revoked.run((id, message)),
                    Err(err) => {
                        problem.set(Some(match err.code {
                            ErrorCode::NotFound => "It has already been revoked. Reload the page to see the tokens as they are now.".to_owned(),
                            ErrorCode::Forbidden => "Only system administrators can revoke tokens.".to_owned(),
                            _ => err.user_message(),
                        }));
                        request_animation_frame(move || focus_element(&error_id));
                    }
                }
            });
        })
    };
    view! {
        <div role="alert">
            {move || {
                problem
                    .get()
                    .map(|m| view! { <p class="field-error" id=error_id.clone() tabindex="-1">{m}</p> })
            }}
        </div>
        <ConfirmButton
            id=format!("token-{id}-revoke")
            label="Revoke"
            subject=label.clone()
            question=format!("Revoke {label}? The identity provider using it will be refused from now on.")
            confirm="Yes, revoke it"
            busy=busy
            on_confirm=on_confirm
        />
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

/// Whether the browser copied the secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Copied {
    Yes,
    No,
}

/// The token just made: where to paste it, the secret in a read-only
/// field, and "Copy".
#[component]
fn NewToken(token: MadeToken) -> impl IntoView {
    let copied = RwSignal::new(None::<Copied>);
    let field = NodeRef::<leptos::html::Textarea>::new();
    let tenant_url = format!(
        "{}/scim/v2",
        window().location().origin().unwrap_or_default()
    );
    let select = move || {
        if let Some(field) = field.get_untracked() {
            field.select();
        }
    };
    let secret = token.secret.clone();
    let on_copy = move |_| {
        copied.set(None);
        // Selected either way, so a browser that will not copy leaves it
        // ready for the keyboard or a long press.
        select();
        copy_text(&secret, copied);
    };
    view! {
        <div class="notice notice-success new-token">
            <h3 id=NEW_TOKEN_HEADING_ID tabindex="-1">
                {format!("Token made: {}", token.label)}
            </h3>
            <p id="new-token-hint">
                "Paste this into your identity provider as the secret token, with the tenant URL "
                <span class="tenant-url">{tenant_url}</span>
                ". It will not be shown again."
            </p>
            <div class="form-group">
                <label class="label" for=NEW_TOKEN_ID>
                    "Secret token"
                </label>
                <textarea
                    id=NEW_TOKEN_ID
                    node_ref=field
                    class="textarea token-field"
                    rows="2"
                    readonly
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    aria-describedby="new-token-hint"
                    prop:value=token.secret
                    on:focus=move |_| select()
                ></textarea>
            </div>
            <button type="button" class="button" on:click=on_copy>
                "Copy"
            </button>
            <p class="copy-status" role="status" aria-live="polite">
                {move || match copied.get() {
                    Some(Copied::Yes) => "Copied. Paste it into your identity provider now.",
                    Some(Copied::No) => "Your browser did not copy it. The token is selected: press Ctrl+C (Cmd+C on a Mac), or on a phone press and hold it, then choose Copy.",
                    None => "",
                }}
            </p>
        </div>
    }
}

/// Puts `text` on the clipboard, then says in `copied` whether it worked.
/// Only a secure context (HTTPS, or this computer) has a clipboard.
fn copy_text(text: &str, copied: RwSignal<Option<Copied>>) {
    let navigator = window().navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if !has_clipboard {
        copied.set(Some(Copied::No));
        return;
    }
    let promise = navigator.clipboard().write_text(text);
    let done = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
        let _ = copied.try_set(Some(Copied::Yes));
    });
    let failed = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
        let _ = copied.try_set(Some(Copied::No));
    });
    let _ = promise.then2(&done, &failed);
    // The promise calls one of them later, so both must outlive this
    // function: a few bytes a press, not worth keeping them anywhere.
    done.forget();
    failed.forget();
}
