//! Starting a questionnaire cycle: its title, the day it closes, the
//! smallest group whose results are shown, and the organisation's
//! questions, starting from the policies' default set: each can be
//! reworded or left out, and a question in people's own words added.
//! Checked with the shared rules, then by the server, which invites
//! everyone supervised by email.

use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::FieldError;
use supervision_shared::quality::questionnaire::{
    DEFAULT_THRESHOLD, QuestionDraft, QuestionKind, check_cycle, check_questions, default_questions,
};

use crate::api::questionnaire::start_questionnaire;
use crate::components::date_input::DateInput;
use crate::components::error_summary::{ErrorSummary, focus_element};
use crate::components::field_error::{FieldErrorMessage, FormErrors, field_id};
use crate::components::text_area::TextInputField;
use crate::dates;

const HEADING_ID: &str = "start-questionnaire";
const SUMMARY_ID: &str = "start-questionnaire-errors";

/// One question of the form: the default's words, editable, and whether
/// it is asked.
#[derive(Clone)]
struct Editing {
    draft: QuestionDraft,
    text: RwSignal<String>,
    asked: RwSignal<bool>,
}

/// What the form holds, as the server will check it, and where on the
/// form each question sent is: the server numbers the questions it is sent,
/// and a question left out would shift every error after it.
fn collect(questions: &[Editing], extra: &str) -> (Vec<QuestionDraft>, Vec<String>) {
    let mut drafts = Vec::new();
    let mut places = Vec::new();
    for (i, q) in questions.iter().enumerate() {
        if q.asked.get_untracked() {
            drafts.push(QuestionDraft {
                text: q.text.get_untracked(),
                ..q.draft.clone()
            });
            places.push(format!("questions.{}", i + 1));
        }
    }
    if !extra.trim().is_empty() {
        drafts.push(QuestionDraft {
            text: extra.to_owned(),
            kind: QuestionKind::Text,
            options: Vec::new(),
        });
        places.push(EXTRA.to_owned());
    }
    (drafts, places)
}

/// The field of the question in people's own words added on the form.
const EXTRA: &str = "extraQuestion";

/// Renames `questions.<k>.…` (the k-th sent) to where it is on the form.
fn on_screen(mut problems: Vec<FieldError>, places: &[String]) -> Vec<FieldError> {
    for problem in &mut problems {
        let mut parts = problem.field.splitn(3, '.');
        if let (Some("questions"), Some(k), Some(rest)) = (parts.next(), parts.next(), parts.next())
            && let Some(place) = k
                .parse::<usize>()
                .ok()
                .and_then(|k| places.get(k.wrapping_sub(1)))
        {
            problem.field = if place == EXTRA {
                EXTRA.to_owned()
            } else {
                format!("{place}.{rest}")
            };
        }
    }
    problems
}

