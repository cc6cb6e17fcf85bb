//! Dip-sample audit rounds as the API shows them (F8.1).

use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use supervision_shared::SupervisionKind;
use uuid::Uuid;

use crate::graphql::object::staff::{StaffSummary, load_card};
use crate::service::quality::round::{Round, Sampled};

/// A dip-sample audit round and the records it drew.
pub struct AuditRound(pub Round);

#[Object]
impl AuditRound {
    /// Round id.
    async fn id(&self) -> Uuid {
        self.0.round.id
    }

    /// What the auditor called it.
    async fn title(&self) -> &str {
        &self.0.round.title
    }

    /// The first day of the period sampled.
    async fn period_from(&self) -> NaiveDate {
        self.0.round.period_from
    }

    /// The last day of the period sampled.
    async fn period_to(&self) -> NaiveDate {
        self.0.round.period_to
    }

    /// The units sampled (each with everything below it); empty for the
    /// whole organisation or a senior manager's whole scope.
    async fn unit_ids(&self) -> Vec<Uuid> {
        serde_json::from_str(&self.0.round.unit_ids).unwrap_or_default()
    }

    /// The kinds of supervision sampled.
    async fn kinds(&self) -> Vec<SupervisionKind> {
        self.0
            .round
            .kinds
            .split(',')
            .filter_map(|code| SupervisionKind::parse(code).ok())
            .collect()
    }

    /// The seed the sample was drawn with (a 64-bit unsigned number, as
    /// text): with the eligible records in id order, it draws the same
    /// sample again.
    async fn seed(&self) -> String {
        u64::from_ne_bytes(self.0.round.seed.to_ne_bytes()).to_string()
    }

    /// How many records were eligible.
    async fn eligible_count(&self) -> i32 {
        self.0.round.eligible_count
    }

    /// Who drew it.
    async fn drawn_by(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.0.round.drawn_by).await
    }

    /// When.
    async fn drawn_at(&self) -> DateTime<Utc> {
        self.0.round.drawn_at
    }

    /// Until when the records drawn may be read for the audit.
    async fn closes_at(&self) -> DateTime<Utc> {
        self.0.round.closes_at
    }

    /// The records drawn, in draw order.
    async fn records(&self) -> Vec<AuditSample> {
        self.0.records.iter().map(AuditSample::from).collect()
    }
}

/// A record drawn into a round: which, when it was held and its kind. Its
/// content is read through `supervision(id)` under the round's grant, and
/// each read is logged.
#[derive(Debug, Clone, SimpleObject)]
pub struct AuditSample {
    /// 1 for the first drawn.
    pub position: i32,
    /// The record.
    pub supervision_id: Uuid,
    /// When it was held.
    pub held_on: NaiveDate,
    /// Its kind.
    pub kind: SupervisionKind,
}

impl From<&Sampled> for AuditSample {
    fn from(s: &Sampled) -> Self {
        Self {
            position: s.position,
            supervision_id: s.supervision_id,
            held_on: s.held_on,
            kind: s.kind,
        }
    }
}
