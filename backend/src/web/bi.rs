//! `/bi/graphql`: the organisation's BI tools reading compliance (F9.5).
//! Outside the session layer and the browser's CSRF check: the caller is a
//! BI tool presenting a read-only token, never a browser. Each token has
//! its own request rate, and every use is audited before it is answered.
//! The compliance download (`/reports/compliance.csv`) admits a token the
//! same way.

use async_graphql_axum::GraphQLRequest;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::time::Instant;

use crate::AppState;
use crate::error::AppError;
use crate::service::bi::{self, BiClient};

/// A BI query is a few variables; nothing larger is needed.
pub const MAX_BYTES: usize = 64 * 1024;

/// The token in an `Authorization: Bearer …` header, if any.
pub fn bearer_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| {
            h.split_once(' ')
                .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("Bearer"))
                .map(|(_, token)| token.trim().to_owned())
        })
        .filter(|token| !token.is_empty())
}

/// The BI client a live token stands for, within its request rate; or
/// the refusal to send (401 with `WWW-Authenticate`, or 429 with
/// `Retry-After`).
pub async fn admit(state: &AppState, token: Option<String>) -> Result<BiClient, Response> {
    let client = match token {
        Some(token) => bi::token::authenticate(&state.db, &token).await,
        None => Err(AppError::Unauthenticated),
    };
    let client = match client {
        Ok(client) => client,
        Err(err) => {
            let unauthenticated = matches!(err, AppError::Unauthenticated);
            let mut response = err.into_response();
            if unauthenticated {
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            return Err(response);
        }
    };
    if let Err(wait) = state
        .bi_rates
        .take(&client.token_id.to_string(), Instant::now())
    {
        let body = serde_json::json!({
            "code": "RATE_LIMITED",
            "message": "Too many requests with this token in a short time. Wait, then go on \
                        from the page you reached.",
            "fields": [],
        });
        let mut response = (StatusCode::TOO_MANY_REQUESTS, axum::Json(body)).into_response();
        if let Ok(value) = HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return Err(response);
    }
    Ok(client)
}

/// Answers a BI query, audited first with what was asked.
pub async fn graphql(
    State(state): State<AppState>,
    headers: HeaderMap,
    request: GraphQLRequest,
) -> Response {
    let client = match admit(&state, bearer_token(&headers)).await {
        Ok(client) => client,
        Err(refusal) => return refusal,
    };
    let request = request.into_inner();
    let asked = serde_json::json!({
        "endpoint": "/bi/graphql",
        "operation": request.operation_name,
        "variables": request.variables,
    });
    if let Err(err) = bi::record_use(&state.db, &client, asked).await {
        return err.into_response();
    }
    let response = state.bi_schema.execute(request.data(client)).await;
    let response: async_graphql::Response = super::with_codes(response);
    async_graphql_axum::GraphQLResponse::from(response).into_response()
}
