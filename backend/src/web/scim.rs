//! `/scim/v2`: the SCIM 2.0 endpoint an identity provider keeps the
//! directory in step through (RFC 7644). Outside the session layer and the
//! browser's CSRF check: the caller is a server presenting an
//! organisation's bearer token, never a browser. Every answer, errors
//! included, is `application/scim+json` with a SCIM body, as clients
//! insist; request bodies are read whether sent as `application/scim+json`
//! or `application/json`.

use axum::body::Bytes;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::AppState;
use crate::error::AppError;
use crate::service::notify::Links;
use crate::service::scim::token::Provisioner;
use crate::service::scim::{self, Page, Resource, resource_id, schema};

const CONTENT_TYPE: &str = "application/scim+json";
/// A provisioning request is one person or one group; a large group's
/// member list is the biggest.
pub const MAX_BYTES: usize = 4 * 1024 * 1024;

/// The routes, to nest at `/scim/v2`.
pub fn routes(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/ServiceProviderConfig", get(service_provider_config))
        .route("/ResourceTypes", get(resource_types))
        .route("/ResourceTypes/{id}", get(resource_type))
        .route("/Schemas", get(schemas))
        .route("/Schemas/{id}", get(one_schema))
        .merge(resource("/Users", Resource::User))
        .merge(resource("/Groups", Resource::Group))
        .route("/.search", post(search))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(state, authenticate))
}

/// A resource type's routes: the list and one resource, the same
/// handlers for users and groups.
fn resource(path: &str, kind: Resource) -> Router<AppState> {
    Router::new()
        .route(path, get(list).post(create))
        .route(
            &format!("{path}/{{id}}"),
            get(read).put(replace).patch(patch).delete(delete),
        )
        .layer(Extension(kind))
}

/// Refuses any request without a live token of some organisation.
async fn authenticate(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let presented = super::bi::bearer_token(request.headers());
    let caller = match presented {
        Some(token) => scim::token::authenticate(&state.db, &token).await,
        None => Err(AppError::Unauthenticated),
    };
    match caller {
        Ok(caller) => {
            request.extensions_mut().insert(caller);
            next.run(request).await
        }
        Err(err) => {
            let mut response = error(err);
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            response
        }
    }
}

fn base(state: &AppState) -> String {
    format!("{}/scim/v2", state.config.public_url)
}

fn links(state: &AppState) -> Links {
    Links {
        public_url: state.config.public_url.clone(),
    }
}

fn answer(status: StatusCode, body: &Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE))],
        body.to_string(),
    )
        .into_response()
}

fn scim_error(status: StatusCode, scim_type: Option<&str>, detail: &str) -> Response {
    let mut body = json!({
        "schemas": [schema::ERROR],
        "status": status.as_u16().to_string(),
        "detail": detail,
    });
    if let Some(kind) = scim_type {
        body["scimType"] = json!(kind);
    }
    answer(status, &body)
}

/// The service's error as SCIM says errors.
fn error(err: AppError) -> Response {
    match &err {
        AppError::Unauthenticated => scim_error(
            StatusCode::UNAUTHORIZED,
            None,
            "Present a bearer token a system administrator created for this organisation.",
        ),
        AppError::Forbidden => scim_error(StatusCode::FORBIDDEN, None, "Not allowed."),
        AppError::NotFound => scim_error(StatusCode::NOT_FOUND, None, "No such resource."),
        AppError::Validation(fields) => {
            let detail = fields
                .iter()
                .map(|f| format!("{}: {}", f.field, f.message))
                .collect::<Vec<_>>()
                .join(" ");
            scim_error(StatusCode::BAD_REQUEST, Some("invalidValue"), &detail)
        }
        AppError::Conflict(why) => scim_error(StatusCode::CONFLICT, Some("uniqueness"), why),
        AppError::BadRequest(why) => scim_error(StatusCode::BAD_REQUEST, Some("invalidValue"), why),
        AppError::Busy | AppError::Unavailable(_) => {
            scim_error(StatusCode::SERVICE_UNAVAILABLE, None, &err.public_message())
        }
        AppError::Internal(_) => scim_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            None,
            &err.public_message(),
        ),
    }
}

fn respond(result: Result<Value, AppError>, params: &Shape) -> Response {
    match result {
        Ok(mut body) => {
            params.apply(&mut body);
            answer(StatusCode::OK, &body)
        }
        Err(err) => error(err),
    }
}

fn created(result: Result<Value, AppError>) -> Response {
    match result {
        Ok(body) => {
            let mut response = answer(StatusCode::CREATED, &body);
            if let Some(location) = body["meta"]["location"]
                .as_str()
                .and_then(|l| HeaderValue::from_str(l).ok())
            {
                response.headers_mut().insert(header::LOCATION, location);
            }
            response
        }
        Err(err) => error(err),
    }
}

fn deleted(result: Result<(), AppError>) -> Response {
    match result {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(err) => error(err),
    }
}

/// The request body as JSON, or a SCIM `invalidSyntax` error.
fn body(bytes: &Bytes) -> Result<Value, Box<Response>> {
    serde_json::from_slice(bytes).map_err(|e| {
        Box::new(scim_error(
            StatusCode::BAD_REQUEST,
            Some("invalidSyntax"),
            &format!("The body is not JSON: {e}"),
        ))
    })
}

/// The resource's id from the path and the request body, or the answer
/// that says which is wrong.
fn id_and_body(id: &str, bytes: &Bytes) -> Result<(uuid::Uuid, Value), Box<Response>> {
    let id = resource_id(id).map_err(|err| Box::new(error(err)))?;
    Ok((id, body(bytes)?))
}

