//! What the two kinds of token on this page share: the secret shown once,
//! in a read-only field with a "Copy" button, and revoking one after
//! asking. The identity provider's tokens (SCIM) and the BI tools' differ
//! only in who uses them and where the secret goes.

use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;
use wasm_bindgen::JsValue;
use wasm_bindgen::closure::Closure;

use crate::api::{ApiError, ErrorCode};
use crate::components::confirm_button::ConfirmButton;
use crate::components::error_summary::focus_element;

/// Which kind of token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// The identity provider's, for `/scim/v2`.
    Provisioning,
    /// A BI tool's, for `/bi/graphql` and the compliance download.
    Bi,
}

impl TokenKind {
    /// Who presents it, inside a sentence.
    fn user(self) -> &'static str {
        match self {
            Self::Provisioning => "the identity provider",
            Self::Bi => "the BI tool",
        }
    }

    /// Said once the secret is on the clipboard.
    fn copied(self) -> &'static str {
        match self {
            Self::Provisioning => "Copied. Paste it into your identity provider now.",
            Self::Bi => "Copied. Put it in the BI tool's settings now.",
        }
    }

    /// What element ids start with, so both kinds can be on one page.
    pub fn id_prefix(self) -> &'static str {
        match self {
            Self::Provisioning => "token",
            Self::Bi => "bi-token",
        }
    }

    async fn revoke(self, id: Uuid) -> Result<(), ApiError> {
        match self {
            Self::Provisioning => crate::api::provisioning::revoke_provisioning_token(id).await,
            Self::Bi => crate::api::bi_access::revoke_bi_token(id).await,
        }
    }
}

/// A token just made: its name and its secret, kept only while the page is
/// open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MadeToken {
    /// Its id.
    pub id: Uuid,
    /// Its name.
    pub label: String,
    /// The secret, shown this once.
    pub secret: String,
}

/// A section's state: the line said after a revocation, the token just
/// made, and what happens when one is made or revoked.
#[derive(Debug, Clone, Copy)]
pub struct TokenEvents {
    /// Said after a revocation.
    pub status: RwSignal<Option<String>>,
    /// The token just made, while the page is open.
    pub made: RwSignal<Option<MadeToken>>,
    /// A token was made: show it, focus it, reload the list.
    pub on_made: Callback<MadeToken>,
    /// A token was revoked: say so, reload the list.
    pub on_revoked: Callback<(Uuid, String)>,
}

impl TokenEvents {
    /// The state of a section of `kind`'s tokens; `reload` fetches the
    /// list again.
    pub fn new(kind: TokenKind, reload: impl Fn() + Copy + Send + Sync + 'static) -> Self {
        let status = RwSignal::new(None::<String>);
        let made = RwSignal::new(None::<MadeToken>);
        let on_made = Callback::new(move |token: MadeToken| {
            status.set(None);
            made.set(Some(token));
            reload();
            request_animation_frame(move || focus_element(&new_token_heading_id(kind)));
        });
        let on_revoked = Callback::new(move |(id, message): (Uuid, String)| {
            // A secret that no longer works is not worth showing.
            if made.with_untracked(|m| m.as_ref().is_some_and(|m| m.id == id)) {
                made.set(None);
            }
            status.set(Some(message));
            reload();
        });
        Self {
            status,
            made,
            on_made,
            on_revoked,
        }
    }
}

/// Revoking one token, after asking.
#[component]
pub fn RevokeToken(
    kind: TokenKind,
    id: Uuid,
    label: String,
    on_revoked: Callback<(Uuid, String)>,
) -> impl IntoView {
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let prefix = kind.id_prefix();
    let error_id = format!("{prefix}-{id}-error");
    let on_confirm = {
        let (label, error_id) = (label.clone(), error_id.clone());
        Callback::new(move |()| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            problem.set(None);
            let message = format!(
                "{label} has been revoked: {} can no longer use it.",
                kind.user()
            );
            let error_id = error_id.clone();
            spawn_local(async move {
                let result = kind.revoke(id).await;
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
            id=format!("{prefix}-{id}-revoke")
            label="Revoke"
            subject=label.clone()
            question=format!("Revoke {label}? {} using it will be refused from now on.", capitalised(kind.user()))
            confirm="Yes, revoke it"
            busy=busy
            on_confirm=on_confirm
        />
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Whether the browser copied the secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Copied {
    Yes,
    No,
}

/// The heading of the token just made, focused when it is shown.
pub fn new_token_heading_id(kind: TokenKind) -> String {
    format!("new-{}-heading", kind.id_prefix())
}

/// The token just made: where it goes (`children`), the secret in a
/// read-only field, and "Copy".
#[component]
pub fn NewToken(kind: TokenKind, token: MadeToken, children: Children) -> impl IntoView {
    let copied = RwSignal::new(None::<Copied>);
    let field = NodeRef::<leptos::html::Textarea>::new();
    let prefix = kind.id_prefix();
    let field_id = format!("new-{prefix}");
    let hint_id = format!("new-{prefix}-hint");
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
            <h3 id=new_token_heading_id(kind) tabindex="-1">
                {format!("Token made: {}", token.label)}
            </h3>
            <p id=hint_id.clone()>{children()}" It will not be shown again."</p>
            <div class="form-group">
                <label class="label" for=field_id.clone()>
                    "Secret token"
                </label>
                <textarea
                    id=field_id
                    node_ref=field
                    class="textarea token-field"
                    rows="2"
                    readonly
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    aria-describedby=hint_id
                    prop:value=token.secret
                    on:focus=move |_| select()
                ></textarea>
            </div>
            <button type="button" class="button" on:click=on_copy>
                "Copy"
            </button>
            <p class="copy-status" role="status" aria-live="polite">
                {move || match copied.get() {
                    Some(Copied::Yes) => kind.copied(),
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

/// When a token was last used, or "Never".
pub fn last_used(at: Option<chrono::DateTime<chrono::Utc>>) -> AnyView {
    at.map_or_else(
        || view! { "Never" }.into_any(),
        |at| {
            view! { <time datetime=at.to_rfc3339()>{crate::dates::long_time(at)}</time> }.into_any()
        },
    )
}
