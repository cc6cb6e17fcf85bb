//! The annual supervision questionnaire (F8.2): York sends "an annual
//! Questionnaire to staff about their perception of the quality of their
//! supervision"; Cumbria's one-to-one supervision feedback form is its
//! model. The organisation sets the questions; each supervisee answers
//! once per cycle; answers are only ever shown added up, for groups of at
//! least the threshold of people ([`super::publishable`]).

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{FieldError, coded_enum};

/// Results are shown for groups of at least this many people unless the
/// organisation sets more.
pub const DEFAULT_THRESHOLD: u32 = 5;
/// The smallest threshold an organisation may set: fewer, and one person
/// could tell a colleague's answers from their own.
pub const LOWEST_THRESHOLD: u32 = 3;
/// The largest threshold.
pub const HIGHEST_THRESHOLD: u32 = 50;
/// The longest a cycle stays open.
pub const LONGEST_OPEN_DAYS: u64 = 90;
/// Questions in one questionnaire: a few minutes on a phone.
pub const MOST_QUESTIONS: usize = 20;
/// The longest question.
pub const QUESTION_MAX_CHARS: usize = 300;
/// The longest option of a choice.
pub const OPTION_MAX_CHARS: usize = 100;
/// Options of one choice question.
pub const OPTIONS_RANGE: std::ops::RangeInclusive<usize> = 2..=7;
/// The longest written answer.
pub const ANSWER_MAX_CHARS: usize = 2_000;
/// How many days before a cycle closes those who have not answered are
/// reminded (once).
pub const REMINDER_DAYS_BEFORE_CLOSE: u64 = 7;

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[cfg_attr(feature = "server", graphql(name = "QuestionKind"))]
pub enum QuestionKind {
    /// One of the question's options; an answer is required.
    Choice,
    /// In the person's own words; optional.
    Text,
}

coded_enum!(QuestionKind, "question kind", {
    Choice => ("choice", "Choose one"),
    Text => ("text", "Written answer"),
});

/// A question as the organisation writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "server", graphql(name = "QuestionnaireQuestionInput"))]
pub struct QuestionDraft {
    /// The question.
    pub text: String,
    /// How it is answered.
    pub kind: QuestionKind,
    /// The options of a choice, in the order shown; none for a written
    /// answer.
    #[cfg_attr(feature = "server", graphql(default))]
    #[serde(default)]
    pub options: Vec<String>,
}

/// A question of a cycle, as kept with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Question {
    /// Its key within the cycle (`q1`, `q2`, …): answers name it.
    pub key: String,
    /// The question.
    pub text: String,
    /// How it is answered.
    pub kind: QuestionKind,
    /// The options of a choice.
    pub options: Vec<String>,
}

fn agreement(text: &str) -> QuestionDraft {
    QuestionDraft {
        text: text.to_owned(),
        kind: QuestionKind::Choice,
        options: [
            "Strongly agree",
            "Agree",
            "Neither agree nor disagree",
            "Disagree",
            "Strongly disagree",
        ]
        .map(str::to_owned)
        .to_vec(),
    }
}

/// The questions an organisation starts from: Cumbria's one-to-one
/// supervision feedback form and York's annual questionnaire, covering
/// how often supervision happens, whether it is reflective, whether
/// actions are followed up, wellbeing, an overall rating and the person's
/// own words.
pub fn default_questions() -> Vec<QuestionDraft> {
    vec![
        QuestionDraft {
            text: "How often have you had supervision in the last year?".into(),
            kind: QuestionKind::Choice,
            options: [
                "As often as my agreement says",
                "Most of the times it was due",
                "Less often than it was due",
                "Rarely or never",
            ]
            .map(str::to_owned)
            .to_vec(),
        },
        agreement("Supervision gives me time to reflect on my practice."),
        agreement("Actions agreed in supervision are followed up."),
        agreement("My wellbeing and workload are talked about in supervision."),
        QuestionDraft {
            text: "Overall, how would you rate the supervision you receive?".into(),
            kind: QuestionKind::Choice,
            options: ["Excellent", "Good", "Adequate", "Poor", "Very poor"]
                .map(str::to_owned)
                .to_vec(),
        },
        QuestionDraft {
            text: "Is there anything else you would like to say about your supervision?".into(),
            kind: QuestionKind::Text,
            options: Vec::new(),
        },
    ]
}

