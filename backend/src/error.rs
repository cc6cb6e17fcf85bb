//! The one error type of the server.
//!
//! Every failure a person can meet maps to a stable `code` that the front end
//! and API clients match on: `UNAUTHENTICATED` (sign in again), `FORBIDDEN`
//! (a field you may not read), `NOT_FOUND` (missing, or not yours to know
//! about: the two are deliberately indistinguishable), `VALIDATION_FAILED`
//! (with per-field messages), `CONFLICT` (it clashes with what is already
//! there, e.g. an email someone else has), `BAD_REQUEST` and `INTERNAL`. Internal causes
//! are logged with a reference the person can quote; they are never sent.

use async_graphql::ErrorExtensions;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use supervision_shared::FieldError;

/// Why a request could not be served.
#[derive(Debug)]
pub enum AppError {
    /// No signed-in person, or the session has ended.
    Unauthenticated,
    /// Signed in, but this is not theirs to read or do.
    Forbidden,
    /// The thing does not exist, or the caller may not know it exists.
    NotFound,
    /// The input broke a rule; nothing was written.
    Validation(Vec<FieldError>),
    /// It clashes with what is already stored (a second person with the
    /// same email, say); nothing was written.
    Conflict(String),
    /// The request itself is malformed.
    BadRequest(String),
    /// The service is doing as much of this kind of work as it may at once
    /// (organisation-wide reports); nothing was done, try again shortly.
    Busy,
    /// Something the service relies on is out of reach for now (the
    /// attachment store cannot be written); nothing was saved, and the
    /// message says what to do.
    Unavailable(String),
    /// Anything else: a bug or an outage.
    Internal(anyhow::Error),
}

/// Result alias used across the server.
pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// The stable code clients match on.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthenticated => "UNAUTHENTICATED",
            Self::Forbidden => "FORBIDDEN",
            Self::NotFound => "NOT_FOUND",
            Self::Validation(_) => "VALIDATION_FAILED",
            Self::Conflict(_) => "CONFLICT",
            Self::BadRequest(_) => "BAD_REQUEST",
            Self::Busy => "BUSY",
            Self::Unavailable(_) => "UNAVAILABLE",
            Self::Internal(_) => "INTERNAL",
        }
    }

    /// A single-field validation failure.
    pub fn invalid(field: &str, message: &str) -> Self {
        Self::Validation(vec![FieldError::new(field, message)])
    }

    /// The message shown to the caller; internal causes are logged instead,
    /// under a reference that appears in both the log and the message.
    pub(crate) fn public_message(&self) -> String {
        match self {
            Self::Unauthenticated => "Your session has ended: please sign in again.".into(),
            Self::Forbidden => "You do not have access to this.".into(),
            Self::NotFound => "Not found.".into(),
            Self::Validation(_) => "Some of the details need correcting.".into(),
            Self::Conflict(why) | Self::BadRequest(why) | Self::Unavailable(why) => why.clone(),
            Self::Busy => "Many reports are being prepared just now, so this one was not started. \
                           Please try again in a minute."
                .into(),
            Self::Internal(cause) => {
                // The request's id when there is one, so the reference the
                // person quotes finds the request's log line too.
                let reference = crate::web::request_id::current()
                    .unwrap_or_else(crate::web::request_id::new_id);
                let reference = reference.as_str();
                // One line an operator can read, the causes joined; the
                // backtrace (when captured) only at debug level.
                let causes = format!("{cause:#}").replace(['\n', '\r'], " ");
                tracing::error!(reference, error = %causes, "internal error");
                tracing::debug!(reference, error = ?cause, "internal error in full");
                format!(
                    "Something went wrong on our side (reference {reference}). Nothing was saved."
                )
            }
        }
    }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        if database_out_of_reach(&err) {
            tracing::warn!(error = %err, "the database is out of reach");
            return Self::database_unavailable();
        }
        Self::Internal(err.into())
    }
}

impl AppError {
    /// The answer while the database cannot be reached: try again shortly.
    pub fn database_unavailable() -> Self {
        Self::Unavailable(
            "The database is not answering just now, so nothing was saved. Please try again \
             in a minute."
                .into(),
        )
    }
}

/// Whether the database could not be reached (stopped, restarting, the
/// network between), rather than refusing what was asked: the first is
/// worth trying again and says nothing about the request, the second is a
/// bug.
pub(crate) fn database_out_of_reach(err: &sea_orm::DbErr) -> bool {
    use sea_orm::sqlx::Error as Sqlx;
    use sea_orm::{DbErr, RuntimeErr};
    match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Exec(RuntimeErr::SqlxError(cause)) | DbErr::Query(RuntimeErr::SqlxError(cause)) => {
            match cause.as_ref() {
                Sqlx::Io(_) | Sqlx::PoolTimedOut | Sqlx::PoolClosed | Sqlx::WorkerCrashed => true,
                // PostgreSQL's classes 08 (connection exception) and 57
                // (operator intervention: shutting down, starting up).
                Sqlx::Database(db) => db
                    .code()
                    .is_some_and(|code| code.starts_with("08") || code.starts_with("57")),
                _ => false,
            }
        }
        _ => false,
    }
}

