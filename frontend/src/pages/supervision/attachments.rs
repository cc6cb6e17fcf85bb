//! A record's attachments (F3.8), for people who may read its content: each
//! file as a download link with its type, size, who attached it and when; a
//! delete button for whoever attached it and for the recorder; and, for the
//! recorder and the supervisees, a file chooser that also takes a photo
//! straight from a phone's camera.

use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::FieldError;
use uuid::Uuid;

use crate::api::ErrorCode;
use crate::api::attachments::{
    ACCEPTED_TYPES, Attachment, FILE_FIELD, delete_attachment, size_label, type_label,
    upload_attachment,
};
use crate::components::confirm_button::ConfirmButton;
use crate::components::error_summary::{ErrorSummary, focus_element};
use crate::components::field_error::{FieldErrorMessage, FormErrors, hint_id};
use crate::dates;

/// The file input's id (and its field among the form's errors).
const FILE_ID: &str = "attachment-file";
/// The id of the upload form's error summary.
const SUMMARY_ID: &str = "attachment-errors";

/// Who is looking, and what they may do with the attachments.
#[derive(Clone, Copy)]
pub struct AttachmentRights {
    /// The recorder or a supervisee: may attach files.
    pub may_attach: bool,
    /// The record's recorder: may delete any attachment.
    pub recorder: Uuid,
    /// The viewer: may delete what they attached.
    pub viewer: Signal<Option<Uuid>>,
}

