//! The annual questionnaire as the API shows it (F8.2): its cycles and
//! questions, and results only ever added up for a group.

use async_graphql::{Context, Enum, Object, Result, SimpleObject};
use chrono::NaiveDate;
use supervision_shared::quality::questionnaire::{Question, QuestionKind};
use uuid::Uuid;

use crate::entity::questionnaire_cycle;
use crate::graphql::context::ContextExt;
use crate::graphql::object::staff::{StaffSummary, load_card};
use crate::service::quality::questionnaire::{self, results};

/// A cycle of the annual supervision questionnaire.
#[derive(Debug, Clone)]
pub struct QuestionnaireCycle(pub questionnaire_cycle::Model);

#[Object]
impl QuestionnaireCycle {
    /// Its id.
    async fn id(&self) -> Uuid {
        self.0.id
    }

    /// What it is called.
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// The day invitations went out.
    async fn opens_on(&self) -> NaiveDate {
        self.0.opens_on
    }

    /// The last day answers are taken.
    async fn closes_on(&self) -> NaiveDate {
        self.0.closes_on
    }

    /// The day it was closed early, if it was.
    async fn closed_on(&self) -> Option<NaiveDate> {
        self.0.closed_on
    }

    /// Whether it takes answers today.
    async fn open(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(questionnaire::is_open(&self.0, ctx.viewer()?.today()))
    }

    /// Results are shown only for groups of at least this many people.
    async fn threshold(&self) -> i32 {
        self.0.threshold
    }

    /// Its questions, in order.
    async fn questions(&self) -> Result<Vec<QuestionnaireQuestion>> {
        Ok(questionnaire::questions_of(&self.0)?
            .into_iter()
            .map(QuestionnaireQuestion::from)
            .collect())
    }

    /// How many were invited and how many have answered: for those who run
    /// questionnaires (auditors, system administrators); none for others.
    async fn participation(&self, ctx: &Context<'_>) -> Result<Option<QuestionnaireParticipation>> {
        Ok(
            questionnaire::participation(ctx.db()?, ctx.viewer()?, self.0.id)
                .await?
                .map(|p| QuestionnaireParticipation {
                    invited: p.invited,
                    answered: p.answered,
                }),
        )
    }
}

/// One question of a cycle.
#[derive(Debug, Clone, SimpleObject)]
pub struct QuestionnaireQuestion {
    /// Its key: answers name it.
    pub key: String,
    /// The question.
    pub text: String,
    /// How it is answered.
    pub kind: QuestionKind,
    /// A choice's options, in order (an answer gives the index).
    pub options: Vec<String>,
}

impl From<Question> for QuestionnaireQuestion {
    fn from(q: Question) -> Self {
        Self {
            key: q.key,
            text: q.text,
            kind: q.kind,
            options: q.options,
        }
    }
}

/// How many were invited to a cycle, and how many have answered.
#[derive(Debug, Clone, SimpleObject)]
pub struct QuestionnaireParticipation {
    /// Invited.
    pub invited: u64,
    /// Answered.
    pub answered: u64,
}

/// Why results are not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum ResultsHidden {
    /// The questionnaire is still open: results come once it closes.
    StillOpen,
    /// Too few answered in this group, or showing it would let someone work
    /// out the answers of fewer than the threshold of people.
    TooFew,
}

/// A group's results: never one person's answers.
#[derive(Debug, Clone)]
pub struct QuestionnaireResults(pub results::GroupResults);

#[Object]
impl QuestionnaireResults {
    /// The cycle.
    async fn cycle(&self) -> QuestionnaireCycle {
        QuestionnaireCycle(self.0.cycle.clone())
    }

    /// The unit asked for (with everything below it), if one was.
    async fn unit_id(&self) -> Option<Uuid> {
        self.0.filter.unit
    }

    /// The supervisor asked for, if one was.
    async fn supervisor(&self, ctx: &Context<'_>) -> Result<Option<StaffSummary>> {
        match self.0.filter.supervisor {
            Some(id) => Ok(Some(load_card(ctx, id).await?)),
            None => Ok(None),
        }
    }

    /// How many in the group answered; none when hidden.
    async fn answered(&self) -> Option<u64> {
        self.0.answered.map(|n| n as u64)
    }

    /// Why nothing is shown; none when the results are shown.
    async fn hidden(&self) -> Option<ResultsHidden> {
        self.0.hidden.map(|h| match h {
            results::Hidden::StillOpen => ResultsHidden::StillOpen,
            results::Hidden::TooFew => ResultsHidden::TooFew,
        })
    }

    /// Each question's answers added up, in order; empty when hidden.
    async fn questions(&self) -> Vec<QuestionResults> {
        self.0
            .totals
            .iter()
            .filter_map(|totals| {
                let question = self.0.questions.iter().find(|q| q.key == totals.question)?;
                Some(QuestionResults {
                    key: question.key.clone(),
                    text: question.text.clone(),
                    kind: question.kind,
                    options: question
                        .options
                        .iter()
                        .zip(&totals.counts)
                        .map(|(label, count)| OptionCount {
                            label: label.clone(),
                            count: *count,
                        })
                        .collect(),
                    comments: totals.comments.clone(),
                })
            })
            .collect()
    }
}

/// One question's answers, added up.
#[derive(Debug, Clone, SimpleObject)]
pub struct QuestionResults {
    /// The question's key.
    pub key: String,
    /// The question.
    pub text: String,
    /// How it was answered.
    pub kind: QuestionKind,
    /// For a choice: how many chose each option.
    pub options: Vec<OptionCount>,
    /// For a written answer: what was written, in alphabetical order.
    pub comments: Vec<String>,
}

/// How many chose one option.
#[derive(Debug, Clone, SimpleObject)]
pub struct OptionCount {
    /// The option.
    pub label: String,
    /// How many chose it.
    pub count: u32,
}

/// A unit whose results may be opened.
#[derive(Debug, Clone, SimpleObject)]
pub struct QuestionnaireUnitGroup {
    /// The unit.
    pub unit_id: Uuid,
    /// Its name.
    pub name: String,
    /// How many answered in it (with everything below it).
    pub answered: u64,
}

/// A supervisor whose supervisees' results may be opened.
#[derive(Debug, Clone)]
pub struct QuestionnaireSupervisorGroup {
    /// The supervisor.
    pub supervisor_id: Uuid,
    /// How many of their supervisees answered.
    pub answered: u64,
}

#[Object]
impl QuestionnaireSupervisorGroup {
    /// The supervisor.
    async fn supervisor(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.supervisor_id).await
    }

    /// How many of their supervisees answered.
    async fn answered(&self) -> u64 {
        self.answered
    }
}

/// The groups of a closed cycle whose results the viewer may open.
#[derive(Debug, Clone, SimpleObject)]
pub struct QuestionnaireGroups {
    /// Units, largest first.
    pub units: Vec<QuestionnaireUnitGroup>,
    /// Supervisors, largest first.
    pub supervisors: Vec<QuestionnaireSupervisorGroup>,
}
