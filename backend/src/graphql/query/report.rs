//! Team compliance for senior managers (F5.6): any unit within their scope,
//! its children for drill-down, its people, and the trend over the last 12
//! month-ends. A unit may be the whole organisation, so each report waits
//! for a turn among the few computed at once (`BUSY` after a short wait).

use async_graphql::{Context, Object, Result};
use chrono::NaiveDate;
use supervision_shared::compliance::end_of_month;
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::compliance::ComplianceStanding;
use crate::graphql::object::report::{
    CaseFigures, LateSharing, PersonCompliance, TeamCompliance, TrendPoint, UnitFigures,
};
use crate::service::compliance::report::{self, Figures};
use crate::service::compliance::team::{People, UnitLine, team_report};

/// Queries for compliance reports.
#[derive(Debug, Default)]
pub struct ReportQuery;

#[Object(guard = "SignedIn")]
impl ReportQuery {
    /// The units whose compliance I oversee (the tops of my scope).
    async fn my_report_units(&self, ctx: &Context<'_>) -> Result<Vec<UnitFigures>> {
        let viewer = ctx.viewer()?;
        let roots = crate::service::access::scope_roots(ctx.db()?, viewer).await?;
        Ok(roots
            .into_iter()
            .map(|u| UnitFigures::new(u.id, u.name, Figures::default()))
            .collect())
    }

    /// A unit's compliance as at a date (default: the end of this month).
    /// Units outside my scope are not found.
    async fn team_compliance(
        &self,
        ctx: &Context<'_>,
        unit_id: Uuid,
        as_at: Option<NaiveDate>,
    ) -> Result<TeamCompliance> {
        let viewer = ctx.viewer()?;
        let as_at = as_at.unwrap_or_else(|| end_of_month(viewer.today()));
        let _turn = ctx.heavy_reports()?.turn().await?;
        let db = ctx.db()?;
        let scope = crate::service::access::ReportingScope::of_viewer(db, viewer).await?;
        let report = team_report(db, &scope, unit_id, as_at, People::InTheUnit).await?;
        let figures = |line: UnitLine| UnitFigures::new(line.id, line.name, line.figures);
        Ok(TeamCompliance {
            as_at,
            unit: figures(report.unit),
            children: report.children.into_iter().map(figures).collect(),
            people: report
                .people
                .into_iter()
                .map(|line| PersonCompliance {
                    staff: line.card.into(),
                    standings: line
                        .report
                        .standings
                        .into_iter()
                        .map(|s| ComplianceStanding::new(s, as_at, viewer.today()))
                        .collect(),
                })
                .collect(),
        })
    }

    /// Late sharing (F4.3) for a unit and each of its children, in the year
    /// to a date (default: the end of this month). Units outside my scope
    /// are not found.
    async fn late_sharing(
        &self,
        ctx: &Context<'_>,
        unit_id: Uuid,
        as_at: Option<NaiveDate>,
    ) -> Result<Vec<LateSharing>> {
        let db = ctx.db()?;
        let viewer = ctx.viewer()?;
        let as_at = as_at.unwrap_or_else(|| end_of_month(viewer.today()));
        let _turn = ctx.heavy_reports()?.turn().await?;
        let (unit, children) = crate::service::access::unit_in_scope(db, viewer, unit_id, as_at)
            .await?
            .top_and_children();
        let by_unit = report::late_sharing_by_unit(db, viewer.organisation_id, as_at).await?;
        Ok(std::iter::once(unit)
            .chain(children)
            .map(|u| LateSharing::of_subtree(u.unit.id, u.unit.name, &u.subtree, &by_unit))
            .collect())
    }

    /// Open cases and cases overdue for discussion (F3.7) for a unit and
    /// each of its children, as at a date (default: today). Units outside
    /// my scope are not found.
    async fn case_discussions(
        &self,
        ctx: &Context<'_>,
        unit_id: Uuid,
        as_at: Option<NaiveDate>,
    ) -> Result<Vec<CaseFigures>> {
        let db = ctx.db()?;
        let viewer = ctx.viewer()?;
        let as_at = as_at.unwrap_or_else(|| viewer.today());
        let _turn = ctx.heavy_reports()?.turn().await?;
        let (unit, children) = crate::service::access::unit_in_scope(db, viewer, unit_id, as_at)
            .await?
            .top_and_children();
        let by_unit =
            crate::service::case::open_and_overdue_by_unit(db, viewer.organisation_id, as_at)
                .await?;
        Ok(std::iter::once(unit)
            .chain(children)
            .map(|u| CaseFigures::of_subtree(u.unit.id, u.unit.name, &u.subtree, &by_unit))
            .collect())
    }

    /// A unit's figures at each of the last 12 month-ends, oldest first.
    async fn compliance_trend(&self, ctx: &Context<'_>, unit_id: Uuid) -> Result<Vec<TrendPoint>> {
        let _turn = ctx.heavy_reports()?.turn().await?;
        let (unit, points) =
            crate::service::compliance::team::trend(ctx.db()?, ctx.viewer()?, unit_id).await?;
        Ok(points
            .into_iter()
            .map(|(as_at, figures)| TrendPoint {
                as_at,
                figures: UnitFigures::new(unit.unit.id, unit.unit.name.clone(), figures),
            })
            .collect())
    }
}
