//! `/questionnaire/:id`: answering the annual supervision questionnaire
//! (F8.2) on a phone in a few minutes. Every choice is answered, the last
//! question in the person's own words if they wish; the answers are checked
//! with the shared rule, then sent once. The page says plainly that nobody
//! will see them by name.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use supervision_shared::quality::questionnaire::{AnswerDraft, QuestionKind};
use uuid::Uuid;

use crate::api::ErrorCode;
use crate::api::questionnaire::{Cycle, Question, answer_questionnaire, my_questionnaires};
use crate::components::error_summary::{ERROR_SUMMARY_ID, ErrorSummary, focus_element};
use crate::components::field_error::{FieldErrorMessage, FormErrors, field_id};
use crate::components::status::{LoadError, Loading};
use crate::dates;
use crate::title::set_title;

/// The `/questionnaire/:id` page.
#[component]
pub fn QuestionnairePage() -> impl IntoView {
    set_title("Supervision questionnaire");
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|id| Uuid::parse_str(&id).ok())
    });
    let waiting = LocalResource::new(my_questionnaires);
    let sent = RwSignal::new(false);
    move || {
        if sent.get() {
            return view! {
                <h1 tabindex="-1" id=SENT_ID>"Thank you"</h1>
                <div class="notice notice-success" role="status">
                    <p>"Your answers are sent. Nobody will see them by name: they are only ever added up with other people's."</p>
                </div>
                <p><a href="/">"Back to my supervisions"</a></p>
            }
            .into_any();
        }
        match waiting.get() {
            None => view! {
                <h1>"Supervision questionnaire"</h1>
                <Loading what="the questionnaire" />
            }
            .into_any(),
            Some(Err(error)) => view! {
                <h1>"Supervision questionnaire"</h1>
                <LoadError error />
            }
            .into_any(),
            Some(Ok(cycles)) => match cycles.into_iter().find(|c| Some(c.id) == id.get()) {
                Some(cycle) => view! { <AnswerForm cycle sent /> }.into_any(),
                None => view! {
                    <h1>"Supervision questionnaire"</h1>
                    <p>"There is nothing for you to answer here: you have answered it already, it has closed, or it was not sent to you."</p>
                    <p><a href="/">"Back to my supervisions"</a></p>
                }
                .into_any(),
            },
        }
    }
}

/// The thank-you heading, focused once the answers are sent.
const SENT_ID: &str = "questionnaire-sent";

/// What one question holds while it is being answered.
#[derive(Clone)]
struct Answering {
    question: Question,
    choice: RwSignal<Option<u32>>,
    text: RwSignal<String>,
}

impl Answering {
    fn draft(&self) -> AnswerDraft {
        AnswerDraft {
            question: self.question.key.clone(),
            choice: self.choice.get_untracked(),
            text: self.text.get_untracked(),
        }
    }
}

#[component]
fn AnswerForm(cycle: Cycle, sent: RwSignal<bool>) -> impl IntoView {
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let answers: Vec<Answering> = cycle
        .questions
        .iter()
        .map(|q| Answering {
            question: q.clone(),
            choice: RwSignal::new(None),
            text: RwSignal::new(String::new()),
        })
        .collect();
    let questions: Vec<_> = cycle.questions.iter().map(shared_question).collect();
    let to_send = answers.clone();
    let cycle_id = cycle.id;
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        general.set(None);
        let drafts: Vec<AnswerDraft> = to_send.iter().map(Answering::draft).collect();
        if let Err(problems) =
            supervision_shared::quality::questionnaire::check_answers(&questions, &drafts)
        {
            errors.set(problems);
            request_animation_frame(|| focus_element(ERROR_SUMMARY_ID));
            return;
        }
        errors.clear();
        sending.set(true);
        spawn_local(async move {
            let result = answer_questionnaire(cycle_id, &drafts).await;
            sending.set(false);
            match result {
                Ok(()) => done(sent),
                // Sent from another tab or a retry that got through: the
                // answers are in, which is what the person wanted.
                Err(err) if err.code == ErrorCode::Conflict && err.message.contains("already") => {
                    done(sent);
                }
                Err(err) => errors.show_failure(err, general),
            }
        });
    };
    view! {
        <h1>{cycle.title.clone()}</h1>
        <p class="lead">
            "A few questions about the supervision you receive. It takes a few minutes."
        </p>
        <div class="notice">
            <p>
                {format!(
                    "Your answers are anonymous: nobody, your supervisor included, sees what you said. Results are only shown added up, for groups of at least {} people. It closes on {}.",
                    cycle.threshold,
                    dates::long(cycle.closes_on),
                )}
            </p>
        </div>
        <ErrorSummary errors=errors general=general />
        <form on:submit=on_submit novalidate class="questionnaire-form">
            {answers.into_iter().enumerate().map(|(i, a)| question_fields(i + 1, a, errors)).collect_view()}
            <button type="submit" class="button" disabled=move || sending.get()>
                "Send my answers"
            </button>
        </form>
    }
}

