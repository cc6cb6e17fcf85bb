//! Appraisal (PDR) objectives (F8.4): the objectives agreed at a person's
//! appraisal, kept with them, so a supervision's development discussion can
//! name the ones it worked on (York: supervision "links to the appraisal
//! process"; Cumbria: continuing professional development "to ensure that a
//! worker has the relevant skills, knowledge and understanding").

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::FieldError;

/// The longest objective.
pub const OBJECTIVE_MAX_CHARS: usize = 300;

/// An objective as it is written down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "server", graphql(name = "AppraisalObjectiveInput"))]
pub struct ObjectiveDraft {
    /// What the person aims to do, e.g. "Complete the practice educator
    /// course".
    pub title: String,
    /// By when, if the appraisal set a day.
    pub due_on: Option<NaiveDate>,
}

/// Checks an objective: words, within the limit. Its title comes back
/// trimmed.
pub fn check_objective(draft: &ObjectiveDraft) -> Result<ObjectiveDraft, Vec<FieldError>> {
    let title = draft.title.trim();
    if title.is_empty() {
        return Err(vec![FieldError::new(
            "title",
            "Write the objective, as agreed at the appraisal.",
        )]);
    }
    if title.chars().count() > OBJECTIVE_MAX_CHARS {
        return Err(vec![FieldError::too_long("title", OBJECTIVE_MAX_CHARS)]);
    }
    Ok(ObjectiveDraft {
        title: title.to_owned(),
        due_on: draft.due_on,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_objective_needs_words_within_the_limit() {
        let draft = |title: &str| ObjectiveDraft {
            title: title.to_owned(),
            due_on: None,
        };
        assert_eq!(
            check_objective(&draft("  Lead a reflective group  ")).map(|d| d.title),
            Ok("Lead a reflective group".to_owned())
        );
        assert_eq!(
            check_objective(&draft(" ")).err().unwrap_or_default()[0].field,
            "title"
        );
        assert!(check_objective(&draft(&"x".repeat(OBJECTIVE_MAX_CHARS + 1))).is_err());
    }
}
