//! Development sign-in: lists the demo people by role and signs you in as one.
//! A stand-in for single sign-on on a developer's machine; the routes are not
//! mounted unless the configuration enables them, which production refuses.

use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use supervision_shared::Role;
use tower_sessions::Session;
use uuid::Uuid;

use crate::AppState;
use crate::auth::{SessionIdentity, sign_in};
use crate::entity::staff;
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, AuditEntry};
use crate::service::directory;

/// The development sign-in routes, under `/auth/dev`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/people", get(people))
        .route("/signin", post(signin))
}

/// A person offered on the sign-in page.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct DemoPerson {
    id: Uuid,
    name: String,
    job_title: String,
    team_name: String,
    organisation_name: String,
    role: &'static str,
}

/// How many people of each role to offer: enough to try every view.
const PER_ROLE: usize = 6;

async fn people(State(state): State<AppState>) -> AppResult<Json<Vec<DemoPerson>>> {
    let now = chrono::Utc::now();
    let everyone = staff::Entity::find()
        .filter(staff::Column::Status.eq(directory::ACTIVE))
        .order_by_asc(staff::Column::Name)
        .all(&state.db)
        .await?;
    let mut offered: Vec<DemoPerson> = Vec::new();
    let mut counts: std::collections::HashMap<&'static str, usize> = Default::default();
    // People whose demo role is most specific come first, so each group shows
    // the highest role a person holds.
    for person in everyone {
        let Some(viewer) = directory::viewer(
            &state.db,
            &state.roles,
            person.id,
            person.organisation_id,
            now,
        )
        .await?
        else {
            continue;
        };
        let role = headline_role(&viewer.roles);
        let count = counts.entry(role.label()).or_default();
        if *count >= PER_ROLE && !is_featured(&person.email) {
            continue;
        }
        *count += 1;
        let card = directory::cards(&state.db, person.organisation_id, &[person.id]).await?;
        let organisation_name = directory::organisation_name(&state.db, &viewer).await?;
        offered.push(DemoPerson {
            id: person.id,
            team_name: card
                .get(&person.id)
                .map(|c| c.team_name.clone())
                .unwrap_or_default(),
            name: person.name,
            job_title: person.job_title,
            organisation_name,
            role: role.label(),
        });
    }
    offered.sort_by_key(|p| (role_order(p.role), p.name.clone()));
    Ok(Json(offered))
}

/// The demo people the README and the end-to-end tests name are always offered.
fn is_featured(email: &str) -> bool {
    crate::seed::FEATURED_EMAILS.contains(&email)
}

fn headline_role(roles: &[Role]) -> Role {
    roles.iter().copied().max().unwrap_or(Role::Staff)
}

fn role_order(label: &str) -> usize {
    Role::ALL
        .iter()
        .rev()
        .position(|r| r.label() == label)
        .unwrap_or(usize::MAX)
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SignInRequest {
    staff_id: Uuid,
}

async fn signin(
    State(state): State<AppState>,
    ConnectInfo(from): ConnectInfo<std::net::SocketAddr>,
    session: Session,
    Json(request): Json<SignInRequest>,
) -> AppResult<StatusCode> {
    let person = staff::Entity::find_by_id(request.staff_id)
        .filter(staff::Column::Status.eq(directory::ACTIVE))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    sign_in(
        &session,
        SessionIdentity {
            staff_id: person.id,
            organisation_id: person.organisation_id,
            signed_in_at: 0,
            oidc_sub: None,
            oidc_sid: None,
            claimed_roles: Vec::new(),
        },
    )
    .await?;
    audit::record_now(
        &state.db,
        AuditEntry {
            organisation_id: person.organisation_id,
            actor_id: Some(person.id),
            action: "auth.sign_in",
            subject_type: "staff",
            subject_id: Some(person.id),
            detail: serde_json::json!({ "method": "development", "from": from.ip().to_string() }),
        },
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
