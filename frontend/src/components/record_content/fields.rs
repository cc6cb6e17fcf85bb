//! The content fields, labelled, each with its hint and error tied on by
//! `aria-describedby`: the same markup in the record form and the amend
//! form, which differ only in what their field names start with.

use leptos::prelude::*;
use supervision_shared::{Approach, Mode, RecordSection, SupervisionFunction, SupervisionKind};

use super::values::{ContentValues, HasContent, TextField};
use crate::components::date_input::DateInput;
use crate::components::field_error::{FieldErrorMessage, FormErrors, field_id, hint_id};

/// Where a form's content fields keep what is typed, find their errors, and
/// what its field names start with.
pub struct ContentForm<F: 'static> {
    /// The form's state.
    pub state: RwSignal<F>,
    /// The form's errors, by field name.
    pub errors: FormErrors,
    /// Put before the API's name to make the form's field names and ids:
    /// empty for the record form; a form sharing its page with others needs
    /// its own.
    pub prefix: &'static str,
}

impl<F> Clone for ContentForm<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F> Copy for ContentForm<F> {}

impl<F: HasContent> ContentForm<F> {
    /// The form's name for an API field; also the element's id.
    fn field(self, api: &str) -> String {
        format!("{}{api}", self.prefix)
    }

    /// Reads the content (reactive).
    fn read<T>(self, read: impl FnOnce(&ContentValues) -> T) -> T {
        self.state.with(|s| read(s.content()))
    }

    /// Changes the content.
    fn change(self, change: impl FnOnce(&mut ContentValues)) {
        self.state.update(|s| change(s.content_mut()));
    }
}

/// The sections of the supervisory cycle, each with its prompt.
const SECTIONS: [(TextField, RecordSection, &str); 5] = [
    (
        TextField::Experience,
        RecordSection::Experience,
        "What happened? Describe the situation or case discussed.",
    ),
    (
        TextField::Reflection,
        RecordSection::Reflection,
        "What were your thoughts and feelings? What went well, and what did not?",
    ),
    (
        TextField::Analysis,
        RecordSection::Analysis,
        "What sense can you make of it? What knowledge, evidence or policy applies?",
    ),
    (
        TextField::ActionPlan,
        RecordSection::ActionPlan,
        "What will happen next? What would you do differently?",
    ),
    (
        TextField::Notes,
        RecordSection::Notes,
        "Anything else worth recording.",
    ),
];

/// Every fact about the session, for a form that asks them on one page:
/// how it was held, then when and where.
#[component]
pub fn SessionFields<F: HasContent>(
    /// The form.
    form: ContentForm<F>,
    /// The kind of session, which decides the fields shown.
    #[prop(into)]
    kind: Signal<SupervisionKind>,
) -> impl IntoView {
    view! {
        <HowHeldFields form=form kind=kind />
        <WhenHeldFields form=form />
    }
}

/// How the session was held: the approach and external supervisor (only
/// for a kind that has them) and the mode.
#[component]
pub fn HowHeldFields<F: HasContent>(
    /// The form.
    form: ContentForm<F>,
    /// The kind of session, which decides the fields shown.
    #[prop(into)]
    kind: Signal<SupervisionKind>,
) -> impl IntoView {
    view! {
        <Show when=move || kind.get().has_approach()>
            <ApproachField form=form />
        </Show>
        <Show when=move || kind.get().is_external()>
            <ContentInput
                form=form
                text=TextField::ExternalSupervisor
                label="External supervisor"
                hint="Their name and organisation."
            />
        </Show>
        <ModeField form=form />
    }
}

/// When, how long and where the session was held.
#[component]
pub fn WhenHeldFields<F: HasContent>(
    /// The form.
    form: ContentForm<F>,
) -> impl IntoView {
    view! {
        <DateInput
            field=form.field(TextField::HeldOn.api_name())
            legend="Date held"
            hint="The day of the session. It can be before today, but not after."
            value=Signal::derive(move || form.read(|c| c.held_on.clone()))
            on_change=Callback::new(move |typed| form.change(|c| c.held_on = typed))
            errors=form.errors
        />
        <ContentInput
            form=form
            text=TextField::Duration
            label="Duration (minutes)"
            inputmode="numeric"
            class="input input-short"
        />
        <ContentInput
            form=form
            text=TextField::Location
            label="Location"
            hint="Optional. For example, the team base or \"Video call\"."
        />
    }
}

/// The sections of the supervisory cycle, as large text areas.
#[component]
pub fn CycleSections<F: HasContent>(
    /// The form.
    form: ContentForm<F>,
    /// Whether each section shows its prompt, for someone writing it afresh.
    #[prop(optional)]
    prompts: bool,
    /// The sections to show, for a form that asks them over several pages;
    /// all of them when not given.
    #[prop(optional)]
    only: Option<&'static [RecordSection]>,
) -> impl IntoView {
    SECTIONS
        .iter()
        .filter(move |(_, section, _)| only.is_none_or(|only| only.contains(section)))
        .map(|&(text, section, prompt)| {
            view! {
                <SectionTextArea
                    form=form
                    text=text
                    label=section.label()
                    hint=prompts.then_some(prompt)
                />
            }
        })
        .collect_view()
}

