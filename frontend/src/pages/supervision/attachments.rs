//! A record's attachments (F3.8), for people who may read its content: each
//! file as a download link with its type, size, who attached it and when; a
//! delete button for whoever attached it and for the recorder; and, for the
//! recorder and the supervisees, a file chooser that also takes a photo
//! straight from a phone's camera, with the upload's progress and a button
//! to cancel it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::FieldError;
use uuid::Uuid;
use wasm_bindgen::JsCast;

use crate::api::ErrorCode;
use crate::api::attachment::{
    ACCEPTED_TYPES, Attachment, FILE_FIELD, Upload, UploadFailure, UploadProgress,
    UploadedAttachment, delete_attachment, size_label, start_upload, type_label,
};
use crate::components::confirm_button::ConfirmButton;
use crate::components::error_summary::{ErrorSummary, focus_element};
use crate::components::field_error::{FieldErrorMessage, FormErrors, hint_id};
use crate::dates;

/// The file input's id (and its field among the form's errors).
const FILE_ID: &str = "attachment-file";
/// The id of the upload form's error summary.
const SUMMARY_ID: &str = "attachment-errors";
/// The upload's progress bar.
const PROGRESS_ID: &str = "attachment-progress";
/// The figures beside it.
const PROGRESS_TEXT_ID: &str = "attachment-progress-figures";
/// The button that stops the upload.
const CANCEL_ID: &str = "attachment-cancel";

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

/// A file on its way to the server.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Sending {
    /// The file's name, as chosen.
    name: String,
    /// How much of it has gone.
    progress: UploadProgress,
}

/// What the upload's live region says, and whether sighted people see it
/// too (progress has its own bar; a cancellation has nothing else).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Announcement {
    text: String,
    visible: bool,
}

/// The step of an upload worth announcing: every quarter. A screen reader
/// told of every progress event would say nothing else.
fn milestone(percent: u8) -> u8 {
    percent / 25 * 25
}

/// What is announced at each step.
fn step_announcement(name: &str, step: u8) -> String {
    match step {
        0 => format!("Uploading {name}."),
        100 => format!("{name} has been sent. Waiting for the server to store it."),
        _ => format!("{step}% of {name} sent."),
    }
}

/// "42% sent, 1.5 MB of 3.4 MB": the text beside the progress bar.
fn progress_text(progress: UploadProgress) -> String {
    format!(
        "{}% sent, {} of {}",
        progress.percent(),
        size_label(progress.sent),
        size_label(progress.total)
    )
}

