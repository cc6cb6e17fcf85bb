//! Running and answering the annual questionnaire (F8.2).

use async_graphql::{Context, InputObject, Object, Result};
use chrono::NaiveDate;
use supervision_shared::quality::questionnaire::{AnswerDraft, DEFAULT_THRESHOLD, QuestionDraft};
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::questionnaire::QuestionnaireCycle;
use crate::service::quality::questionnaire::{self, CycleRequest};

/// A questionnaire cycle to start.
#[derive(Debug, Clone, InputObject)]
pub struct QuestionnaireInput {
    /// E.g. "Supervision questionnaire 2026".
    pub title: String,
    /// The last day answers are taken: tomorrow at the earliest, within 90
    /// days.
    pub closes_on: Option<NaiveDate>,
    /// Results only for groups of at least this many people: 5 unless
    /// given, never below 3.
    #[graphql(default_with = "DEFAULT_THRESHOLD")]
    pub threshold: u32,
    /// The questions, in order.
    pub questions: Vec<QuestionDraft>,
}

/// Mutations of the questionnaire.
#[derive(Debug, Default)]
pub struct QuestionnaireMutation;

#[Object(guard = "SignedIn")]
impl QuestionnaireMutation {
    /// Starts a questionnaire cycle today (auditors and system
    /// administrators): everyone with a line manager or a clinical
    /// supervisor today is invited by email, and reminded once a week
    /// before it closes. One cycle is open at a time (CONFLICT). Audited.
    async fn start_questionnaire(
        &self,
        ctx: &Context<'_>,
        questionnaire: QuestionnaireInput,
    ) -> Result<QuestionnaireCycle> {
        let request = CycleRequest {
            title: questionnaire.title,
            closes_on: questionnaire.closes_on,
            threshold: questionnaire.threshold,
            questions: questionnaire.questions,
        };
        Ok(QuestionnaireCycle(
            questionnaire::start(ctx.db()?, ctx.links()?, ctx.viewer()?, request).await?,
        ))
    }

    /// Closes an open questionnaire today, before its closing day; its
    /// results can then be read. Audited.
    async fn close_questionnaire(&self, ctx: &Context<'_>, id: Uuid) -> Result<QuestionnaireCycle> {
        Ok(QuestionnaireCycle(
            questionnaire::close(ctx.db()?, ctx.viewer()?, id).await?,
        ))
    }

    /// Sends my answers to a questionnaire I was invited to: once, while it
    /// is open. They are kept with no name on them. Returns true.
    async fn answer_questionnaire(
        &self,
        ctx: &Context<'_>,
        cycle_id: Uuid,
        answers: Vec<AnswerDraft>,
    ) -> Result<bool> {
        questionnaire::answer(ctx.db()?, ctx.viewer()?, cycle_id, &answers).await?;
        Ok(true)
    }
}
