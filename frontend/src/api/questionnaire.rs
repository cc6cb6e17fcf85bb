//! The annual supervision questionnaire (F8.2): the ones waiting for the
//! signed-in person, answering one, running cycles, and reading results,
//! which the server only ever sends added up.

use chrono::NaiveDate;
use serde::Deserialize;
use supervision_shared::quality::questionnaire::{AnswerDraft, QuestionDraft, QuestionKind};
use uuid::Uuid;

use super::staff::StaffSummary;
use super::{ApiError, graphql};

/// A question of a cycle.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Question {
    /// Its key: answers name it.
    pub key: String,
    /// The question.
    pub text: String,
    /// How it is answered.
    pub kind: QuestionKind,
    /// A choice's options.
    pub options: Vec<String>,
}

/// How many were invited and have answered (organisers only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct Participation {
    /// Invited.
    pub invited: u64,
    /// Answered.
    pub answered: u64,
}

/// A questionnaire cycle.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Cycle {
    /// Its id.
    pub id: Uuid,
    /// What it is called.
    pub title: String,
    /// The day it opened.
    pub opens_on: NaiveDate,
    /// The last day answers are taken.
    pub closes_on: NaiveDate,
    /// The day it was closed early, if it was.
    pub closed_on: Option<NaiveDate>,
    /// Whether it takes answers today.
    pub open: bool,
    /// Results only for groups of at least this many.
    pub threshold: u32,
    /// Its questions.
    #[serde(default)]
    pub questions: Vec<Question>,
    /// For organisers.
    #[serde(default)]
    pub participation: Option<Participation>,
}

/// Why results are not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Hidden {
    /// Still open.
    StillOpen,
    /// Too few, or would single out too few.
    TooFew,
}

/// How many chose one option.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct OptionCount {
    /// The option.
    pub label: String,
    /// How many chose it.
    pub count: u32,
}

/// One question's answers, added up.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionResults {
    /// The question.
    pub text: String,
    /// How it was answered.
    pub kind: QuestionKind,
    /// For a choice.
    pub options: Vec<OptionCount>,
    /// For a written answer.
    pub comments: Vec<String>,
}

/// A group's results.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Results {
    /// The cycle.
    pub cycle: Cycle,
    /// How many in the group answered; none when hidden.
    pub answered: Option<u64>,
    /// Why nothing is shown.
    pub hidden: Option<Hidden>,
    /// Per question.
    pub questions: Vec<QuestionResults>,
}

/// A unit whose results may be opened.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitGroup {
    /// The unit.
    pub unit_id: Uuid,
    /// Its name.
    pub name: String,
    /// How many answered.
    pub answered: u64,
}

/// A supervisor whose supervisees' results may be opened.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SupervisorGroup {
    /// The supervisor.
    pub supervisor: StaffSummary,
    /// How many answered.
    pub answered: u64,
}

/// The groups of a closed cycle the person may open.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct Groups {
    /// Units, largest first.
    pub units: Vec<UnitGroup>,
    /// Supervisors, largest first.
    pub supervisors: Vec<SupervisorGroup>,
}