/// A question as the shared rules read it.
fn shared_question(q: &Question) -> supervision_shared::quality::questionnaire::Question {
    supervision_shared::quality::questionnaire::Question {
        key: q.key.clone(),
        text: q.text.clone(),
        kind: q.kind,
        options: q.options.clone(),
    }
}

fn done(sent: RwSignal<bool>) {
    sent.set(true);
    request_animation_frame(|| focus_element(SENT_ID));
}

/// Question `n` (numbered as the errors name it).
fn question_fields(n: usize, answer: Answering, errors: FormErrors) -> impl IntoView {
    let field = format!("answers.{}", answer.question.key);
    let id = field_id(&field);
    let error_field = field.clone();
    let has_error = move || errors.message(&error_field).is_some();
    match answer.question.kind {
        QuestionKind::Choice => {
            let radios = answer
                .question
                .options
                .iter()
                .enumerate()
                .map(|(i, option)| {
                    let index = u32::try_from(i).unwrap_or(u32::MAX);
                    let radio_id = format!("{id}-{i}");
                    let choice = answer.choice;
                    view! {
                        <div class="radio">
                            <input
                                type="radio"
                                id=radio_id.clone()
                                name=id.clone()
                                value=i.to_string()
                                prop:checked=move || choice.get() == Some(index)
                                on:change=move |_| choice.set(Some(index))
                            />
                            <label for=radio_id>{option.clone()}</label>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <div class="form-group" class:form-group-error=has_error>
                    <fieldset class="fieldset" id=id.clone() tabindex="-1">
                        <legend class="legend">{format!("{n}. {}", answer.question.text)}</legend>
                        <FieldErrorMessage errors=errors field=field />
                        {radios}
                    </fieldset>
                </div>
            }
            .into_any()
        }
        QuestionKind::Text => {
            let described = field.clone();
            let invalid = field.clone();
            let text = answer.text;
            view! {
                <div class="form-group" class:form-group-error=has_error>
                    <label class="label" for=id.clone()>{format!("{n}. {}", answer.question.text)}</label>
                    <p class="hint" id=format!("{id}-hint")>
                        "Optional. Please do not name anyone, including yourself."
                    </p>
                    <FieldErrorMessage errors=errors field=field />
                    <textarea
                        id=id
                        class="textarea"
                        rows="4"
                        aria-describedby=move || errors.described_by(&described, true)
                        aria-invalid=move || errors.invalid(&invalid)
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                    ></textarea>
                </div>
            }
            .into_any()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unanswered_choice_is_refused_and_its_error_leads_to_its_question() {
        let question = Question {
            key: "q1".into(),
            text: "How often?".into(),
            kind: QuestionKind::Choice,
            options: vec!["Often".into(), "Rarely".into()],
        };
        let answering = Answering {
            question: question.clone(),
            choice: RwSignal::new(None),
            text: RwSignal::new(String::new()),
        };
        let problems = supervision_shared::quality::questionnaire::check_answers(
            &[shared_question(&question)],
            &[answering.draft()],
        )
        .err()
        .unwrap_or_default();
        assert_eq!(problems.len(), 1);
        // The error summary links to the fieldset with this id.
        assert_eq!(field_id(&problems[0].field), "answers-q1");
        answering.choice.set(Some(1));
        assert!(
            supervision_shared::quality::questionnaire::check_answers(
                &[shared_question(&question)],
                &[answering.draft()],
            )
            .is_ok()
        );
    }
}
