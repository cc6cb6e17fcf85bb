//! The BI schema at `/bi/graphql` (F9.5): its own root, so that a BI token
//! can name no record, note or person's file, only compliance. The types
//! here carry standings, dates, counts and the policy that applied; the
//! test `the_bi_schema_carries_no_content` walks its SDL to keep it so.
//! The same depth and complexity limits as the browser's API.

use async_graphql::{
    Context, EmptyMutation, EmptySubscription, Object, Result, Schema, SimpleObject,
};
use chrono::NaiveDate;
use sea_orm::DatabaseConnection;
use supervision_shared::bi::PAGE_SIZE_MAX;
use supervision_shared::compliance::{Policy, end_of_month};
use supervision_shared::{ComplianceCategory, ComplianceStatus};
use uuid::Uuid;

use crate::error::AppError;
use crate::graphql::context::ContextExt;
use crate::service::bi::{self, BiClient, KindLine, PersonLine, UnitLine};
use crate::service::compliance::report::Figures;

/// The schema type served at `/bi/graphql`.
pub type BiSchema = Schema<BiQuery, EmptyMutation, EmptySubscription>;

/// Builds the BI schema, with the browser API's limits and, in
/// production, no introspection.
pub fn build_bi_schema(
    db: DatabaseConnection,
    heavy_reports: crate::web::limits::HeavyReports,
    production: bool,
) -> BiSchema {
    let builder = Schema::build(BiQuery, EmptyMutation, EmptySubscription)
        .data(db)
        .data(heavy_reports)
        .limit_depth(super::DEPTH_LIMIT)
        .limit_complexity(super::COMPLEXITY_LIMIT)
        .limit_recursive_depth(super::RECURSIVE_DEPTH_LIMIT);
    if production {
        builder
            .disable_introspection()
            .disable_suggestions()
            .finish()
    } else {
        builder.finish()
    }
}

/// The BI schema in SDL, as committed in `bi-schema.graphql`.
pub fn bi_sdl() -> String {
    Schema::build(BiQuery, EmptyMutation, EmptySubscription)
        .finish()
        .sdl()
}

fn client<'c>(ctx: &Context<'c>) -> Result<&'c BiClient> {
    Ok(ctx
        .data_opt::<BiClient>()
        .ok_or(AppError::Unauthenticated)?)
}

/// Everything a BI tool may read.
#[derive(Debug, Default)]
pub struct BiQuery;

#[Object]
impl BiQuery {
    /// A page of people's compliance as at a day (default: the end of this
    /// month, as the team report), per person and kind, in the order of
    /// their ids: everyone employed that day in the token's units and
    /// below. Pass `endCursor` as `after` for the next page.
    async fn compliance(
        &self,
        ctx: &Context<'_>,
        as_at: Option<NaiveDate>,
        #[graphql(default = 1000)] first: i32,
        after: Option<String>,
    ) -> Result<CompliancePage> {
        let client = client(ctx)?;
        let as_at = as_at.unwrap_or_else(|| end_of_month(client.today));
        let count = usize::try_from(first)
            .ok()
            .filter(|n| (1..=PAGE_SIZE_MAX as usize).contains(n))
            .ok_or_else(|| {
                AppError::invalid(
                    "first",
                    &format!("Ask for 1 to {PAGE_SIZE_MAX} people a page."),
                )
            })?;
        let after = match after {
            Some(cursor) => Some(cursor.parse::<Uuid>().map_err(|_| {
                AppError::invalid("after", "Pass the endCursor of the page before.")
            })?),
            None => None,
        };
        let _turn = ctx.heavy_reports()?.turn().await?;
        let page = bi::compliance_page(ctx.db()?, client, as_at, after, count).await?;
        Ok(CompliancePage {
            as_at: page.as_at,
            has_next_page: page.next_after.is_some(),
            end_cursor: page.next_after.map(|id| id.to_string()),
            people: page.people.into_iter().map(PersonStanding::from).collect(),
        })
    }

    /// Each unit the token reaches, with the figures of everyone in it and
    /// below it as at a day (default: the end of this month): the team
    /// report's figures, unit by unit.
    async fn unit_compliance(
        &self,
        ctx: &Context<'_>,
        as_at: Option<NaiveDate>,
    ) -> Result<UnitReport> {
        let client = client(ctx)?;
        let as_at = as_at.unwrap_or_else(|| end_of_month(client.today));
        let _turn = ctx.heavy_reports()?.turn().await?;
        let units = bi::unit_figures(ctx.db()?, client, as_at).await?;
        Ok(UnitReport {
            as_at,
            units: units.into_iter().map(UnitCompliance::from).collect(),
        })
    }
}

