//! The signed-in person, loaded once and shared with every page.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::api::me::{Me, fetch_me};

/// Who is signed in; pages read it through [`use_session`].
#[derive(Clone, Copy)]
pub struct Session {
    /// The `me` query, refetched after signing in.
    pub me: LocalResource<Result<Me, ApiError>>,
}

impl Session {
    /// Starts loading the signed-in person and makes them available below.
    pub fn provide() -> Self {
        let session = Self {
            me: LocalResource::new(fetch_me),
        };
        provide_context(session);
        session
    }

    /// The signed-in person, once loaded.
    pub fn person(&self) -> Option<Me> {
        self.me.get().and_then(Result::ok)
    }
}

/// The session provided by the app.
pub fn use_session() -> Session {
    use_context::<Session>().unwrap_or_else(Session::provide)
}
