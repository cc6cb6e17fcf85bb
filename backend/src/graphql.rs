//! The GraphQL API at `/graphql`: root objects merged from one struct per
//! domain, output types separate from database rows, guards for every field
//! that carries supervision content.

pub mod bi;
pub mod context;
pub mod guard;
pub mod loader;
pub mod mutation;
pub mod object;
pub mod query;

use async_graphql::{EmptySubscription, Schema};
use sea_orm::DatabaseConnection;

use crate::config::{Config, Environment};

pub use mutation::Mutation;
pub use query::Query;

/// The deepest query either schema answers.
pub const DEPTH_LIMIT: usize = 20;
/// The most fields (weighted) one query may ask for.
pub const COMPLEXITY_LIMIT: usize = 2_000;
/// How deeply a value may nest.
pub const RECURSIVE_DEPTH_LIMIT: usize = 32;

/// The schema type served at `/graphql`.
pub type AppSchema = Schema<Query, Mutation, EmptySubscription>;

/// Builds the schema. Limits keep one request from doing unbounded work; in
/// production introspection is off so the schema is not a map for attackers.
pub fn build_schema(
    db: DatabaseConnection,
    config: &Config,
    attachments: crate::service::attachment::AttachmentStore,
    heavy_reports: crate::web::limits::HeavyReports,
) -> AppSchema {
    let production = config.environment == Environment::Production;
    let builder = Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .data(db)
        .data(config.access.clone())
        .data(crate::service::supervision::RecordingRules {
            holidays: config.bank_holidays.clone(),
            case_reference: config.case_reference.clone(),
        })
        .data(attachments)
        .data(heavy_reports)
        .data(crate::service::notify::Links {
            public_url: config.public_url.clone(),
        })
        .data(crate::service::retention::RetentionYears(
            config.retention_years,
        ))
        .limit_depth(DEPTH_LIMIT)
        .limit_complexity(COMPLEXITY_LIMIT)
        .limit_recursive_depth(RECURSIVE_DEPTH_LIMIT);
    if production {
        builder
            .disable_introspection()
            .disable_suggestions()
            .finish()
    } else {
        builder.finish()
    }
}

/// A request made by this signed-in person: the viewer, and per-request
/// batch loaders bound to their organisation.
pub fn for_viewer(
    request: async_graphql::Request,
    db: &DatabaseConnection,
    viewer: crate::auth::Viewer,
) -> async_graphql::Request {
    use loader::{ActionLoader, AttendeeLoader, StaffCardLoader, batched};
    let organisation_id = viewer.organisation_id;
    request
        .data(viewer)
        .data(batched(StaffCardLoader {
            db: db.clone(),
            organisation_id,
        }))
        .data(batched(AttendeeLoader {
            db: db.clone(),
            organisation_id,
        }))
        .data(batched(ActionLoader {
            db: db.clone(),
            organisation_id,
        }))
        .data(crate::service::quality::questionnaire::results::Disclosures::default())
}

/// The schema in SDL, as committed in `schema.graphql`.
pub fn sdl() -> String {
    Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .finish()
        .sdl()
}
