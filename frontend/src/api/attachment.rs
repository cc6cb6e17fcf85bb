//! Attachments to a record (F3.8): uploading a file, which is not GraphQL
//! (the file is the request's body) and reports its progress, and deleting
//! one. The list comes with
//! the record ([`super::supervision`]); a download is a plain link.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use supervision_shared::FieldError;
use uuid::Uuid;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Event, ProgressEvent, XmlHttpRequest};

use super::staff::StaffSummary;
use super::{ApiError, ErrorCode, activity, graphql};
use crate::navigation::encode_query_value;

/// The types a browser's file chooser offers. Only a hint to the chooser:
/// the server decides from the file's content what it accepts.
pub const ACCEPTED_TYPES: &str = ".pdf,.docx,.xlsx,.pptx,.jpg,.jpeg,.png,.gif,.webp,.heic,.txt,\
     application/pdf,image/jpeg,image/png,image/gif,image/webp,image/heic,text/plain";

/// The API field an upload's problems are reported under.
pub const FILE_FIELD: &str = "file";

/// A file attached to a record, as the record lists it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    /// The attachment's id.
    pub id: Uuid,
    /// Its name, with the extension of its real type.
    pub file_name: String,
    /// Its type, as the server found it from the content.
    pub content_type: String,
    /// Its size in bytes.
    pub size_bytes: u64,
    /// Where to download it.
    pub download_url: String,
    /// Who attached it.
    pub uploaded_by: StaffSummary,
    /// When.
    pub uploaded_at: DateTime<Utc>,
}

/// What the server says about a file it has just stored.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadedAttachment {
    /// The attachment's id.
    pub id: Uuid,
    /// Its name as stored (the extension follows the real type).
    pub file_name: String,
    /// Its type.
    pub content_type: String,
    /// Its size in bytes.
    pub size_bytes: u64,
}

/// The body of a refused upload.
#[derive(Deserialize)]
struct UploadRefusal {
    code: Option<String>,
    #[serde(default)]
    message: String,
    #[serde(default)]
    fields: Vec<FieldError>,
}

const DELETE_ATTACHMENT: &str =
    "mutation DeleteAttachment($id: UUID!) { deleteAttachment(id: $id) { id } }";

/// How much of a file has gone to the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadProgress {
    /// Bytes sent so far.
    pub sent: u64,
    /// Bytes to send in all.
    pub total: u64,
}

impl UploadProgress {
    /// Whole percent sent, rounded down so 100 means every byte has gone.
    pub fn percent(self) -> u8 {
        if self.total == 0 || self.sent >= self.total {
            return 100;
        }
        u8::try_from(self.sent * 100 / self.total).unwrap_or(99)
    }
}

/// Why an upload stored nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadFailure {
    /// The person cancelled it.
    Cancelled,
    /// The server refused it, or could not be reached.
    Refused(ApiError),
}

/// An upload under way, which the person may cancel.
#[derive(Clone)]
pub struct Upload {
    xhr: XmlHttpRequest,
    cancelled: Rc<Cell<bool>>,
}

impl Upload {
    /// Stops sending. The server stores nothing from a body that never
    /// arrived whole; the upload ends with [`UploadFailure::Cancelled`],
    /// before this returns (the browser ends an aborted request at once).
    pub fn cancel(&self) {
        self.cancelled.set(true);
        let _ = self.xhr.abort();
    }
}

/// The browser's listeners of one upload, kept until it ends.
type Listeners = (Closure<dyn FnMut(Event)>, Closure<dyn FnMut(Event)>);

