//! Pages for one kind of administrator (removal and redaction requests,
//! legal holds, performance records): the list is asked for only once the
//! person is known to hold the role, and anyone else is told plainly that
//! the page is not for them, which the server's `FORBIDDEN` says too.

use std::future::Future;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::me::Me;
use crate::api::{ApiError, ErrorCode};
use crate::components::status::{LoadError, Loading};
use crate::session::use_session;

/// Whether the person may use the page (`None` until they are known), and
/// what the page loads, asked for only when they may.
pub struct Gated<T: 'static> {
    allowed: Memo<Option<bool>>,
    /// The page's data; `refetch` after a change.
    pub data: LocalResource<Option<Result<T, ApiError>>>,
}

impl<T: 'static> Clone for Gated<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Gated<T> {}

impl<T: Clone + 'static> Gated<T> {
    /// Loads with `load` once the signed-in person passes `allowed`.
    pub fn new<Fut>(allowed: fn(&Me) -> bool, load: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let session = use_session();
        // A memo, so a reload of the same person does not reload the page.
        let allowed = Memo::new(move |_| session.person().map(|me| allowed(&me)));
        let data = LocalResource::new(move || {
            let asked = (allowed.get() == Some(true)).then(&load);
            async move {
                match asked {
                    Some(loading) => Some(loading.await),
                    None => None,
                }
            }
        });
        Self { allowed, data }
    }

    /// The page's body: `ready` with the data, or loading, a failure, or
    /// (`only`: who the page is for) that it is not available.
    pub fn view(
        self,
        what: &'static str,
        only: &'static str,
        ready: impl Fn(T) -> AnyView + Send + Sync + 'static,
    ) -> impl IntoView {
        move || match (self.allowed.get(), self.data.get()) {
            (Some(false), _) => not_available(only).into_any(),
            (_, Some(Some(Err(err)))) if err.code == ErrorCode::Forbidden => {
                not_available(only).into_any()
            }
            (_, Some(Some(Err(err)))) => view! { <LoadError error=err /> }.into_any(),
            (_, Some(Some(Ok(data)))) => ready(data),
            _ => view! { <Loading what=what /> }.into_any(),
        }
    }
}

/// What someone the page is not for sees.
pub fn not_available(only: &'static str) -> impl IntoView {
    view! {
        <div class="notice">
            <p>
                <strong>"This page is not available to you."</strong>
                " "
                {only}
            </p>
        </div>
        <p>
            <A href="/">"Go to my supervisions"</A>
        </p>
    }
}
