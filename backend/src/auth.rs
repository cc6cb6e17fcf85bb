//! Who is asking: sessions, the signed-in person (`Viewer`), and the ways to
//! sign in. Authorization decisions themselves live in `graphql::guard` and in
//! the service layer's scoped queries.

pub mod csrf;
pub mod dev_signin;
pub mod oidc;
pub mod return_to;
pub mod session_store;
pub mod viewer;

pub use viewer::Viewer;

use tower_sessions::Session;
use uuid::Uuid;

use crate::error::{AppError, AppResult};

/// Session key holding the signed-in person.
const SIGNED_IN_KEY: &str = "signed_in";

/// What the session remembers about the person signed in.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SessionIdentity {
    /// Their staff record.
    pub staff_id: Uuid,
    /// Their organisation (tenant).
    pub organisation_id: Uuid,
    /// When they signed in (Unix seconds), for the absolute time-out.
    #[serde(default)]
    pub signed_in_at: i64,
    /// With single sign-on: the provider's subject and session id, so a
    /// back-channel logout can find this session.
    #[serde(default)]
    pub oidc_sub: Option<String>,
    /// See `oidc_sub`.
    #[serde(default)]
    pub oidc_sid: Option<String>,
    /// Roles granted by the provider's group claim at sign-in.
    #[serde(default)]
    pub claimed_roles: Vec<supervision_shared::Role>,
}

/// The session-data key of the signed-in person (the session store reads it
/// to index sessions by person).
pub const SIGNED_IN_DATA_KEY: &str = SIGNED_IN_KEY;

/// Starts a signed-in session with a fresh id, so an id planted before sign-in
/// (session fixation) is worthless afterwards.
pub async fn sign_in(session: &Session, mut who: SessionIdentity) -> AppResult<()> {
    who.signed_in_at = chrono::Utc::now().timestamp();
    session.cycle_id().await.map_err(session_error)?;
    session
        .insert(SIGNED_IN_KEY, who)
        .await
        .map_err(session_error)
}

/// Ends the session here and deletes it from the store.
pub async fn sign_out(session: &Session) -> AppResult<()> {
    session.flush().await.map_err(session_error)
}

/// The person this session belongs to, if any.
pub async fn signed_in(session: &Session) -> AppResult<Option<SessionIdentity>> {
    session.get(SIGNED_IN_KEY).await.map_err(session_error)
}

/// A session that could not be read: the database out of reach is worth
/// trying again; anything else is a bug.
fn session_error(err: tower_sessions::session::Error) -> AppError {
    if err.to_string().contains(session_store::OUT_OF_REACH) {
        AppError::database_unavailable()
    } else {
        AppError::Internal(err.into())
    }
}

/// The signed-in person, as the directory holds them now. Someone who has
/// left since signing in loses access at once, and a session older than the
/// absolute time-out ends however busy it has been: either way the session is
/// ended and the caller is treated as signed out.
///
/// The person was normally read in the same statement as the session
/// (`DbSessionStore::signee_loaded_with`), and their roles are reused while
/// the database says their sources are unchanged, so this usually reads
/// nothing more.
pub async fn current_viewer(
    state: &crate::AppState,
    session: &Session,
) -> AppResult<Option<Viewer>> {
    let Some(who) = signed_in(session).await? else {
        return Ok(None);
    };
    let now = chrono::Utc::now();
    let age = now.timestamp().saturating_sub(who.signed_in_at);
    let too_old =
        u64::try_from(age).unwrap_or(u64::MAX) > state.config.session_absolute_timeout.as_secs();
    use crate::service::directory;
    let found = if too_old {
        None
    } else {
        match session
            .id()
            .and_then(|id| state.sessions.signee_loaded_with(&id))
        {
            Some(signee)
                if signee.staff_id == who.staff_id
                    && signee.organisation_id == who.organisation_id =>
            {
                directory::viewer_of(&state.db, &state.roles, &signee, now).await?
            }
            // Loaded before this request, or a new id since sign-in.
            _ => {
                directory::viewer(
                    &state.db,
                    &state.roles,
                    who.staff_id,
                    who.organisation_id,
                    now,
                )
                .await?
            }
        }
    };
    let viewer = found.map(|mut viewer| {
        viewer.roles.extend(who.claimed_roles.iter().copied());
        viewer.roles.sort();
        viewer.roles.dedup();
        viewer
    });
    if viewer.is_none() {
        sign_out(session).await?;
    }
    Ok(viewer)
}