const CYCLE_FIELDS: &str = "id title opensOn closesOn closedOn open threshold";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MineData {
    my_questionnaires: Vec<Cycle>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CyclesData {
    questionnaire_cycles: Vec<Cycle>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StartData {
    start_questionnaire: Cycle,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CloseData {
    close_questionnaire: Cycle,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ResultsData {
    questionnaire_results: Results,
    questionnaire_groups: Groups,
}

/// The questionnaires waiting for the person's answers, with their
/// questions.
pub async fn my_questionnaires() -> Result<Vec<Cycle>, ApiError> {
    let query = format!(
        "query MyQuestionnaires {{ myQuestionnaires {{ {CYCLE_FIELDS} questions {{ key text kind options }} }} }}"
    );
    let data: MineData = graphql(&query, serde_json::json!({})).await?;
    Ok(data.my_questionnaires)
}

/// Sends the person's answers.
pub async fn answer_questionnaire(cycle: Uuid, answers: &[AnswerDraft]) -> Result<(), ApiError> {
    let _: serde_json::Value = graphql(
        "mutation AnswerQuestionnaire($c: UUID!, $a: [QuestionnaireAnswerInput!]!) { \
         answerQuestionnaire(cycleId: $c, answers: $a) }",
        serde_json::json!({ "c": cycle, "a": answers }),
    )
    .await?;
    Ok(())
}

/// The organisation's cycles the person may know of, newest first.
pub async fn questionnaire_cycles() -> Result<Vec<Cycle>, ApiError> {
    let query = format!(
        "query QuestionnaireCycles {{ questionnaireCycles {{ {CYCLE_FIELDS} participation {{ invited answered }} }} }}"
    );
    let data: CyclesData = graphql(&query, serde_json::json!({})).await?;
    Ok(data.questionnaire_cycles)
}

/// Starts a cycle today.
pub async fn start_questionnaire(
    title: &str,
    closes_on: Option<NaiveDate>,
    threshold: u32,
    questions: &[QuestionDraft],
) -> Result<Cycle, ApiError> {
    let query = format!(
        "mutation StartQuestionnaire($q: QuestionnaireInput!) {{ startQuestionnaire(questionnaire: $q) {{ {CYCLE_FIELDS} }} }}"
    );
    let data: StartData = graphql(
        &query,
        serde_json::json!({ "q": {
            "title": title, "closesOn": closes_on, "threshold": threshold, "questions": questions,
        } }),
    )
    .await?;
    Ok(data.start_questionnaire)
}

/// Closes an open cycle today.
pub async fn close_questionnaire(id: Uuid) -> Result<Cycle, ApiError> {
    let query = format!(
        "mutation CloseQuestionnaire($id: UUID!) {{ closeQuestionnaire(id: $id) {{ {CYCLE_FIELDS} }} }}"
    );
    let data: CloseData = graphql(&query, serde_json::json!({ "id": id })).await?;
    Ok(data.close_questionnaire)
}

/// A group's results, and the groups the person may open.
pub async fn questionnaire_results(
    cycle: Uuid,
    unit: Option<Uuid>,
    supervisor: Option<Uuid>,
) -> Result<(Results, Groups), ApiError> {
    let query = format!(
        "query QuestionnaireResults($c: UUID!, $u: UUID, $s: UUID) {{ \
         questionnaireResults(cycleId: $c, unitId: $u, supervisorId: $s) {{ \
         cycle {{ {CYCLE_FIELDS} }} answered hidden questions {{ text kind options {{ label count }} comments }} }} \
         questionnaireGroups(cycleId: $c) {{ units {{ unitId name answered }} \
         supervisors {{ supervisor {{ id name jobTitle teamName }} answered }} }} }}"
    );
    let data: ResultsData = graphql(
        &query,
        serde_json::json!({ "c": cycle, "u": unit, "s": supervisor }),
    )
    .await?;
    Ok((data.questionnaire_results, data.questionnaire_groups))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_read_as_the_api_sends_them() {
        let Ok(data) = serde_json::from_str::<ResultsData>(
            r#"{"questionnaireResults":{"cycle":{"id":"00000000-0000-0000-0000-000000000001",
              "title":"Supervision questionnaire 2025","opensOn":"2025-11-20","closesOn":"2025-12-25",
              "closedOn":null,"open":false,"threshold":5},
              "answered":null,"hidden":"TOO_FEW","questions":[]},
              "questionnaireGroups":{"units":[{"unitId":"00000000-0000-0000-0000-000000000002",
              "name":"Community Nursing","answered":12}],"supervisors":[]}}"#,
        ) else {
            panic!("the example response should parse");
        };
        assert_eq!(data.questionnaire_results.hidden, Some(Hidden::TooFew));
        assert_eq!(data.questionnaire_groups.units[0].answered, 12);
        assert!(data.questionnaire_results.cycle.questions.is_empty());
    }
}
