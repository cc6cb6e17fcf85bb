//! Supervisees' comments on a record (F4.2: "Supervisees can add their own
//! comments to any of their records"): read by everyone who may read the
//! record, added by its supervisees at any time, before or after they
//! validate it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::FieldError;
use supervision_shared::limits::COMMENT_MAX_CHARS;
use uuid::Uuid;

use crate::api::comment::{Comment, add_comment};
use crate::components::error_summary::{ErrorSummary, focus_error_summary};
use crate::components::field_error::{FieldErrorMessage, FormErrors, hint_id};
use crate::dates;

/// The form's field. Not the API's name for it ("comment"), which the
/// validation form's field on the same page already uses.
const NEW_COMMENT: &str = "new-comment";

/// The comments, oldest first, and for a supervisee the form to add one.
/// Nothing is shown to someone who may only read when there are none.
#[component]
pub fn CommentsSection(
    /// The record.
    id: Uuid,
    /// Its comments, oldest first.
    comments: Vec<Comment>,
    /// The viewer is one of its supervisees, so may add one.
    may_comment: bool,
    /// Called with a status message once a comment is added; the record
    /// reloads with it.
    on_added: Callback<String>,
) -> impl IntoView {
    if comments.is_empty() && !may_comment {
        return None;
    }
    let none_yet = comments.is_empty();
    Some(view! {
        <section class="form-section comments" aria-labelledby="comments-heading">
            <h2 id="comments-heading">"Comments"</h2>
            {none_yet.then(|| view! { <p>"No one has commented on this record."</p> })}
            <ol class="comment-list">{comments.into_iter().map(comment_item).collect_view()}</ol>
            {may_comment.then(|| view! { <AddCommentForm id=id on_added=on_added /> })}
        </section>
    })
}

/// One comment: who wrote it and when, then what they wrote.
fn comment_item(comment: Comment) -> impl IntoView {
    view! {
        <li class="comment">
            <p class="comment-meta">
                <span class="comment-author">{comment.author.name}</span>
                ", "
                <time datetime=comment.written_at.to_rfc3339()>{dates::long_time(comment.written_at)}</time>
            </p>
            <p class="prose">{comment.body}</p>
        </li>
    }
}

/// The box to add a comment. What was typed stays in it until the server
/// has the comment, so a failed attempt loses nothing.
#[component]
fn AddCommentForm(id: Uuid, on_added: Callback<String>) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        general.set(None);
        let body = text.get_untracked();
        if let Some(problem) = check(&body) {
            errors.set(vec![problem]);
            focus_error_summary();
            return;
        }
        errors.clear();
        saving.set(true);
        spawn_local(async move {
            let result = add_comment(id, body.trim()).await;
            saving.set(false);
            match result {
                Ok(()) => {
                    text.set(String::new());
                    on_added.run("Your comment has been added to the record.".to_owned());
                }
                Err(mut err) => {
                    err.fields = err.fields.into_iter().map(as_form_field).collect();
                    errors.show_failure(err, general);
                }
            }
        });
    };

    view! {
        <ErrorSummary errors=errors general=general />
        <form on:submit=on_submit novalidate>
            <div class="form-group" class:form-group-error=move || errors.message(NEW_COMMENT).is_some()>
                <label class="label" for=NEW_COMMENT>
                    "Add a comment"
                </label>
                <p class="hint" id=hint_id(NEW_COMMENT)>
                    "Anything you want kept with this record, now or later. Everyone who can read the record can read your comment, and it cannot be changed once added."
                </p>
                <FieldErrorMessage errors=errors field=NEW_COMMENT />
                <textarea
                    id=NEW_COMMENT
                    class="textarea"
                    rows="4"
                    aria-describedby=move || errors.described_by(NEW_COMMENT, true)
                    aria-invalid=move || errors.invalid(NEW_COMMENT)
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
            </div>
            // Secondary: the page's one primary button is the validation's.
            <button type="submit" class="button button-secondary" disabled=move || saving.get()>
                "Add comment"
            </button>
        </form>
    }
}

/// What is wrong with a comment before it is sent, as the server would say.
fn check(body: &str) -> Option<FieldError> {
    if body.trim().is_empty() {
        Some(FieldError::new(NEW_COMMENT, "Write your comment."))
    } else if body.trim().chars().count() > COMMENT_MAX_CHARS {
        Some(FieldError::too_long(NEW_COMMENT, COMMENT_MAX_CHARS))
    } else {
        None
    }
}

/// The server's "comment" is this form's field.
fn as_form_field(mut error: FieldError) -> FieldError {
    if error.field == "comment" {
        error.field = NEW_COMMENT.to_owned();
    }
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_or_overlong_comment_is_refused_before_it_is_sent() {
        assert_eq!(
            check("  \n").map(|e| e.message),
            Some("Write your comment.".to_owned())
        );
        assert!(check(&"x".repeat(COMMENT_MAX_CHARS + 1)).is_some());
        assert_eq!(check(" Thank you. "), None);
        assert_eq!(
            as_form_field(FieldError::new("comment", "Write your comment.")).field,
            NEW_COMMENT
        );
    }
}