/// Starts uploading a file chosen in the browser to a record. The file goes
/// as it is, as the request body; its name travels percent-encoded in a
/// header. `on_progress` hears as the bytes go out and `on_done` once, at
/// the end, however it ends.
///
/// XMLHttpRequest rather than `fetch`, which cannot report how much of a
/// request body has been sent: on a phone a photo of a few megabytes can
/// take a minute.
pub fn start_upload(
    supervision_id: Uuid,
    file: &web_sys::File,
    on_progress: impl Fn(UploadProgress) + 'static,
    on_done: impl FnOnce(Result<UploadedAttachment, UploadFailure>) + 'static,
) -> Result<Upload, ApiError> {
    let xhr = XmlHttpRequest::new().map_err(browser_refused)?;
    xhr.open_with_async(
        "POST",
        &format!("/supervisions/{supervision_id}/attachments"),
        true,
    )
    .map_err(browser_refused)?;
    for (name, value) in [
        ("Content-Type", "application/octet-stream"),
        (super::CSRF_HEADER.0, super::CSRF_HEADER.1),
        ("X-File-Name", &encode_query_value(&file.name())),
    ] {
        xhr.set_request_header(name, value)
            .map_err(browser_refused)?;
    }

    // A file's size is a whole number of bytes, so the cast is exact.
    let size = file.size().max(0.0) as u64;
    let progress = listener(move |ev: Event| {
        let Some(ev) = ev.dyn_ref::<ProgressEvent>() else {
            return;
        };
        let total = if ev.length_computable() {
            ev.total().max(0.0) as u64
        } else {
            size
        };
        on_progress(UploadProgress {
            sent: ev.loaded().max(0.0) as u64,
            total,
        });
    });

    let cancelled = Rc::new(Cell::new(false));
    let listeners: Rc<RefCell<Option<Listeners>>> = Rc::new(RefCell::new(None));
    let mut on_done = Some(on_done);
    let finished = listener({
        let xhr = xhr.clone();
        let cancelled = Rc::clone(&cancelled);
        let listeners = Rc::clone(&listeners);
        move |_: Event| {
            let outcome = if cancelled.get() {
                Err(UploadFailure::Cancelled)
            } else {
                let outcome = outcome_of(&xhr);
                note_answer(outcome.as_ref().err());
                outcome.map_err(UploadFailure::Refused)
            };
            if let Some(done) = on_done.take() {
                done(outcome);
            }
            // Dropped once this event is over, not while it runs.
            let listeners = Rc::clone(&listeners);
            leptos::task::spawn_local(async move {
                listeners.borrow_mut().take();
            });
        }
    });

    xhr.upload()
        .and_then(|upload| {
            upload.add_event_listener_with_callback("progress", progress.as_ref().unchecked_ref())
        })
        .map_err(browser_refused)?;
    // `loadend` follows `load`, `error` and `abort` alike: one place to end.
    xhr.add_event_listener_with_callback("loadend", finished.as_ref().unchecked_ref())
        .map_err(browser_refused)?;
    *listeners.borrow_mut() = Some((progress, finished));
    if let Err(err) = xhr.send_with_opt_blob(Some(file)) {
        listeners.borrow_mut().take();
        return Err(browser_refused(err));
    }
    Ok(Upload { xhr, cancelled })
}

/// An event listener for the browser, made as Leptos makes its own (a boxed
/// `FnMut(Event)`), so the app carries one copy of wasm-bindgen's glue for it.
fn listener(handler: impl FnMut(Event) + 'static) -> Closure<dyn FnMut(Event)> {
    Closure::wrap(Box::new(handler) as Box<dyn FnMut(Event)>)
}

/// The browser would not even start the request.
fn browser_refused(err: JsValue) -> ApiError {
    ApiError::new(ErrorCode::Network, format!("{err:?}"))
}

/// As for every API call: signed out goes to sign in, and any answer from
/// the server kept the session alive.
fn note_answer(err: Option<&ApiError>) {
    match err.map(|e| e.code) {
        Some(ErrorCode::Unauthenticated) => crate::navigation::go_to_sign_in(),
        Some(ErrorCode::Network) => {}
        _ => activity::record(),
    }
}

/// What a finished request means: the stored file, or why not.
fn outcome_of(xhr: &XmlHttpRequest) -> Result<UploadedAttachment, ApiError> {
    // Status 0: no answer at all (connection refused or dropped).
    let status = xhr.status().unwrap_or(0);
    let body = xhr.response_text().ok().flatten().unwrap_or_default();
    if (200..300).contains(&status) {
        return serde_json::from_str(&body)
            .map_err(|err| ApiError::new(ErrorCode::Network, err.to_string()));
    }
    Err(refusal(status, &body))
}

/// Why the server refused an upload, from its status and its body: the
/// stable code and field errors when it sent them, the status alone when
/// it did not.
fn refusal(status: u16, body: &str) -> ApiError {
    if status == 413 {
        // The server's body limit stops the request before any handler:
        // there may be no JSON to read, or a proxy's page.
        return too_large();
    }
    if let Ok(refusal) = serde_json::from_str::<UploadRefusal>(body)
        && refusal.code.is_some()
    {
        return ApiError {
            code: ErrorCode::from_extension(refusal.code.as_deref()),
            message: refusal.message,
            fields: refusal.fields,
        };
    }
    let code = match status {
        0 => ErrorCode::Network,
        401 => ErrorCode::Unauthenticated,
        403 => ErrorCode::Forbidden,
        404 => ErrorCode::NotFound,
        400 | 422 => ErrorCode::BadRequest,
        429 | 503 => return ApiError::new(ErrorCode::TryAgain, ""),
        _ => ErrorCode::Internal,
    };
    ApiError::new(code, format!("HTTP {status}"))
}

/// The refusal of a file over the server's size limit.
fn too_large() -> ApiError {
    ApiError {
        code: ErrorCode::ValidationFailed,
        message: "too large".to_owned(),
        fields: vec![FieldError::new(
            FILE_FIELD,
            "The file is too large to attach. Attach a smaller file, or a photo at a lower resolution.",
        )],
    }
}

/// Deletes an attachment (its uploader, or the record's recorder).
pub async fn delete_attachment(id: Uuid) -> Result<(), ApiError> {
    let _: serde::de::IgnoredAny =
        graphql(DELETE_ATTACHMENT, serde_json::json!({ "id": id })).await?;
    Ok(())
}