/// A page of people.
#[derive(Debug, SimpleObject)]
pub struct CompliancePage {
    /// The day judged.
    pub as_at: NaiveDate,
    /// The people on this page.
    pub people: Vec<PersonStanding>,
    /// Whether another page follows.
    pub has_next_page: bool,
    /// Pass as `after` for the next page (none on the last).
    pub end_cursor: Option<String>,
}

/// One person's compliance.
#[derive(Debug, SimpleObject)]
pub struct PersonStanding {
    /// Their id here.
    pub staff_id: Uuid,
    /// Their name.
    pub name: String,
    /// The HR system's employee number.
    pub employee_number: String,
    /// Their job title.
    pub job_title: String,
    /// Their profession.
    pub profession: String,
    /// Their unit.
    pub unit_id: Uuid,
    /// Their unit's name.
    pub unit_name: String,
    /// The units from the top of the organisation down to theirs.
    pub unit_path: Vec<String>,
    /// On the newly qualified schedule.
    pub newly_qualified: bool,
    /// On probation (induction).
    pub probation: bool,
    /// Holds a caseload (case supervision is required).
    pub holds_caseload: bool,
    /// The policy that applied to them on the day judged.
    pub policy: Policy,
    /// Clinical, management and case, in that order.
    pub kinds: Vec<KindStanding>,
}

impl From<PersonLine> for PersonStanding {
    fn from(line: PersonLine) -> Self {
        Self {
            staff_id: line.card.id,
            name: line.card.name,
            employee_number: line.card.employee_number,
            job_title: line.card.job_title,
            profession: line.profession,
            unit_id: line.unit_id,
            unit_name: line.card.team_name,
            unit_path: line.unit_path,
            newly_qualified: line.newly_qualified,
            probation: line.probation,
            holds_caseload: line.holds_caseload,
            policy: line.policy,
            kinds: line.kinds.into_iter().map(KindStanding::from).collect(),
        }
    }
}

/// One kind of supervision for one person.
#[derive(Debug, SimpleObject)]
pub struct KindStanding {
    /// Clinical, management or case.
    pub kind: ComplianceCategory,
    /// Whether it is asked of them (case supervision only with a caseload).
    pub required: bool,
    /// Their last formal supervision of this kind on or before the day.
    pub last_formal: Option<NaiveDate>,
    /// When the next is due.
    pub next_due: Option<NaiveDate>,
    /// Where they stand, as told today.
    pub status: ComplianceStatus,
    /// The days between sessions that applied.
    pub interval_days: u32,
    /// Whether a schedule (newly qualified, induction) set that interval.
    pub on_schedule: bool,
}

impl From<KindLine> for KindStanding {
    fn from(line: KindLine) -> Self {
        let s = line.standing;
        Self {
            kind: s.category,
            required: s.status != ComplianceStatus::NotApplicable,
            last_formal: s.last,
            next_due: s.next_due,
            status: s.status,
            interval_days: line.interval_days,
            on_schedule: line.on_schedule,
        }
    }
}

/// Every unit's figures.
#[derive(Debug, SimpleObject)]
pub struct UnitReport {
    /// The day judged.
    pub as_at: NaiveDate,
    /// The units the token reaches, top down.
    pub units: Vec<UnitCompliance>,
}

/// A unit with everything below it.
#[derive(Debug, SimpleObject)]
pub struct UnitCompliance {
    /// The unit.
    pub unit_id: Uuid,
    /// Its name.
    pub name: String,
    /// The unit above it.
    pub parent_id: Option<Uuid>,
    /// The units from the top of the organisation down to it.
    pub path: Vec<String>,
    /// People counted.
    pub people: u32,
    /// Clinical supervision.
    pub clinical: KindFigures,
    /// Management supervision.
    pub management: KindFigures,
    /// Case supervision.
    pub case: KindFigures,
}

/// How many are asked for a kind, and how many are within their interval.
#[derive(Debug, SimpleObject)]
pub struct KindFigures {
    /// Of whom it is required.
    pub required: u32,
    /// Within their interval (compliant or due soon).
    pub compliant: u32,
    /// Compliant, per cent of those required (none when nobody is).
    pub percent: Option<f64>,
}

impl From<UnitLine> for UnitCompliance {
    fn from(line: UnitLine) -> Self {
        let kind = |figures: &Figures, i: usize| KindFigures {
            required: figures.required[i],
            compliant: figures.compliant[i],
            percent: figures.percent(i),
        };
        Self {
            unit_id: line.id,
            name: line.name,
            parent_id: line.parent_id,
            path: line.path,
            people: line.figures.people,
            clinical: kind(&line.figures, 0),
            management: kind(&line.figures, 1),
            case: kind(&line.figures, 2),
        }
    }
}