/// The query string of a list or a read.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListQuery {
    filter: Option<String>,
    start_index: Option<i64>,
    count: Option<i64>,
    #[serde(flatten)]
    shape: Shape,
}

/// `attributes` and `excludedAttributes`: which top-level attributes to
/// return. `id`, `schemas` and `meta` always are.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Shape {
    attributes: Option<String>,
    excluded_attributes: Option<String>,
}

impl Shape {
    fn apply(&self, body: &mut Value) {
        if let Some(list) = body.get_mut("Resources").and_then(Value::as_array_mut) {
            list.iter_mut().for_each(|resource| self.apply_to(resource));
        } else {
            self.apply_to(body);
        }
    }

    fn apply_to(&self, resource: &mut Value) {
        let names = |list: &Option<String>| -> Vec<String> {
            list.as_deref()
                .unwrap_or_default()
                .split(',')
                .map(|n| n.trim().to_lowercase())
                .filter(|n| !n.is_empty())
                .collect()
        };
        let (wanted, excluded) = (names(&self.attributes), names(&self.excluded_attributes));
        let Some(object) = resource.as_object_mut() else {
            return;
        };
        object.retain(|key, _| {
            let key = key.to_lowercase();
            let always = matches!(key.as_str(), "id" | "schemas" | "meta");
            let named = |list: &[String]| {
                list.iter().any(|n| {
                    *n == key
                        || n.split('.').next() == Some(key.as_str())
                        || n.starts_with(&format!("{key}:"))
                })
            };
            always || ((wanted.is_empty() || named(&wanted)) && !excluded.contains(&key))
        });
    }
}

async fn service_provider_config(State(state): State<AppState>) -> Response {
    answer(
        StatusCode::OK,
        &schema::service_provider_config(&base(&state)),
    )
}

async fn resource_types(State(state): State<AppState>) -> Response {
    let types = schema::resource_types(&base(&state));
    let total = types.len() as u64;
    answer(StatusCode::OK, &schema::list(types, total, 1))
}

async fn resource_type(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    match schema::resource_types(&base(&state))
        .into_iter()
        .find(|t| t["id"] == id.as_str())
    {
        Some(found) => answer(StatusCode::OK, &found),
        None => error(AppError::NotFound),
    }
}

async fn schemas(State(state): State<AppState>) -> Response {
    let all = schema::schemas(&base(&state));
    let total = all.len() as u64;
    answer(StatusCode::OK, &schema::list(all, total, 1))
}

async fn one_schema(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    match schema::schemas(&base(&state))
        .into_iter()
        .find(|s| s["id"] == id.as_str())
    {
        Some(found) => answer(StatusCode::OK, &found),
        None => error(AppError::NotFound),
    }
}

async fn list(
    State(state): State<AppState>,
    Extension(kind): Extension<Resource>,
    Extension(caller): Extension<Provisioner>,
    Query(query): Query<ListQuery>,
) -> Response {
    let page = Page::new(query.start_index, query.count);
    let filter = query.filter.as_deref();
    respond(
        kind.list(&state.db, caller, &base(&state), filter, page)
            .await,
        &query.shape,
    )
}

async fn read(
    State(state): State<AppState>,
    Extension(kind): Extension<Resource>,
    Extension(caller): Extension<Provisioner>,
    Path(id): Path<String>,
    Query(shape): Query<Shape>,
) -> Response {
    let result = match resource_id(&id) {
        Ok(id) => kind.get(&state.db, caller, &base(&state), id).await,
        Err(err) => Err(err),
    };
    respond(result, &shape)
}

async fn create(
    State(state): State<AppState>,
    Extension(kind): Extension<Resource>,
    Extension(caller): Extension<Provisioner>,
    bytes: Bytes,
) -> Response {
    let value = match body(&bytes) {
        Ok(value) => value,
        Err(response) => return *response,
    };
    created(
        kind.create(&state.db, &links(&state), caller, &base(&state), &value)
            .await,
    )
}

async fn replace(
    State(state): State<AppState>,
    Extension(kind): Extension<Resource>,
    Extension(caller): Extension<Provisioner>,
    Path(id): Path<String>,
    bytes: Bytes,
) -> Response {
    let (id, value) = match id_and_body(&id, &bytes) {
        Ok(both) => both,
        Err(response) => return *response,
    };
    let (links, base) = (links(&state), base(&state));
    respond(
        kind.replace(&state.db, &links, caller, &base, id, &value)
            .await,
        &Shape::default(),
    )
}

async fn patch(
    State(state): State<AppState>,
    Extension(kind): Extension<Resource>,
    Extension(caller): Extension<Provisioner>,
    Path(id): Path<String>,
    bytes: Bytes,
) -> Response {
    let (id, value) = match id_and_body(&id, &bytes) {
        Ok(both) => both,
        Err(response) => return *response,
    };
    let (links, base) = (links(&state), base(&state));
    respond(
        kind.patch(&state.db, &links, caller, &base, id, &value)
            .await,
        &Shape::default(),
    )
}

async fn delete(
    State(state): State<AppState>,
    Extension(kind): Extension<Resource>,
    Extension(caller): Extension<Provisioner>,
    Path(id): Path<String>,
) -> Response {
    deleted(match resource_id(&id) {
        Ok(id) => kind.delete(&state.db, caller, id).await,
        Err(err) => Err(err),
    })
}

async fn search() -> Response {
    scim_error(
        StatusCode::NOT_IMPLEMENTED,
        None,
        "Searching by POST is not supported: filter with GET.",
    )
}

async fn not_found() -> Response {
    error(AppError::NotFound)
}

async fn method_not_allowed() -> Response {
    scim_error(
        StatusCode::METHOD_NOT_ALLOWED,
        None,
        "That method is not supported here.",
    )
}