/// Checks a questionnaire's questions and gives each its key. Errors name
/// `questions.<n>.text` or `questions.<n>.options` (n from 1).
pub fn check_questions(drafts: &[QuestionDraft]) -> Result<Vec<Question>, Vec<FieldError>> {
    let mut errors = Vec::new();
    if drafts.is_empty() {
        errors.push(FieldError::new("questions", "Ask at least one question."));
    } else if drafts.len() > MOST_QUESTIONS {
        errors.push(FieldError::new(
            "questions",
            format!("Ask at most {MOST_QUESTIONS} questions: it should take a few minutes."),
        ));
    }
    let mut questions = Vec::new();
    for (i, draft) in drafts.iter().enumerate() {
        let n = i + 1;
        let text = draft.text.trim();
        if text.is_empty() {
            errors.push(FieldError::new(
                format!("questions.{n}.text"),
                "Write the question.",
            ));
        } else if text.chars().count() > QUESTION_MAX_CHARS {
            errors.push(FieldError::too_long(
                format!("questions.{n}.text"),
                QUESTION_MAX_CHARS,
            ));
        }
        let options: Vec<String> = draft.options.iter().map(|o| o.trim().to_owned()).collect();
        let field = format!("questions.{n}.options");
        match draft.kind {
            QuestionKind::Text if !options.is_empty() => {
                errors.push(FieldError::new(field, "A written answer has no options."))
            }
            QuestionKind::Choice if !OPTIONS_RANGE.contains(&options.len()) => {
                errors.push(FieldError::new(
                    field,
                    format!(
                        "Give between {} and {} options.",
                        OPTIONS_RANGE.start(),
                        OPTIONS_RANGE.end()
                    ),
                ));
            }
            QuestionKind::Choice
                if options
                    .iter()
                    .any(|o| o.is_empty() || o.chars().count() > OPTION_MAX_CHARS) =>
            {
                errors.push(FieldError::new(
                    field,
                    format!("Each option needs words, at most {OPTION_MAX_CHARS} characters."),
                ));
            }
            QuestionKind::Choice
                if options
                    .iter()
                    .enumerate()
                    .any(|(j, o)| options[..j].contains(o)) =>
            {
                errors.push(FieldError::new(field, "Each option must differ."));
            }
            _ => {}
        }
        questions.push(Question {
            key: format!("q{n}"),
            text: text.to_owned(),
            kind: draft.kind,
            options,
        });
    }
    if errors.is_empty() {
        Ok(questions)
    } else {
        Err(errors)
    }
}

/// Checks what else a cycle needs: a title, a closing day after today and
/// within [`LONGEST_OPEN_DAYS`], and a threshold in range.
pub fn check_cycle(
    title: &str,
    closes_on: Option<NaiveDate>,
    threshold: u32,
    today: NaiveDate,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let title = title.trim();
    if title.is_empty() {
        errors.push(FieldError::new(
            "title",
            "Enter a title for the questionnaire.",
        ));
    } else if title.chars().count() > 200 {
        errors.push(FieldError::too_long("title", 200));
    }
    let latest = today + Days::new(LONGEST_OPEN_DAYS);
    match closes_on {
        None => errors.push(FieldError::new(
            "closesOn",
            "Enter the day the questionnaire closes.",
        )),
        Some(day) if day <= today || day > latest => errors.push(FieldError::new(
            "closesOn",
            format!(
                "The questionnaire must close between tomorrow and {LONGEST_OPEN_DAYS} days from today."
            ),
        )),
        Some(_) => {}
    }
    if !(LOWEST_THRESHOLD..=HIGHEST_THRESHOLD).contains(&threshold) {
        errors.push(FieldError::new(
            "threshold",
            format!(
                "Show results for groups of at least {LOWEST_THRESHOLD} people, and at most {HIGHEST_THRESHOLD}."
            ),
        ));
    }
    errors
}