impl From<sea_orm::TransactionError<AppError>> for AppError {
    fn from(err: sea_orm::TransactionError<AppError>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(app) => app,
        }
    }
}

impl From<AppError> for async_graphql::Error {
    fn from(err: AppError) -> Self {
        let mut error = async_graphql::Error::new(err.public_message());
        let code = err.code();
        error = error.extend_with(|_, ext| ext.set("code", code));
        if let AppError::Validation(fields) = err {
            let list: Vec<async_graphql::Value> = fields
                .into_iter()
                .map(|f| {
                    let mut obj = async_graphql::indexmap::IndexMap::new();
                    obj.insert(
                        async_graphql::Name::new("field"),
                        async_graphql::Value::from(f.field),
                    );
                    obj.insert(
                        async_graphql::Name::new("message"),
                        async_graphql::Value::from(f.message),
                    );
                    async_graphql::Value::Object(obj)
                })
                .collect();
            error = error.extend_with(|_, ext| ext.set("fields", async_graphql::Value::List(list)));
        }
        error
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = match self {
            Self::Unauthenticated => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Validation(_) | Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::Busy | Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let code = self.code();
        let fields = match &self {
            Self::Validation(fields) => fields.clone(),
            _ => Vec::new(),
        };
        let body = serde_json::json!({
            "code": code,
            "message": self.public_message(),
            "fields": fields,
        });
        (status, axum::Json(body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    use super::AppError;

    /// A log that tests can read back.
    #[derive(Clone, Default)]
    struct Log(Arc<Mutex<Vec<u8>>>);

    impl Write for Log {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0
                .lock()
                .map_err(|_| std::io::Error::other("poisoned"))?
                .extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Every code a request's own fault can bring, which the API fuzzing
    /// (e2e/fuzz/hooks.py) must accept as a refusal rather than a failure.
    /// The match is exhaustive: a new variant does not compile until it is
    /// placed here or among those deliberately left out. A code missing from
    /// the hooks once failed CI only when the fuzzer happened to reach it.
    #[test]
    fn the_api_fuzzing_accepts_every_code_a_bad_request_can_bring() {
        let refusal = |error: &AppError| match error {
            AppError::Forbidden
            | AppError::NotFound
            | AppError::Validation(_)
            | AppError::Conflict(_)
            | AppError::BadRequest(_)
            // Another report was running: the server is fine.
            | AppError::Busy => true,
            // The fuzzing runs signed in; an expired session is not the
            // request's fault. INTERNAL is always a failure, and so is
            // UNAVAILABLE: the fuzzing's server has all it relies on.
            AppError::Unauthenticated | AppError::Internal(_) | AppError::Unavailable(_) => false,
        };
        let every = [
            AppError::Unauthenticated,
            AppError::Forbidden,
            AppError::NotFound,
            AppError::Validation(Vec::new()),
            AppError::Conflict(String::new()),
            AppError::BadRequest(String::new()),
            AppError::Busy,
            AppError::Unavailable(String::new()),
            AppError::Internal(anyhow::anyhow!("a bug")),
        ];
        let hooks = include_str!("../../e2e/fuzz/hooks.py");
        let listed = hooks
            .split("EXPECTED_CODES = frozenset(")
            .nth(1)
            .and_then(|rest| rest.split(')').next())
            .unwrap_or_default();
        for error in &every {
            let quoted = format!("\"{}\"", error.code());
            assert_eq!(
                listed.contains(&quoted),
                refusal(error),
                "{} in e2e/fuzz/hooks.py's EXPECTED_CODES: {listed}",
                error.code()
            );
        }
    }

    #[test]
    fn an_internal_error_is_one_line_in_the_log_with_its_reference_and_causes() {
        let log = Log::default();
        let writer = log.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .with_max_level(tracing::Level::INFO)
            .finish();
        let message = tracing::subscriber::with_default(subscriber, || {
            let cause = anyhow::anyhow!("duplicate key value\nviolates a constraint")
                .context("saving the record");
            async_graphql::Error::from(AppError::Internal(cause)).message
        });
        let written = log.0.lock().map(|b| b.clone()).unwrap_or_default();
        let written = String::from_utf8_lossy(&written);
        let lines: Vec<&str> = written.lines().collect();
        assert_eq!(lines.len(), 1, "one line: {written}");
        assert!(
            lines[0].contains("saving the record: duplicate key value violates a constraint"),
            "{written}"
        );
        let reference = message
            .split("reference ")
            .nth(1)
            .and_then(|r| r.get(..12))
            .unwrap_or_default();
        assert!(
            !reference.is_empty() && lines[0].contains(reference),
            "{message} / {written}"
        );
    }
}