/// A size as people read it: "850 bytes", "12 KB", "3.4 MB".
pub fn size_label(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if bytes < KB {
        format!("{bytes} bytes")
    } else if bytes < MB {
        format!("{} KB", bytes.div_ceil(KB))
    } else {
        // One decimal place, rounded up so a file never sounds smaller
        // than it is.
        let tenths = (bytes * 10).div_ceil(MB);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

/// A content type as people name it: "PDF document", "JPEG photo".
pub fn type_label(content_type: &str) -> &'static str {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "application/pdf" => "PDF document",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => {
            "Word document"
        }
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "Excel spreadsheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" => {
            "PowerPoint presentation"
        }
        "image/jpeg" => "JPEG photo",
        "image/png" => "PNG image",
        "image/gif" => "GIF image",
        "image/webp" => "WebP image",
        "image/heic" => "HEIC photo",
        "text/plain" => "Plain text",
        _ => "File",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_written_in_kilobytes_or_megabytes_and_never_rounded_down() {
        assert_eq!(size_label(0), "0 bytes");
        assert_eq!(size_label(1023), "1023 bytes");
        assert_eq!(size_label(1024), "1 KB");
        assert_eq!(size_label(1025), "2 KB");
        assert_eq!(size_label(1024 * 1024), "1.0 MB");
        assert_eq!(size_label(3 * 1024 * 1024 + 400 * 1024), "3.4 MB");
        assert_eq!(size_label(20 * 1024 * 1024), "20.0 MB");
    }

    #[test]
    fn types_are_named_as_people_know_them() {
        assert_eq!(type_label("application/pdf"), "PDF document");
        assert_eq!(type_label("text/plain; charset=utf-8"), "Plain text");
        assert_eq!(type_label("IMAGE/JPEG"), "JPEG photo");
        assert_eq!(type_label("application/x-unknown"), "File");
    }

    #[test]
    fn an_attachment_reads_as_the_record_lists_it() {
        let json = r#"{"id":"7f1b6a3e-0c8e-4d59-9a3f-0f2a9d7c1b11","fileName":"care plan.pdf",
          "contentType":"application/pdf","sizeBytes":2048,
          "downloadUrl":"/attachments/7f1b6a3e-0c8e-4d59-9a3f-0f2a9d7c1b11",
          "uploadedBy":{"id":"7f1b6a3e-0c8e-4d59-9a3f-0f2a9d7c1b12","name":"Priya Shah"},
          "uploadedAt":"2026-11-21T09:00:00Z"}"#;
        let parsed: Result<Attachment, _> = serde_json::from_str(json);
        assert!(
            matches!(parsed, Ok(a) if a.uploaded_by.name == "Priya Shah" && a.size_bytes == 2048)
        );
    }

    #[test]
    fn a_refused_upload_keeps_the_servers_field_errors() {
        let body: Result<UploadRefusal, _> = serde_json::from_str(
            r#"{"code":"VALIDATION_FAILED","message":"invalid","fields":[{"field":"file","message":"The file is empty."}]}"#,
        );
        let Ok(body) = body else {
            panic!("the example refusal should parse");
        };
        assert_eq!(
            ErrorCode::from_extension(body.code.as_deref()),
            ErrorCode::ValidationFailed
        );
        assert_eq!(body.fields[0].field, FILE_FIELD);
        assert_eq!(too_large().fields[0].field, FILE_FIELD);
    }

    #[test]
    fn progress_reaches_a_hundred_percent_only_when_every_byte_has_gone() {
        let at = |sent, total| UploadProgress { sent, total }.percent();
        assert_eq!(at(0, 4_000_000), 0);
        assert_eq!(at(1_000_000, 4_000_000), 25);
        assert_eq!(at(3_999_999, 4_000_000), 99);
        assert_eq!(at(4_000_000, 4_000_000), 100);
        assert_eq!(at(0, 0), 100);
    }

    #[test]
    fn a_bare_413_says_the_file_is_too_large() {
        for body in ["", "<html><body>Request Entity Too Large</body></html>"] {
            let err = refusal(413, body);
            assert_eq!(err.code, ErrorCode::ValidationFailed);
            assert_eq!(err.fields, too_large().fields);
        }
    }

    #[test]
    fn the_servers_code_is_read_from_the_body_and_the_status_speaks_without_one() {
        let refused = refusal(
            400,
            r#"{"code":"VALIDATION_FAILED","message":"invalid","fields":[{"field":"file","message":"The file is empty."}]}"#,
        );
        assert_eq!(refused.code, ErrorCode::ValidationFailed);
        assert_eq!(refused.fields[0].message, "The file is empty.");
        assert_eq!(
            refusal(
                403,
                r#"{"code":"FORBIDDEN","message":"forbidden","fields":[]}"#
            )
            .code,
            ErrorCode::Forbidden
        );
        assert_eq!(refusal(401, "").code, ErrorCode::Unauthenticated);
        assert_eq!(refusal(404, "Not Found").code, ErrorCode::NotFound);
        assert_eq!(
            refusal(502, "<html>Bad gateway</html>").code,
            ErrorCode::Internal
        );
        assert_eq!(refusal(0, "").code, ErrorCode::Network);
    }
}
