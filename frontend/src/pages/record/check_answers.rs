//! The record form's last step (GOV.UK "check answers"): everything typed,
//! grouped by the step that asked it, each with a link back to change it,
//! so a record is read whole once before it is saved and validated by
//! others.

use leptos::prelude::*;
use leptos_router::components::A;
use supervision_shared::{RecordSection, SupervisionFunction};
use uuid::Uuid;

use super::draft::StoredForm;
use super::step::Step;
use crate::dates;

/// One answer: what was asked, what was given, and where to change it.
struct Answer {
    question: &'static str,
    given: AnyView,
    step: Step,
}

impl Answer {
    fn text(question: &'static str, given: impl Into<String>, step: Step) -> Self {
        let given: String = given.into();
        Self {
            question,
            given: view! { <span class="prose">{given}</span> }.into_any(),
            step,
        }
    }
}

/// Said of an optional answer left empty.
const NOT_GIVEN: &str = "Not given";

/// The answers, by step. `href` makes a step's address; `recorder` is the
/// signed-in person (an action may be theirs).
pub fn check_answers(
    form: &StoredForm,
    recorder: Option<(Uuid, String)>,
    href: impl Fn(Step) -> String,
) -> AnyView {
    let groups = [
        (Step::Who, who_and_how(form)),
        (Step::Session, about_the_session(form)),
        (Step::Discussed, discussed(form)),
        (Step::Plan, analysis_and_plan(form)),
        (Step::Actions, actions_and_cases(form, recorder)),
    ];
    groups
        .into_iter()
        .map(|(step, answers)| {
            let heading_id = format!("check-{}", step.number());
            let labelled_by = heading_id.clone();
            view! {
                <section class="page-section" aria-labelledby=labelled_by>
                    <h2 id=heading_id>{step.heading()}</h2>
                    <dl class="summary-list check-answers">
                        {answers
                            .into_iter()
                            .map(|answer| {
                                let change = href(answer.step);
                                view! {
                                    <div class="summary-row">
                                        <dt>{answer.question}</dt>
                                        <dd>{answer.given}</dd>
                                        <dd class="summary-change">
                                            <A href=change>
                                                "Change"
                                                <span class="visually-hidden">
                                                    {format!(" {}", answer.question.to_lowercase())}
                                                </span>
                                            </A>
                                        </dd>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </dl>
                </section>
            }
        })
        .collect_view()
        .into_any()
}

fn who_and_how(form: &StoredForm) -> Vec<Answer> {
    let step = Step::Who;
    let content = &form.content;
    let mut answers = vec![Answer::text("Kind of supervision", form.kind.label(), step)];
    if form.kind.has_approach() {
        answers.push(Answer::text(
            "Approach",
            content.approach.map_or(NOT_GIVEN, |a| a.label()),
            step,
        ));
    }
    if form.kind.is_external() {
        answers.push(Answer::text(
            "External supervisor",
            or_not_given(&content.external_supervisor),
            step,
        ));
    }
    answers.push(Answer::text(
        "Mode",
        content.mode.map_or(NOT_GIVEN, |m| m.label()),
        step,
    ));
    let who = if form.is_own_record() {
        "You".to_owned()
    } else if form.supervisees.is_empty() {
        "Nobody chosen".to_owned()
    } else {
        form.supervisees
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    answers.push(Answer::text("Supervisees", who, step));
    answers
}

fn about_the_session(form: &StoredForm) -> Vec<Answer> {
    let step = Step::Session;
    let content = &form.content;
    let held = dates::parse_iso(&content.held_on)
        .map_or_else(|| or_not_given(&content.held_on), dates::long);
    vec![
        Answer::text("Date held", held, step),
        Answer::text(
            "Duration",
            match content.duration.trim() {
                "" => NOT_GIVEN.to_owned(),
                minutes => format!("{minutes} minutes"),
            },
            step,
        ),
        Answer::text("Location", or_not_given(&content.location), step),
        Answer::text(
            "Functions of supervision covered",
            if content.functions.is_empty() {
                "None chosen".to_owned()
            } else {
                SupervisionFunction::ALL
                    .iter()
                    .filter(|f| content.functions.contains(f))
                    .map(|f| f.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            step,
        ),
    ]
}

fn discussed(form: &StoredForm) -> Vec<Answer> {
    let content = &form.content;
    written(
        [
            (RecordSection::Experience, &content.experience),
            (RecordSection::Reflection, &content.reflection),
        ],
        Step::Discussed,
    )
}

fn analysis_and_plan(form: &StoredForm) -> Vec<Answer> {
    let content = &form.content;
    written(
        [
            (RecordSection::Analysis, &content.analysis),
            (RecordSection::ActionPlan, &content.action_plan),
            (RecordSection::Notes, &content.notes),
        ],
        Step::Plan,
    )
}

/// What was written in each of these sections, asked on `step`.
fn written<'a>(
    sections: impl IntoIterator<Item = (RecordSection, &'a String)>,
    step: Step,
) -> Vec<Answer> {
    sections
        .into_iter()
        .map(|(section, text)| {
            let given = if text.trim().is_empty() {
                "Nothing written"
            } else {
                text.as_str()
            };
            Answer::text(section.label(), given, step)
        })
        .collect()
}

fn actions_and_cases(form: &StoredForm, recorder: Option<(Uuid, String)>) -> Vec<Answer> {
    let step = Step::Actions;
    let owner_name = |owner: &str| -> String {
        let chosen = Uuid::parse_str(owner).ok();
        let person = match chosen {
            Some(id) => form
                .supervisees
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.name.clone())
                .or_else(|| recorder.as_ref().filter(|r| r.0 == id).map(|r| r.1.clone())),
            // The first supervisee owns an action unless someone else is chosen.
            None => form.supervisees.first().map(|p| p.name.clone()),
        };
        person.unwrap_or_else(|| "the supervisee".to_owned())
    };
    let actions = if form.actions.is_empty() {
        view! { "None agreed" }.into_any()
    } else {
        view! {
            <ul class="plain-list">
                {form
                    .actions
                    .iter()
                    .map(|row| {
                        let due = dates::parse_iso(&row.due_on)
                            .map_or_else(|| "no due date".to_owned(), |d| format!("due by {}", dates::long(d)));
                        view! {
                            <li>
                                <span class="prose">{or_not_given(&row.description)}</span>
                                {format!(" ({}, {due})", owner_name(&row.owner))}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    let cases = if form.cases.is_empty() {
        view! { "None" }.into_any()
    } else {
        view! {
            <ul class="plain-list">
                {form
                    .cases
                    .iter()
                    .map(|row| {
                        let closed = if row.closed { " (closed or transferred)" } else { "" };
                        view! { <li>{format!("{}{closed}", or_not_given(&row.reference))}</li> }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    vec![
        Answer {
            question: "Actions agreed",
            given: actions,
            step,
        },
        Answer {
            question: "Cases discussed",
            given: cases,
            step,
        },
    ]
}

fn or_not_given(text: &str) -> String {
    match text.trim() {
        "" => NOT_GIVEN.to_owned(),
        given => given.to_owned(),
    }
}
