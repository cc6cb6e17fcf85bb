//! Attachments to a record (F3.8): uploading a file, which is not GraphQL
//! (the file is the request's body), and deleting one. The list comes with
//! the record ([`super::supervision`]); a download is a plain link.

use chrono::{DateTime, Utc};
use gloo_net::http::{Request, Response};
use serde::Deserialize;
use supervision_shared::FieldError;
use uuid::Uuid;

use super::staff::StaffSummary;
use super::{ApiError, ErrorCode, activity, graphql, status_error};
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

/// Uploads a file chosen in the browser to a record. The file goes as it
/// is, as the request body; its name travels percent-encoded in a header.
pub async fn upload_attachment(
    supervision_id: Uuid,
    file: &web_sys::File,
) -> Result<UploadedAttachment, ApiError> {
    let result = send_upload(supervision_id, file).await;
    match &result {
        Err(err) if err.code == ErrorCode::Unauthenticated => {
            crate::navigation::go_to_sign_in();
        }
        Err(err) if err.code == ErrorCode::Network => {}
        _ => activity::record(),
    }
    result
}

async fn send_upload(
    supervision_id: Uuid,
    file: &web_sys::File,
) -> Result<UploadedAttachment, ApiError> {
    let network = |err: gloo_net::Error| ApiError::new(ErrorCode::Network, err.to_string());
    let response = Request::post(&format!("/supervisions/{supervision_id}/attachments"))
        .header("Content-Type", "application/octet-stream")
        .header(super::CSRF_HEADER.0, super::CSRF_HEADER.1)
        .header("X-File-Name", &encode_query_value(&file.name()))
        .body(file.clone())
        .map_err(network)?
        .send()
        .await
        .map_err(network)?;
    if let Some(err) = upload_error(&response).await {
        return Err(err);
    }
    response.json().await.map_err(network)
}

/// Why an upload was refused, with the server's field errors when it gave
/// them; `None` for success.
async fn upload_error(response: &Response) -> Option<ApiError> {
    let status = response.status();
    if status == 413 {
        // The server's body limit stops the request before any handler:
        // there is no JSON to read.
        return Some(too_large());
    }
    let err = status_error(response)?;
    if status == 400
        && let Ok(body) = response.json::<UploadRefusal>().await
    {
        return Some(ApiError {
            code: ErrorCode::from_extension(body.code.as_deref()),
            message: body.message,
            fields: body.fields,
        });
    }
    Some(err)
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
}