/// An answer as the person gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "server", graphql(name = "QuestionnaireAnswerInput"))]
pub struct AnswerDraft {
    /// The question's key.
    pub question: String,
    /// For a choice: the option chosen, counting from 0.
    pub choice: Option<u32>,
    /// For a written answer: the words (may be empty).
    #[cfg_attr(feature = "server", graphql(default))]
    #[serde(default)]
    pub text: String,
}

/// An answer as kept: with no trace of who gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// The question's key.
    #[serde(rename = "q")]
    pub question: String,
    /// The option chosen.
    #[serde(rename = "c", default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<u32>,
    /// The words written.
    #[serde(rename = "t", default, skip_serializing_if = "String::is_empty")]
    pub text: String,
}

/// Checks a person's answers against the questions: every choice answered
/// with one of its options, written answers within their length, nothing
/// else. Errors name `answers.<key>`.
pub fn check_answers(
    questions: &[Question],
    drafts: &[AnswerDraft],
) -> Result<Vec<Answer>, Vec<FieldError>> {
    let mut errors = Vec::new();
    for draft in drafts {
        if !questions.iter().any(|q| q.key == draft.question) {
            errors.push(FieldError::new(
                format!("answers.{}", draft.question),
                "This is not a question of the questionnaire.",
            ));
        }
    }
    let mut answers = Vec::new();
    for (n, question) in questions.iter().enumerate() {
        let n = n + 1;
        let field = format!("answers.{}", question.key);
        let given: Vec<&AnswerDraft> = drafts
            .iter()
            .filter(|d| d.question == question.key)
            .collect();
        let draft = match given.as_slice() {
            [] => None,
            [one] => Some(*one),
            _ => {
                errors.push(FieldError::new(field, format!("Answer question {n} once.")));
                continue;
            }
        };
        match question.kind {
            QuestionKind::Choice => match draft.and_then(|d| d.choice) {
                Some(choice) if (choice as usize) < question.options.len() => {
                    answers.push(Answer {
                        question: question.key.clone(),
                        choice: Some(choice),
                        text: String::new(),
                    });
                }
                Some(_) => errors.push(FieldError::new(
                    field,
                    format!("Choose one of the options of question {n}."),
                )),
                None => errors.push(FieldError::new(
                    field,
                    format!("Choose an answer to question {n}."),
                )),
            },
            QuestionKind::Text => {
                let text = draft.map_or("", |d| d.text.trim());
                if text.chars().count() > ANSWER_MAX_CHARS {
                    errors.push(FieldError::too_long(field, ANSWER_MAX_CHARS));
                } else if !text.is_empty() {
                    answers.push(Answer {
                        question: question.key.clone(),
                        choice: None,
                        text: text.to_owned(),
                    });
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(answers)
    } else {
        Err(errors)
    }
}

/// One question's answers added up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionTotals {
    /// The question's key.
    pub question: String,
    /// For a choice: how many chose each option, in the options' order.
    pub counts: Vec<u32>,
    /// For a written answer: what was written, in alphabetical order (so
    /// the order says nothing of who answered when).
    pub comments: Vec<String>,
}

/// Adds up the answers of a group, question by question.
pub fn totals<'a>(
    questions: &[Question],
    responses: impl IntoIterator<Item = &'a [Answer]>,
) -> Vec<QuestionTotals> {
    let mut totals: Vec<QuestionTotals> = questions
        .iter()
        .map(|q| QuestionTotals {
            question: q.key.clone(),
            counts: vec![0; q.options.len()],
            comments: Vec::new(),
        })
        .collect();
    for answers in responses {
        for answer in answers {
            let Some(i) = questions.iter().position(|q| q.key == answer.question) else {
                continue;
            };
            if let Some(count) = answer
                .choice
                .and_then(|c| totals[i].counts.get_mut(c as usize))
            {
                *count += 1;
            }
            if !answer.text.is_empty() {
                totals[i].comments.push(answer.text.clone());
            }
        }
    }
    for total in &mut totals {
        total.comments.sort();
    }
    totals
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn the_default_questions_pass_their_own_checks() {
        let questions = check_questions(&default_questions()).unwrap_or_default();
        assert_eq!(questions.len(), 6);
        assert_eq!(questions[0].key, "q1");
        assert_eq!(questions[5].kind, QuestionKind::Text);
    }

    #[test]
    fn a_question_without_words_or_with_too_few_options_is_refused() {
        let mut drafts = default_questions();
        drafts[0].text = "  ".into();
        drafts[1].options.truncate(1);
        drafts[2].options[1] = drafts[2].options[0].clone();
        drafts[5].options = vec!["Yes".into()];
        let fields: Vec<String> = check_questions(&drafts)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "questions.1.text",
                "questions.2.options",
                "questions.3.options",
                "questions.6.options"
            ]
        );
        assert_eq!(
            check_questions(&[]).err().unwrap_or_default()[0].field,
            "questions"
        );
    }

    #[test]
    fn a_cycle_closes_within_ninety_days_and_its_threshold_is_never_below_three() {
        let today = day("2026-12-01");
        let fields = |closes: Option<NaiveDate>, threshold| {
            check_cycle("Questionnaire 2026", closes, threshold, today)
                .into_iter()
                .map(|e| e.field)
                .collect::<Vec<_>>()
        };
        assert!(fields(Some(day("2026-12-31")), 5).is_empty());
        assert_eq!(fields(Some(today), 5), ["closesOn"]);
        assert_eq!(fields(Some(day("2027-03-02")), 5), ["closesOn"]);
        assert_eq!(fields(None, 5), ["closesOn"]);
        assert!(fields(Some(day("2026-12-31")), 3).is_empty());
        assert_eq!(fields(Some(day("2026-12-31")), 2), ["threshold"]);
    }

    fn answer(question: &str, choice: Option<u32>, text: &str) -> AnswerDraft {
        AnswerDraft {
            question: question.into(),
            choice,
            text: text.into(),
        }
    }

    #[test]
    fn every_choice_is_answered_and_words_are_optional() {
        let questions = check_questions(&default_questions()).unwrap_or_default();
        let mut drafts: Vec<AnswerDraft> = (1..=5)
            .map(|n| answer(&format!("q{n}"), Some(0), ""))
            .collect();
        let answers = check_answers(&questions, &drafts).unwrap_or_default();
        assert_eq!(answers.len(), 5, "an empty written answer is not kept");
        drafts[1].choice = None;
        drafts[2].choice = Some(5);
        drafts.push(answer("q9", Some(0), ""));
        drafts.push(answer("q6", None, &"x".repeat(ANSWER_MAX_CHARS + 1)));
        let fields: Vec<String> = check_answers(&questions, &drafts)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            ["answers.q9", "answers.q2", "answers.q3", "answers.q6"]
        );
    }

    #[test]
    fn totals_count_each_option_and_sort_the_comments() {
        let questions = check_questions(&default_questions()).unwrap_or_default();
        let first = vec![
            Answer {
                question: "q5".into(),
                choice: Some(1),
                text: String::new(),
            },
            Answer {
                question: "q6".into(),
                choice: None,
                text: "Very helpful".into(),
            },
        ];
        let second = vec![
            Answer {
                question: "q5".into(),
                choice: Some(1),
                text: String::new(),
            },
            Answer {
                question: "q6".into(),
                choice: None,
                text: "More time, please".into(),
            },
        ];
        let totals = totals(&questions, [first.as_slice(), second.as_slice()]);
        assert_eq!(totals[4].counts, [0, 2, 0, 0, 0]);
        assert_eq!(totals[5].comments, ["More time, please", "Very helpful"]);
        let kept = serde_json::to_string(&first).unwrap_or_default();
        assert_eq!(kept, r#"[{"q":"q5","c":1},{"q":"q6","t":"Very helpful"}]"#);
    }
}
