//! The annual questionnaire (F8.2).

use async_graphql::{Context, Object, Result};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::entity::org_unit;
use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::questionnaire::{
    QuestionnaireCycle, QuestionnaireGroups, QuestionnaireResults, QuestionnaireSupervisorGroup,
    QuestionnaireUnitGroup,
};
use crate::service::access::ResultsFilter;
use crate::service::quality::questionnaire::{self, results};

/// Queries about the questionnaire.
#[derive(Debug, Default)]
pub struct QuestionnaireQuery;

#[Object(guard = "SignedIn")]
impl QuestionnaireQuery {
    /// The questionnaires open today that I was invited to and have not
    /// answered.
    async fn my_questionnaires(&self, ctx: &Context<'_>) -> Result<Vec<QuestionnaireCycle>> {
        Ok(questionnaire::waiting_for(ctx.db()?, ctx.viewer()?)
            .await?
            .into_iter()
            .map(QuestionnaireCycle)
            .collect())
    }

    /// The organisation's questionnaire cycles, newest first: for those who
    /// run them or may read some results (auditors, system administrators,
    /// senior managers, supervisors); empty for anyone else.
    async fn questionnaire_cycles(&self, ctx: &Context<'_>) -> Result<Vec<QuestionnaireCycle>> {
        Ok(questionnaire::cycles(ctx.db()?, ctx.viewer()?)
            .await?
            .into_iter()
            .map(QuestionnaireCycle)
            .collect())
    }

    /// A cycle's results for a group: everyone (no filter), a unit with
    /// everything below it, a supervisor's supervisees, or both. Auditors
    /// read any group, senior managers the organisation and groups within
    /// their scope, a supervisor their own; NOT_FOUND otherwise. Shown only
    /// once the cycle has closed, and only for groups that neither have
    /// fewer than its threshold of people nor, set against any other group
    /// shown, would single out fewer.
    async fn questionnaire_results(
        &self,
        ctx: &Context<'_>,
        cycle_id: Uuid,
        unit_id: Option<Uuid>,
        supervisor_id: Option<Uuid>,
    ) -> Result<QuestionnaireResults> {
        let _turn = ctx.heavy_reports()?.turn().await?;
        let filter = ResultsFilter {
            unit: unit_id,
            supervisor: supervisor_id,
        };
        Ok(QuestionnaireResults(
            results::results(
                ctx.db()?,
                ctx.viewer()?,
                cycle_id,
                filter,
                ctx.data::<results::Disclosures>()?,
            )
            .await?,
        ))
    }

    /// The units and supervisors of a closed cycle whose results I may
    /// open, each with enough answers to be shown; empty while it is open.
    async fn questionnaire_groups(
        &self,
        ctx: &Context<'_>,
        cycle_id: Uuid,
    ) -> Result<QuestionnaireGroups> {
        let db = ctx.db()?;
        let viewer = ctx.viewer()?;
        let _turn = ctx.heavy_reports()?.turn().await?;
        let groups =
            results::shown_groups(db, viewer, cycle_id, ctx.data::<results::Disclosures>()?)
                .await?;
        let ids: Vec<Uuid> = groups.units.iter().map(|g| g.id).collect();
        let names: std::collections::HashMap<Uuid, String> = org_unit::Entity::find()
            .filter(org_unit::Column::OrganisationId.eq(viewer.organisation_id))
            .filter(org_unit::Column::Id.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect();
        Ok(QuestionnaireGroups {
            units: groups
                .units
                .into_iter()
                .map(|g| QuestionnaireUnitGroup {
                    unit_id: g.id,
                    name: names.get(&g.id).cloned().unwrap_or_default(),
                    answered: g.answered as u64,
                })
                .collect(),
            supervisors: groups
                .supervisors
                .into_iter()
                .map(|g| QuestionnaireSupervisorGroup {
                    supervisor_id: g.id,
                    answered: g.answered as u64,
                })
                .collect(),
        })
    }
}