/// The "Attachments" section of a record.
#[component]
pub fn AttachmentsSection(
    /// The record.
    id: Uuid,
    /// Its attachments, oldest first.
    attachments: Vec<Attachment>,
    /// What the viewer may do.
    rights: AttachmentRights,
    /// Called with a status message once a file is attached or deleted; the
    /// record reloads.
    on_changed: Callback<String>,
) -> impl IntoView {
    let empty = attachments.is_empty();
    view! {
        <section class="record-section" aria-labelledby="attachments-heading">
            <h2 id="attachments-heading">"Attachments"</h2>
            {if empty {
                view! { <p>"Nothing is attached to this record."</p> }.into_any()
            } else {
                view! {
                    <ul class="attachment-list">
                        {attachments
                            .into_iter()
                            .map(|a| attachment_item(a, rights, on_changed))
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            {rights.may_attach.then(|| view! { <AttachForm id=id on_attached=on_changed /> })}
        </section>
    }
}

/// One file: its download link and facts, and deleting it when allowed.
fn attachment_item(
    attachment: Attachment,
    rights: AttachmentRights,
    on_changed: Callback<String>,
) -> impl IntoView {
    let uploader = attachment.uploaded_by.id;
    let may_delete = move || {
        rights
            .viewer
            .get()
            .is_some_and(|me| me == uploader || me == rights.recorder)
    };
    let facts = format!(
        "{}, {}",
        type_label(&attachment.content_type),
        size_label(attachment.size_bytes)
    );
    let when = dates::long_time(attachment.uploaded_at);
    let id = attachment.id;
    let name = attachment.file_name.clone();
    view! {
        <li class="attachment-item">
            <p class="attachment-name">
                // A file from the server, not a page of the app: the router
                // must leave it alone.
                <a href=attachment.download_url download="" rel="external">
                    <span class="visually-hidden">"Download "</span>
                    {attachment.file_name}
                </a>
            </p>
            <p class="muted">{facts}</p>
            <p class="muted">
                {format!("Attached by {} on ", attachment.uploaded_by.name)}
                <time datetime=attachment.uploaded_at.to_rfc3339()>{when}</time>
            </p>
            {move || may_delete().then(|| view! { <DeleteAttachment id=id name=name.clone() on_deleted=on_changed /> })}
        </li>
    }
}

/// Deleting one attachment, after asking.
#[component]
fn DeleteAttachment(id: Uuid, name: String, on_deleted: Callback<String>) -> impl IntoView {
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let error_id = format!("attachment-{id}-error");
    let on_confirm = {
        let name = name.clone();
        let error_id = error_id.clone();
        Callback::new(move |()| {
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            problem.set(None);
            let name = name.clone();
            let error_id = error_id.clone();
            spawn_local(async move {
                let result = delete_attachment(id).await;
                busy.set(false);
                match result {
                    Ok(()) => on_deleted.run(format!("{name} has been deleted.")),
                    Err(err) => {
                        problem.set(Some(match err.code {
                            ErrorCode::Forbidden => "Only the person who attached it, or who recorded the supervision, can delete it.".to_owned(),
                            ErrorCode::NotFound => "It has already been deleted. Reload the page to see the record's attachments.".to_owned(),
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
            id=format!("attachment-{id}-delete")
            label="Delete"
            subject=name.clone()
            question=format!("Delete {name}? Nobody will be able to download it from this record again.")
            confirm="Yes, delete it"
            busy=busy
            on_confirm=on_confirm
        />
    }
}

/// Choosing a file and sending it.
#[component]
fn AttachForm(id: Uuid, on_attached: Callback<String>) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let uploading = RwSignal::new(false);

    let fail = move |fields: Vec<FieldError>, whole: Option<String>| {
        errors.set(fields);
        general.set(whole);
        request_animation_frame(|| focus_element(SUMMARY_ID));
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if uploading.get_untracked() {
            return;
        }
        let file = input
            .get_untracked()
            .and_then(|element| element.files())
            .and_then(|files| files.get(0));
        let Some(file) = file else {
            fail(
                vec![FieldError::new(
                    FILE_ID,
                    "Choose a document or photo to attach.",
                )],
                None,
            );
            return;
        };
        errors.clear();
        general.set(None);
        uploading.set(true);
        spawn_local(async move {
            let result = upload_attachment(id, &file).await;
            uploading.set(false);
            match result {
                Ok(saved) => {
                    // Chosen again by mistake, it would be attached twice.
                    if let Some(element) = input.get_untracked() {
                        element.set_value("");
                    }
                    on_attached.run(format!("{} has been attached.", saved.file_name));
                }
                Err(err) if err.code == ErrorCode::ValidationFailed && !err.fields.is_empty() => {
                    let (fields, whole) = place(err.fields);
                    fail(fields, whole);
                }
                Err(err) => fail(Vec::new(), Some(refusal(&err))),
            }
        });
    };

    view! {
        <ErrorSummary errors=errors general=general id=SUMMARY_ID />
        <form class="attach-form" on:submit=on_submit novalidate>
            <div class="form-group" class:form-group-error=move || errors.message(FILE_ID).is_some()>
                <label class="label" for=FILE_ID>
                    "Attach a document or photo"
                </label>
                <p class="hint" id=hint_id(FILE_ID)>
                    "PDF, Word, Excel or PowerPoint documents, photos or plain text. On a phone you can take a photo. Everyone who can read this record can download it."
                </p>
                <FieldErrorMessage errors=errors field=FILE_ID />
                <input
                    type="file"
                    id=FILE_ID
                    name="file"
                    class="file-input"
                    accept=ACCEPTED_TYPES
                    node_ref=input
                    aria-describedby=move || errors.described_by(FILE_ID, true)
                    aria-invalid=move || errors.invalid(FILE_ID)
                />
            </div>
            <button type="submit" class="button" disabled=move || uploading.get()>
                "Upload"
            </button>
            <p role="status" aria-live="polite" class="upload-progress">
                {move || if uploading.get() { "Uploading…" } else { "" }}
            </p>
        </form>
    }
}

/// Puts the server's problems with the file on the file input; anything
/// else becomes the general message.
fn place(found: Vec<FieldError>) -> (Vec<FieldError>, Option<String>) {
    let mut fields = Vec::new();
    let mut general = None;
    for error in found {
        if error.field == FILE_FIELD {
            fields.push(FieldError::new(FILE_ID, error.message));
        } else {
            general.get_or_insert(error.message);
        }
    }
    (fields, general)
}

/// Why an upload was refused, in words for the person who tried.
fn refusal(err: &crate::api::ApiError) -> String {
    match err.code {
        ErrorCode::Forbidden => {
            "Only the person who recorded the supervision and the people supervised can attach files to it.".to_owned()
        }
        ErrorCode::Network => {
            "The file could not be sent. Check your connection and upload it again.".to_owned()
        }
        _ => err.user_message(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_servers_problem_with_the_file_is_shown_at_the_file_input() {
        let (fields, general) = place(vec![
            FieldError::new("file", "This type of file cannot be attached."),
            FieldError::new("other", "Something else"),
        ]);
        assert_eq!(
            fields,
            vec![FieldError::new(
                FILE_ID,
                "This type of file cannot be attached."
            )]
        );
        assert_eq!(general.as_deref(), Some("Something else"));
    }
}