/// The functions of supervision covered, as checkboxes.
#[component]
pub fn FunctionsField<F: HasContent>(
    /// The form.
    form: ContentForm<F>,
) -> impl IntoView {
    let (field, errors) = (form.field("functions"), form.errors);
    view! {
        <div class="form-group">
            <fieldset class="fieldset" id=field_id(&field) tabindex="-1" aria-describedby=hint_id(&field)>
                <legend class="legend">"Functions of supervision covered"</legend>
                <p class="hint" id=hint_id(&field)>
                    "Select all that apply."
                </p>
                <FieldErrorMessage errors=errors field=field.clone() />
                {SupervisionFunction::ALL
                    .iter()
                    .map(|&function| {
                        let id = form.field(&format!("function-{}", function.as_str()));
                        view! {
                            <div class="checkbox">
                                <input
                                    type="checkbox"
                                    id=id.clone()
                                    value=function.as_str()
                                    prop:checked=move || form.read(|c| c.functions.contains(&function))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        form.change(|c| {
                                            c.functions.retain(|x| *x != function);
                                            if on {
                                                c.functions.push(function);
                                            }
                                        });
                                    }
                                />
                                <label for=id>{function.label()}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
        </div>
    }
}

/// The approach taken, as a select.
#[component]
fn ApproachField<F: HasContent>(form: ContentForm<F>) -> impl IntoView {
    let (field, errors) = (form.field("approach"), form.errors);
    let (message, described, invalid) = (field.clone(), field.clone(), field.clone());
    view! {
        <div class="form-group" class:form-group-error=move || errors.message(&message).is_some()>
            <label class="label" for=field_id(&field)>
                "Approach"
            </label>
            <FieldErrorMessage errors=errors field=field.clone() />
            <select
                id=field_id(&field)
                class="select"
                aria-describedby=move || errors.described_by(&described, false)
                aria-invalid=move || errors.invalid(&invalid)
                on:change=move |ev| {
                    let chosen = Approach::parse(&event_target_value(&ev)).ok();
                    form.change(|c| c.approach = chosen);
                }
            >
                <option value="" prop:selected=move || form.read(|c| c.approach.is_none())>
                    "Choose an approach"
                </option>
                {Approach::ALL
                    .iter()
                    .map(|&a| {
                        view! {
                            <option value=a.as_str() prop:selected=move || form.read(|c| c.approach == Some(a))>
                                {a.label()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// How they met, as radios.
#[component]
fn ModeField<F: HasContent>(form: ContentForm<F>) -> impl IntoView {
    let (field, errors) = (form.field("mode"), form.errors);
    let (message, described) = (field.clone(), field.clone());
    view! {
        <div class="form-group" class:form-group-error=move || errors.message(&message).is_some()>
            <fieldset
                class="fieldset"
                id=field_id(&field)
                tabindex="-1"
                aria-describedby=move || errors.described_by(&described, false)
            >
                <legend class="legend">"Mode"</legend>
                <FieldErrorMessage errors=errors field=field.clone() />
                {Mode::ALL
                    .iter()
                    .map(|&m| {
                        let id = format!("{field}-{}", m.as_str());
                        view! {
                            <div class="radio">
                                <input
                                    type="radio"
                                    id=id.clone()
                                    name=field.clone()
                                    value=m.as_str()
                                    prop:checked=move || form.read(|c| c.mode == Some(m))
                                    on:change=move |_| form.change(|c| c.mode = Some(m))
                                />
                                <label for=id>{m.label()}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
        </div>
    }
}

/// A one-line input.
#[component]
fn ContentInput<F: HasContent>(
    /// The form.
    form: ContentForm<F>,
    /// Which field it edits.
    text: TextField,
    /// The visible label.
    label: &'static str,
    /// Hint text under the label, if any.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// `inputmode`, for the right on-screen keyboard.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// CSS width class.
    #[prop(default = "input")]
    class: &'static str,
) -> impl IntoView {
    let (field, errors) = (form.field(text.api_name()), form.errors);
    let has_hint = hint.is_some();
    let (message, described, invalid) = (field.clone(), field.clone(), field.clone());
    view! {
        <div class="form-group" class:form-group-error=move || errors.message(&message).is_some()>
            <label class="label" for=field_id(&field)>
                {label}
            </label>
            {hint.map(|h| view! { <p class="hint" id=hint_id(&field)>{h}</p> })}
            <FieldErrorMessage errors=errors field=field.clone() />
            <input
                id=field_id(&field)
                class=class
                type="text"
                inputmode=inputmode
                autocomplete="off"
                aria-describedby=move || errors.described_by(&described, has_hint)
                aria-invalid=move || errors.invalid(&invalid)
                prop:value=move || form.read(|c| c.text(text).to_owned())
                on:input=move |ev| form.change(|c| *c.text_mut(text) = event_target_value(&ev))
            />
        </div>
    }
}

/// A section of the supervisory cycle: a large text area, with its prompt
/// when it has one.
#[component]
fn SectionTextArea<F: HasContent>(
    /// The form.
    form: ContentForm<F>,
    /// Which field it edits.
    text: TextField,
    /// The visible label.
    label: &'static str,
    /// The prompt from the supervisory cycle, if shown.
    hint: Option<&'static str>,
) -> impl IntoView {
    let (field, errors) = (form.field(text.api_name()), form.errors);
    let has_hint = hint.is_some();
    let (message, described, invalid) = (field.clone(), field.clone(), field.clone());
    view! {
        <div class="form-group" class:form-group-error=move || errors.message(&message).is_some()>
            <label class="label" for=field_id(&field)>
                {label}
            </label>
            {hint.map(|h| view! { <p class="hint" id=hint_id(&field)>{h}</p> })}
            <FieldErrorMessage errors=errors field=field.clone() />
            <textarea
                id=field_id(&field)
                class="textarea"
                rows="4"
                aria-describedby=move || errors.described_by(&described, has_hint)
                aria-invalid=move || errors.invalid(&invalid)
                prop:value=move || form.read(|c| c.text(text).to_owned())
                on:input=move |ev| form.change(|c| *c.text_mut(text) = event_target_value(&ev))
            ></textarea>
        </div>
    }
}
