//! Attachment upload and download (F3.8), outside GraphQL because they carry
//! files rather than JSON.
//!
//! - `POST /supervisions/{id}/attachments`: the file is the raw request
//!   body; its name is in `X-File-Name` (percent-encoded). The client header
//!   is required as for every state-changing request; a browser cannot send
//!   it cross-site without a CORS preflight, which this server never
//!   approves.
//! - `GET /attachments/{id}`: always a download (`Content-Disposition:
//!   attachment`) with the type found from the content, `nosniff` and a
//!   sandboxing CSP, so nothing uploaded is ever rendered as a page.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;
use uuid::Uuid;

use crate::AppState;
use crate::auth::csrf::from_our_client;
use crate::auth::current_viewer;
use crate::error::{AppError, AppResult};
use crate::service::attachment;

/// Uploads one file to a record.
pub async fn upload(
    State(state): State<AppState>,
    session: Session,
    Path(supervision_id): Path<Uuid>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    if !from_our_client(&headers) {
        return Err(AppError::Forbidden);
    }
    let viewer = current_viewer(&state, &session)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let file_name = headers
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            percent_encoding::percent_decode_str(v)
                .decode_utf8_lossy()
                .into_owned()
        })
        .unwrap_or_default();
    let row = attachment::upload(
        &state.db,
        &state.attachments,
        &viewer,
        supervision_id,
        &file_name,
        body.to_vec(),
    )
    .await?;
    Ok((
        axum::http::StatusCode::CREATED,
        Json(serde_json::json!({
            "id": row.id,
            "fileName": row.file_name,
            "contentType": row.content_type,
            "sizeBytes": row.size_bytes,
        })),
    )
        .into_response())
}

/// Downloads one file, under the same rules as reading the record's content.
pub async fn download(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let viewer = current_viewer(&state, &session)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let (row, bytes) = attachment::download(&state.db, &state.attachments, &viewer, id).await?;
    let disposition = format!(
        "attachment; filename=\"{}\"; filename*=UTF-8''{}",
        row.file_name
            .chars()
            .map(|c| if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            })
            .collect::<String>(),
        percent_encoding::utf8_percent_encode(&row.file_name, percent_encoding::NON_ALPHANUMERIC)
    );
    Ok((
        [
            (header::CONTENT_TYPE, row.content_type),
            (header::CONTENT_DISPOSITION, disposition),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            (
                header::CONTENT_SECURITY_POLICY,
                "sandbox; default-src 'none'".to_owned(),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}