/// Choosing a file and sending it, with its progress and a way to stop.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
fn AttachForm(id: Uuid, on_attached: Callback<String>) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let sending = RwSignal::new(None::<Sending>);
    let announcement = RwSignal::new(None::<Announcement>);
    let upload = StoredValue::new_local(None::<Upload>);
    let uploading = move || sending.with(Option::is_some);

    // Leaving the record (or its reloading) stops the upload: nothing is
    // attached that its sender was not told about.
    on_cleanup(move || {
        if let Some(Some(upload)) = upload.try_update_value(Option::take) {
            upload.cancel();
        }
    });

    let fail = move |fields: Vec<FieldError>, whole: Option<String>| {
        errors.set(fields);
        general.set(whole);
        request_animation_frame(|| focus_element(SUMMARY_ID));
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.with_untracked(Option::is_some) {
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
        let name = file.name();
        sending.set(Some(Sending {
            name: name.clone(),
            progress: UploadProgress {
                sent: 0,
                // A file's size is a whole number of bytes.
                total: file.size().max(0.0) as u64,
            },
        }));
        announcement.set(Some(Announcement {
            text: step_announcement(&name, 0),
            visible: false,
        }));
        // The Upload button gives way to Cancel: focus goes there rather
        // than being lost, without scrolling the bar above it out of view.
        request_animation_frame(|| {
            if let Some(button) = document()
                .get_element_by_id(CANCEL_ID)
                .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = button.focus();
            }
        });

        let on_progress = {
            let name = name.clone();
            move |progress: UploadProgress| {
                let before = sending
                    .try_with_untracked(|s| s.as_ref().map(|s| milestone(s.progress.percent())))
                    .flatten();
                sending.try_update(|s| {
                    if let Some(s) = s {
                        s.progress = progress;
                    }
                });
                let step = milestone(progress.percent());
                if before.is_some_and(|before| before < step) {
                    announcement.try_set(Some(Announcement {
                        text: step_announcement(&name, step),
                        visible: false,
                    }));
                }
            }
        };
        let on_done = move |result: Result<UploadedAttachment, UploadFailure>| {
            // Cancelled because the record went away: there is no form to tell.
            if sending.try_set(None).is_some() {
                return;
            }
            upload.try_set_value(None);
            announcement.set(None);
            match result {
                Ok(saved) => {
                    // Chosen again by mistake, it would be attached twice.
                    if let Some(element) = input.get_untracked() {
                        element.set_value("");
                    }
                    on_attached.run(format!("{} has been attached.", saved.file_name));
                }
                Err(UploadFailure::Cancelled) => {
                    announcement.set(Some(Announcement {
                        text: format!(
                            "You cancelled the upload of {name}. Nothing has been attached."
                        ),
                        visible: true,
                    }));
                    request_animation_frame(|| focus_element(FILE_ID));
                }
                Err(UploadFailure::Refused(err))
                    if err.code == ErrorCode::ValidationFailed && !err.fields.is_empty() =>
                {
                    let (fields, whole) = place(err.fields);
                    fail(fields, whole);
                }
                Err(UploadFailure::Refused(err)) => fail(Vec::new(), Some(refusal(&err))),
            }
        };
        match start_upload(id, &file, on_progress, on_done) {
            Ok(started) => upload.set_value(Some(started)),
            Err(err) => {
                sending.set(None);
                announcement.set(None);
                fail(Vec::new(), Some(refusal(&err)));
            }
        }
    };

    let on_cancel = move |_| {
        // Cancelled outside the stored value: the upload ends, and clears
        // it, before `cancel` returns.
        if let Some(started) = upload.with_value(Option::clone) {
            started.cancel();
        }
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
                    disabled=uploading
                    aria-describedby=move || errors.described_by(FILE_ID, true)
                    aria-invalid=move || errors.invalid(FILE_ID)
                />
            </div>
            <Show
                when=uploading
                fallback=|| view! { <button type="submit" class="button button-secondary">"Upload"</button> }
            >
                <div class="upload-progress">
                    <label class="label" for=PROGRESS_ID>
                        {move || sending.with(|s| s.as_ref().map(|s| format!("Uploading {}", s.name)))}
                    </label>
                    <progress
                        id=PROGRESS_ID
                        class="upload-bar"
                        max="100"
                        value=move || sending.with(|s| s.as_ref().map_or(0, |s| s.progress.percent()))
                        aria-describedby=PROGRESS_TEXT_ID
                    >
                        {move || sending.with(|s| s.as_ref().map(|s| format!("{}%", s.progress.percent())))}
                    </progress>
                    <p class="upload-figures" id=PROGRESS_TEXT_ID>
                        {move || sending.with(|s| s.as_ref().map(|s| progress_text(s.progress)))}
                    </p>
                    <button type="button" id=CANCEL_ID class="button button-secondary" on:click=on_cancel>
                        "Cancel upload"
                    </button>
                </div>
            </Show>
            // Polite, and only at each quarter: see `milestone`.
            <div role="status" aria-live="polite" class="upload-status">
                {move || {
                    announcement
                        .get()
                        .map(|a| {
                            view! {
                                <p class=if a.visible { "notice upload-note" } else { "visually-hidden" }>
                                    {a.text}
                                </p>
                            }
                        })
                }}
            </div>
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
    fn an_upload_is_announced_at_each_quarter_not_at_every_event() {
        let steps: Vec<u8> = [0, 3, 24, 25, 49, 50, 74, 75, 99, 100]
            .into_iter()
            .map(milestone)
            .collect();
        assert_eq!(steps, vec![0, 0, 0, 25, 25, 50, 50, 75, 75, 100]);
        assert_eq!(step_announcement("plan.pdf", 0), "Uploading plan.pdf.");
        assert_eq!(step_announcement("plan.pdf", 50), "50% of plan.pdf sent.");
        assert_eq!(
            step_announcement("plan.pdf", 100),
            "plan.pdf has been sent. Waiting for the server to store it."
        );
    }

    #[test]
    fn the_figures_beside_the_bar_say_how_much_of_how_much() {
        let progress = UploadProgress {
            sent: 1024 * 1024,
            total: 4 * 1024 * 1024,
        };
        assert_eq!(progress_text(progress), "25% sent, 1.0 MB of 4.0 MB");
    }

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
