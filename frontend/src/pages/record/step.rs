//! The record form's steps, one question page each (GOV.UK "one thing per
//! page"), each short enough to fit a phone's screen: who and how, about the
//! session (when, where, the functions covered), what was discussed
//! (experience and reflection), analysis and plan, actions and cases, then
//! check your answers. The step is part of the address (`?step=discussed`), so the
//! browser's back button, a reload and a shared link land where the person
//! was; what they typed is kept per form, not per step.

use supervision_shared::{FieldError, record::NOTHING_DISCUSSED};

/// One page of the record form, ordered as the person meets them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// Kind, approach, mode and the supervisees.
    Who,
    /// Date, length, place and the functions covered.
    Session,
    /// The first sections of the cycle: experience and reflection.
    Discussed,
    /// The rest of the cycle: analysis, action plan and notes.
    Plan,
    /// Actions carried forward and agreed, and cases discussed.
    Actions,
    /// Everything on one page before it is saved.
    Check,
}

impl Step {
    /// In the order the person meets them.
    pub const ALL: [Self; 6] = [
        Self::Who,
        Self::Session,
        Self::Discussed,
        Self::Plan,
        Self::Actions,
        Self::Check,
    ];

    /// The step's `?step=` value; the first has none.
    fn slug(self) -> Option<&'static str> {
        match self {
            Self::Who => None,
            Self::Session => Some("session"),
            Self::Discussed => Some("discussed"),
            Self::Plan => Some("plan"),
            Self::Actions => Some("actions"),
            Self::Check => Some("check"),
        }
    }

    /// The step an address asks for; anything unknown is the first.
    pub fn from_slug(slug: Option<&str>) -> Self {
        Self::ALL
            .into_iter()
            .find(|s| s.slug().is_some() && s.slug() == slug)
            .unwrap_or(Self::Who)
    }

    /// The page's heading, the question it asks.
    pub fn heading(self) -> &'static str {
        match self {
            Self::Who => "Who and how",
            Self::Session => "About the session",
            Self::Discussed => "What was discussed",
            Self::Plan => "Analysis and plan",
            Self::Actions => "Actions and cases",
            Self::Check => "Check your answers",
        }
    }

    /// 1 to 6.
    pub fn number(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }

    /// The step after this one, if any.
    pub fn next(self) -> Option<Self> {
        Self::ALL.get(self.number()).copied()
    }

    /// The step before this one, if any.
    pub fn previous(self) -> Option<Self> {
        self.number().checked_sub(2).map(|i| Self::ALL[i])
    }

    /// The step on which the field with this API name (as errors name it)
    /// is asked: the form goes there to show a problem with it.
    pub fn of_field(field: &str) -> Self {
        let base = field.split(['[', '.']).next().unwrap_or("");
        match base {
            "experience" | "reflection" => Self::Discussed,
            "heldOn" | "durationMinutes" | "location" | "functions" => Self::Session,
            "analysis" | "actionPlan" | "notes" => Self::Plan,
            "actions" | "cases" => Self::Actions,
            // Kind, approach, mode, the supervisees, and anything unknown:
            // the first page, where a person starts anyway.
            _ => Self::Who,
        }
    }

    /// Whether Continue on this step stops for this problem: one with a
    /// field the step asks. "Nothing discussed" waits for the last step of
    /// the cycle, since a person may write only in a later section; then it
    /// takes them back to Experience, where its message says to start.
    pub fn stops_for(self, problem: &FieldError) -> bool {
        if problem.message == NOTHING_DISCUSSED {
            self == Self::Plan
        } else {
            Self::of_field(&problem.field) == self
        }
    }

    /// The address of this step: `path` with the form's other query
    /// parameters (`query`: the chosen supervisee, the draft) kept.
    pub fn href<'a>(
        self,
        path: &str,
        query: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> String {
        let mut pairs: Vec<String> = query
            .into_iter()
            .filter(|(key, _)| *key != "step")
            .map(|(key, value)| format!("{}={}", encoded(key), encoded(value)))
            .collect();
        if let Some(slug) = self.slug() {
            pairs.push(format!("step={slug}"));
        }
        if pairs.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{}", pairs.join("&"))
        }
    }
}

/// A query parameter's text made safe for an address: everything but
/// letters, figures and `-_.~` percent-encoded. (The router's own encoder
/// calls the browser, which unit tests do not have.)
fn encoded(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_steps_run_in_order_and_an_unknown_address_is_the_first() {
        assert_eq!(Step::Who.next(), Some(Step::Session));
        assert_eq!(Step::Session.next(), Some(Step::Discussed));
        assert_eq!(Step::from_slug(Some("session")), Step::Session);
        assert_eq!(Step::Check.next(), None);
        assert_eq!(Step::Who.previous(), None);
        assert_eq!(Step::Check.previous(), Some(Step::Actions));
        assert_eq!(Step::from_slug(Some("actions")), Step::Actions);
        assert_eq!(Step::from_slug(Some("nonsense")), Step::Who);
        assert_eq!(Step::from_slug(None), Step::Who);
        assert_eq!(Step::Discussed.next(), Some(Step::Plan));
        assert_eq!(Step::from_slug(Some("plan")), Step::Plan);
        assert_eq!(Step::Check.number(), 6);
    }

    #[test]
    fn each_error_belongs_to_the_step_that_asks_its_field() {
        assert_eq!(Step::of_field("mode"), Step::Who);
        assert_eq!(Step::of_field("heldOn"), Step::Session);
        assert_eq!(Step::of_field("durationMinutes"), Step::Session);
        assert_eq!(Step::of_field("superviseeIds"), Step::Who);
        assert_eq!(Step::of_field("experience"), Step::Discussed);
        assert_eq!(Step::of_field("reflection"), Step::Discussed);
        assert_eq!(Step::of_field("notes"), Step::Plan);
        assert_eq!(Step::of_field("functions"), Step::Session);
        assert_eq!(Step::of_field("actions[2].dueOn"), Step::Actions);
        assert_eq!(Step::of_field("cases[0].reference"), Step::Actions);
    }

    #[test]
    fn nothing_discussed_stops_the_last_step_of_the_cycle_not_the_first() {
        let nothing = FieldError::new("experience", NOTHING_DISCUSSED);
        assert!(!Step::Discussed.stops_for(&nothing));
        assert!(Step::Plan.stops_for(&nothing));
        // And sends the person back to Experience.
        assert_eq!(Step::of_field(&nothing.field), Step::Discussed);
        let too_long = FieldError::new("experience", "Experience is too long.");
        assert!(Step::Discussed.stops_for(&too_long));
        assert!(!Step::Plan.stops_for(&too_long));
    }

    #[test]
    fn a_step_address_keeps_the_forms_other_parameters() {
        let query = [
            ("supervisee", "42"),
            ("name", "Tom Reed & Co"),
            ("step", "actions"),
        ];
        assert_eq!(
            Step::Check.href("/record", query),
            "/record?supervisee=42&name=Tom%20Reed%20%26%20Co&step=check"
        );
        assert_eq!(
            Step::Who.href("/record/clinical", [("step", "check")]),
            "/record/clinical"
        );
    }
}