/// The form, shown to those who run questionnaires while none is open.
#[component]
pub fn StartForm(on_started: Callback<String>) -> impl IntoView {
    let year = chrono::Datelike::year(&dates::today());
    let title = RwSignal::new(format!("Supervision questionnaire {year}"));
    let closes_on = RwSignal::new(String::new());
    let threshold = RwSignal::new(DEFAULT_THRESHOLD.to_string());
    let extra = RwSignal::new(String::new());
    let questions: Vec<Editing> = default_questions()
        .into_iter()
        .map(|draft| Editing {
            text: RwSignal::new(draft.text.clone()),
            asked: RwSignal::new(true),
            draft,
        })
        .collect();
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let starting = RwSignal::new(false);
    let form_questions = questions.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if starting.get_untracked() {
            return;
        }
        general.set(None);
        let (drafts, places) = collect(&form_questions, &extra.get_untracked());
        let closes = dates::parse_iso(&closes_on.get_untracked());
        let limit = threshold.get_untracked().trim().parse::<u32>().unwrap_or(0);
        let mut problems: Vec<FieldError> =
            check_cycle(&title.get_untracked(), closes, limit, dates::today());
        if let Err(more) = check_questions(&drafts) {
            problems.extend(on_screen(more, &places));
        }
        if !problems.is_empty() {
            errors.set(problems);
            request_animation_frame(|| focus_element(SUMMARY_ID));
            return;
        }
        errors.clear();
        starting.set(true);
        let title = title.get_untracked();
        spawn_local(async move {
            let result = start_questionnaire(&title, closes, limit, &drafts).await;
            starting.set(false);
            match result {
                Ok(cycle) => on_started.run(format!(
                    "\"{}\" is open until {}: everyone supervised has been emailed.",
                    cycle.title,
                    dates::long(cycle.closes_on)
                )),
                Err(mut err) => {
                    err.fields = on_screen(err.fields, &places);
                    errors.show_failure_in(err, general, SUMMARY_ID);
                }
            }
        });
    };
    view! {
        <section class="page-section form-section" aria-labelledby=HEADING_ID>
            <h2 id=HEADING_ID>"Start this year's questionnaire"</h2>
            <p>
                "Everyone who has a line manager or a clinical supervisor today is emailed a link, and reminded once a week before it closes if they have not answered."
            </p>
            <ErrorSummary errors=errors general=general id=SUMMARY_ID />
            <form on:submit=on_submit novalidate aria-labelledby=HEADING_ID>
                <TextInputField field="title" label="Title" value=title errors=errors />
                <DateInput
                    field="closesOn"
                    legend="Last day to answer"
                    hint="Within 90 days."
                    value=closes_on
                    on_change=Callback::new(move |typed| closes_on.set(typed))
                    errors=errors
                />
                <TextInputField
                    field="threshold"
                    label="Smallest group whose results are shown"
                    hint="At least 3 people. Fewer answers than this in a team or for a supervisor, and its results stay hidden."
                    numeric=true
                    value=threshold
                    errors=errors
                />
                <fieldset class="fieldset" id="questions" tabindex="-1">
                    <legend class="legend">"Questions"</legend>
                    <p class="hint">
                        "The policies' questions. Reword any, or leave one out."
                    </p>
                    <FieldErrorMessage errors=errors field="questions" />
                    {questions
                        .into_iter()
                        .enumerate()
                        .map(|(i, q)| question_fields(i + 1, q, errors))
                        .collect_view()}
                </fieldset>
                <TextInputField
                    field=EXTRA
                    label="Another question, answered in people's own words (optional)"
                    value=extra
                    errors=errors
                />
                <button type="submit" class="button" disabled=move || starting.get()>
                    "Start and email everyone"
                </button>
            </form>
        </section>
    }
}

/// One default question: its words and whether to ask it. The errors of a
/// question are named by its place among those asked, which is its place
/// here while none before it is left out.
fn question_fields(n: usize, q: Editing, errors: FormErrors) -> impl IntoView {
    let field = format!("questions.{n}.text");
    let id = field_id(&field);
    let asked_id = format!("{id}-asked");
    let error_field = field.clone();
    let options = match q.draft.kind {
        QuestionKind::Choice => format!("Answers: {}.", q.draft.options.join(" / ")),
        QuestionKind::Text => "Answered in their own words (optional).".to_owned(),
    };
    let (text, asked) = (q.text, q.asked);
    view! {
        <div class="form-group questionnaire-question" class:form-group-error=move || errors.message(&error_field).is_some()>
            <label class="label" for=id.clone()>{format!("Question {n}")}</label>
            <p class="hint" id=format!("{id}-hint")>{options}</p>
            <FieldErrorMessage errors=errors field=field.clone() />
            <input
                class="input"
                id=id
                type="text"
                aria-describedby=move || errors.described_by(&field, true)
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            />
            <div class="checkbox">
                <input
                    type="checkbox"
                    id=asked_id.clone()
                    prop:checked=move || asked.get()
                    on:change=move |ev| asked.set(event_target_checked(&ev))
                />
                <label for=asked_id>"Ask this question"</label>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_left_out_are_not_sent_and_an_extra_one_is_a_written_answer() {
        let questions: Vec<Editing> = default_questions()
            .into_iter()
            .map(|draft| Editing {
                text: RwSignal::new(draft.text.clone()),
                asked: RwSignal::new(true),
                draft,
            })
            .collect();
        questions[1].asked.set(false);
        questions[0].text.set("How often do you meet?".into());
        let (drafts, places) = collect(&questions, "What would make supervision better?");
        assert_eq!(drafts.len(), 6);
        assert_eq!(drafts[0].text, "How often do you meet?");
        assert_eq!(drafts[0].options.len(), 4, "the options stay");
        assert_eq!(drafts[5].kind, QuestionKind::Text);
        assert!(check_questions(&drafts).is_ok());
        assert_eq!(collect(&questions, "  ").0.len(), 5);
        // The third on the form is the second sent: its error goes back
        // to the third.
        questions[2].text.set(" ".into());
        let (drafts, places_now) = collect(&questions, "");
        let problems = on_screen(
            check_questions(&drafts).err().unwrap_or_default(),
            &places_now,
        );
        assert_eq!(problems[0].field, "questions.3.text");
        assert_eq!(places[5], EXTRA);
    }
}
