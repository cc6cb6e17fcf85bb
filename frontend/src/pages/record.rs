//! `/record`: the form to record a supervision session. What is typed is
//! kept in localStorage, under the signed-in person's id, until it is saved,
//! so nothing is lost to a reload or an expired session, and nobody else
//! signing in at the same browser sees it. "Save draft" also keeps it on the
//! server, to finish later here or on another device (`/record?draft=ID`).

mod actions;
mod carried_forward;
mod cases;
mod check_answers;
mod continue_draft;
pub mod draft;
pub mod server_draft;
mod step;
pub mod wellbeing;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use supervision_shared::{FieldError, RecordSection, SupervisionKind};
use uuid::Uuid;

use crate::api::draft::save_draft;
use crate::api::staff::StaffSummary;
use crate::api::supervision::record_supervision;
use crate::api::{ApiError, ErrorCode};
use crate::components::error_summary::{ErrorSummary, focus_element, focus_error_summary};
use crate::components::field_error::{FieldErrorMessage, FormErrors};
use crate::components::record_content::{
    ContentForm, CycleSections, FunctionsField, HowHeldFields, WhenHeldFields,
};
use crate::components::staff_picker::StaffPicker;
use crate::components::status::{LoadError, Loading};
use crate::dates;
use crate::session::use_session;
use crate::title::set_title;
use actions::ActionRows;
use carried_forward::CarriedForward;
use cases::CaseRows;
use check_answers::check_answers;
use continue_draft::ContinueDraft;
use draft::StoredForm;
use step::Step;
use wellbeing::WellbeingToReview;

/// What to say when saving could not reach the server.
const NETWORK_FAILED: &str = "We could not reach the server. Your record is kept on this device; \
     press Save record again to send it.";

/// The same, when the device says it is offline: it is sent by itself.
const SENT_WHEN_ONLINE: &str = "You are offline. Your record is kept on this device and will be \
     sent as soon as the signal returns: keep this page open.";

/// The id of each step's heading, focused when the step changes (the
/// address's path stays the same, so the app's own focus move does not).
const STEP_HEADING_ID: &str = "step-heading";

/// The `/record` page, and the intranet's links to it at a kind
/// (`/record/clinical`, `/record/management`: F1.3). The form waits for the
/// signed-in person, because drafts are kept per person and must never be
/// shown to anyone else.
#[component]
pub fn RecordPage(
    /// The kind the form opens at, from the address.
    #[prop(optional)]
    kind: Option<SupervisionKind>,
) -> impl IntoView {
    set_title("Record supervision");
    let session = use_session();
    // A memo, so refetching the same person does not rebuild the form.
    let person = Memo::new(move |_| session.me.get().map(|me| me.map(|me| me.id)));
    let query = use_query_map();
    // `?draft=ID`: continue a draft saved on the server.
    let continuing = Memo::new(move |_| {
        query
            .with(|q| q.get("draft"))
            .and_then(|id| Uuid::parse_str(&id).ok())
    });
    // The person chosen from My supervisees is part of the address: a new
    // address is a new form (each kept as its own draft), never the last
    // one's answers under another address.
    let chosen = Memo::new(move |_| query.with(|q| q.get("supervisee")));
    move || {
        // Read, not just tracked: a memo never read has no value to
        // compare, so its first computation (on any change of the address,
        // a new step included) would count as a change and rebuild the form.
        let _supervisee = chosen.get();
        match person.get() {
            // Signed out: the browser is on its way to sign in (and back here).
            None
            | Some(Err(ApiError {
                code: ErrorCode::Unauthenticated,
                ..
            })) => view! {
                <h1 tabindex="-1">"Record supervision"</h1>
                <Loading what="the form" />
            }
            .into_any(),
            Some(Err(err)) => view! {
                <h1 tabindex="-1">"Record supervision"</h1>
                <LoadError error=err />
            }
            .into_any(),
            Some(Ok(person)) => match (continuing.get(), kind) {
                (Some(id), _) => view! { <ContinueDraft person=person id=id /> }.into_any(),
                (None, Some(kind)) => view! { <RecordForm person=person kind=kind /> }.into_any(),
                (None, None) => view! { <RecordForm person=person /> }.into_any(),
            },
        }
    }
}

/// The address of a new form at `kind`: what its draft is kept under.
fn form_path(kind: Option<SupervisionKind>) -> &'static str {
    match kind {
        Some(SupervisionKind::ClinicalOneToOne) => "/record/clinical",
        Some(SupervisionKind::LineManagement) => "/record/management",
        _ => "/record",
    }
}

/// The form itself, for `person`, the signed-in recorder; with `continued`,
/// a draft from the server to finish.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
fn RecordForm(
    person: Uuid,
    #[prop(optional)] continued: Option<StoredForm>,
    /// The kind a new form starts at (from the address).
    #[prop(optional)]
    kind: Option<SupervisionKind>,
) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query_map = use_query_map();
    let query = query_map.get_untracked();
    let pathname = use_location().pathname;
    let step = Memo::new(move |_| query_map.with(|q| Step::from_slug(q.get_str("step"))));
    // Where each step is: this form's address, its other parameters kept.
    let step_href = move |to: Step| {
        query_map.with_untracked(|query| {
            to.href(
                &pathname.get_untracked(),
                query
                    .latest_values()
                    .map(|(key, value)| (key.as_ref(), value)),
            )
        })
    };
    let go_to = StoredValue::new_local({
        let navigate = navigate.clone();
        move |to: Step| navigate(&step_href(to), NavigateOptions::default())
    });

    // `?supervisee=ID&name=NAME` (from My supervisees) starts the form with
    // that person chosen; such a form is kept apart from a plain /record one.
    let preselected = query
        .get("supervisee")
        .and_then(|id| Uuid::parse_str(&id).ok())
        .map(|id| StaffSummary {
            id,
            name: query
                .get("name")
                .unwrap_or_else(|| "Selected supervisee".to_owned()),
            job_title: String::new(),
            team_name: String::new(),
        });
    draft::clear_unowned();
    let path = form_path(kind);
    let key = draft::storage_key(
        person,
        &match (&continued, &preselected) {
            (Some(server), _) => format!("/record?draft={}", server.submission_key),
            (None, Some(chosen)) => format!("{path}?supervisee={}", chosen.id),
            (None, None) => path.to_owned(),
        },
    );

    let mut blank = StoredForm::default();
    if let Some(kind) = kind {
        blank.kind = kind;
    }
    if let Some(person) = preselected.filter(|_| continued.is_none()) {
        blank.supervisees.push(person);
    }
    let continued_at = continued.as_ref().and_then(|f| f.server_saved_at);
    let (initial, from_device) = match continued {
        Some(server) => server_draft::choose(draft::load(&key), server),
        None => match draft::load(&key).filter(|stored| !stored.same_answers(&blank)) {
            Some(stored) => (stored, true),
            None => (blank.clone(), false),
        },
    };
    let was_restored = RwSignal::new(from_device);

    let form = RwSignal::new(StoredForm {
        supervisees: Vec::new(),
        ..initial.clone()
    });
    let supervisees = RwSignal::new(initial.supervisees);
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let saving_draft = RwSignal::new(false);
    let draft_status = RwSignal::new(None::<String>);
    // Set when the form moves to a step to show its problems: that step
    // opens with them and the summary focused, not cleared.
    let showing_problems = StoredValue::new(false);
    // A new step starts clean, with its own title and heading focused.
    Effect::new(move |previous: Option<Step>| {
        let now = step.get();
        set_title(&format!("{} – Record supervision", now.heading()));
        if previous.is_some_and(|p| p != now) {
            if showing_problems.get_value() {
                showing_problems.set_value(false);
                focus_error_summary();
            } else {
                errors.clear();
                general.set(None);
                request_animation_frame(|| focus_element(STEP_HEADING_ID));
            }
        }
        now
    });
    // Problems found on saving belong to the steps that ask their fields:
    // the form goes to the earliest such step and shows its problems there,
    // where each can be put right. (Later steps' problems are found again
    // as the person continues.)
    let show_problems = move |mut found: Vec<FieldError>| {
        let Some(first) = found.iter().map(|e| Step::of_field(&e.field)).min() else {
            return;
        };
        found.retain(|e| Step::of_field(&e.field) == first);
        draft::sort_errors(&mut found);
        errors.set(found);
        if first == step.get_untracked() {
            focus_error_summary();
        } else {
            showing_problems.set_value(true);
            go_to.with_value(|go| go(first));
        }
    };

    // The whole form as stored: the chosen people are a signal of their
    // own (the picker's), the rest is `form`. Read inside reactive code it
    // is tracked; `untrack(snapshot)` reads it once, for a handler.
    let snapshot = move || StoredForm {
        supervisees: supervisees.get(),
        ..form.get()
    };

    {
        let key = key.clone();
        let blank = blank.clone();
        Effect::new(move |_| {
            let current = snapshot();
            if current.same_answers(&blank) {
                draft::clear(&key);
            } else {
                draft::save(&key, &current);
            }
        });
    }

    let recorder = Signal::derive(move || session.person().map(|me| (me.id, me.name)));
    let exclude =
        Signal::derive(move || recorder.get().map(|(id, _)| vec![id]).unwrap_or_default());

    let start_again = {
        let blank = blank.clone();
        move |_| {
            // A new record, so a new submission key.
            form.set(StoredForm {
                supervisees: Vec::new(),
                ..StoredForm::started_again(&blank)
            });
            supervisees.set(blank.supervisees.clone());
            errors.clear();
            general.set(None);
            draft_status.set(None);
            was_restored.set(false);
            if step.get_untracked() != Step::Who {
                go_to.with_value(|go| go(Step::Who));
            }
        }
    };

    // Keeps the form on the server too. A draft need not be complete, so
    // no rule is checked.
    let on_save_draft = move |_| {
        if saving_draft.get_untracked() {
            return;
        }
        general.set(None);
        draft_status.set(None);
        let stored = untrack(snapshot);
        let summary = server_draft::summary(&stored);
        let payload = server_draft::payload(&stored);
        saving_draft.set(true);
        spawn_local(async move {
            let result = save_draft(stored.submission_key, &summary, &payload).await;
            saving_draft.set(false);
            match result {
                Ok(saved) => {
                    form.update(|f| f.server_saved_at = Some(saved.updated_at));
                    draft_status.set(Some(server_draft::saved_message(saved.updated_at)));
                }
                Err(err) => {
                    general.set(Some(server_draft::save_failed(&err)));
                    focus_error_summary();
                }
            }
        });
    };

    // Set when a save failed because the device is offline: the same
    // record, with the same submission key, is sent again when the signal
    // returns, so it is stored exactly once.
    let send_when_online = RwSignal::new(false);
    let submit = move || {
        if saving.get_untracked() {
            return;
        }
        general.set(None);
        let stored = untrack(snapshot);
        let stored_key = stored.submission_key;
        let record = match stored.to_draft(person, dates::today()) {
            Ok(record) => record,
            Err(found) => {
                show_problems(found);
                return;
            }
        };
        errors.clear();
        saving.set(true);
        let navigate = navigate.clone();
        let key = key.clone();
        spawn_local(async move {
            let result = record_supervision(&record).await;
            saving.set(false);
            match result {
                Ok(id) => {
                    // The key goes with the draft; the next record starts
                    // with a fresh one. Any other copy of this record on
                    // this device goes too (the server drops its draft).
                    draft::clear(&key);
                    draft::forget_record(person, stored_key);
                    // The record page says what the record means for the next
                    // due date while `saved` is set.
                    navigate(
                        &format!("/supervisions/{id}?saved=1"),
                        NavigateOptions::default(),
                    );
                }
                Err(err) if err.code == ErrorCode::ValidationFailed && !err.fields.is_empty() => {
                    show_problems(err.fields);
                }
                // The record may or may not have arrived. Saving again sends
                // the same submission key, so it is stored once either way.
                Err(err) if err.code == ErrorCode::Network => {
                    let offline = !window().navigator().on_line();
                    send_when_online.set(offline);
                    general.set(Some(
                        if offline {
                            SENT_WHEN_ONLINE
                        } else {
                            NETWORK_FAILED
                        }
                        .to_owned(),
                    ));
                    focus_error_summary();
                }
                Err(err) => {
                    general.set(Some(format!(
                        "{} Your record has been kept on this device.",
                        err.user_message()
                    )));
                    focus_error_summary();
                }
            }
        });
    };
    // Enter in a field, or the step's button: Continue checks this step's
    // answers and moves on; on the last step it saves the record.
    let submit = StoredValue::new_local(submit);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let now = step.get_untracked();
        let Some(next) = now.next() else {
            submit.with_value(|submit| submit());
            return;
        };
        let stored = untrack(snapshot);
        let found: Vec<FieldError> = stored
            .to_draft(person, dates::today())
            .err()
            .unwrap_or_default()
            .into_iter()
            .filter(|e| now.stops_for(e))
            .collect();
        if found.is_empty() {
            go_to.with_value(|go| go(next));
        } else {
            show_problems(found);
        }
    };
    let resend = window_event_listener(leptos::ev::online, move |_| {
        if send_when_online.get_untracked() {
            send_when_online.set(false);
            submit.with_value(|submit| submit());
        }
    });
    on_cleanup(move || resend.remove());

    let kind = move || form.with(|f| f.kind);
    let content = ContentForm {
        state: form,
        errors,
        prefix: "",
    };

    let step_fields = move || {
        match step.get() {
        Step::Who => view! {
            <div class="form-group">
                <label class="label" for="kind">"Kind of supervision"</label>
                <FieldErrorMessage errors=errors field="kind" />
                <select
                    id="kind"
                    class="select"
                    aria-describedby=move || errors.described_by("kind", false)
                    on:change=move |ev| {
                        if let Ok(k) = SupervisionKind::parse(&event_target_value(&ev)) {
                            form.update(|f| f.kind = k);
                        }
                    }
                >
                    {SupervisionKind::ALL
                        .iter()
                        .map(|&k| view! {
                            <option value=k.as_str() prop:selected=move || kind() == k>{k.label()}</option>
                        })
                        .collect_view()}
                </select>
            </div>
            <HowHeldFields form=content kind=Signal::derive(kind) />
            <section class="form-section" aria-labelledby="who-heading">
                <h2 id="who-heading">"Who was supervised"</h2>
                <Show when=move || kind() == SupervisionKind::ClinicalExternal>
                    <div class="checkbox">
                        <input
                            type="checkbox"
                            id="for-myself"
                            prop:checked=move || form.with(|f| f.for_myself)
                            on:change=move |ev| {
                                let checked = event_target_checked(&ev);
                                form.update(|f| f.for_myself = checked);
                            }
                        />
                        <label for="for-myself">
                            "I received this supervision myself, from outside the organisation"
                        </label>
                    </div>
                </Show>
                {move || {
                    if form.with(StoredForm::is_own_record) {
                        let what = if kind() == SupervisionKind::PersonalReflection {
                            "A personal reflection is your own: it is recorded for you alone, and does not count as formal supervision."
                        } else {
                            "Recorded for you: it counts as your formal clinical supervision. Name your external supervisor above."
                        };
                        view! {
                            <FieldErrorMessage errors=errors field="superviseeIds" />
                            <p class="hint" id="own-record">{what}</p>
                        }
                            .into_any()
                    } else {
                        view! {
                            <StaffPicker
                                selected=supervisees
                                exclude=exclude
                                errors=errors
                                field="superviseeIds"
                                label="Supervisees"
                            />
                        }
                            .into_any()
                    }
                }}
            </section>
        }
        .into_any(),
        Step::Session => view! {
            <WhenHeldFields form=content />
            <FunctionsField form=content />
        }
        .into_any(),
        Step::Discussed => view! {
            <WellbeingToReview supervisees=supervisees />
            {privacy_reminder()}
            <p class="hint">"Write in at least one section, starting with Experience. The next page asks for your analysis and plan."</p>
            <CycleSections form=content prompts=true only=&[RecordSection::Experience, RecordSection::Reflection] />
        }
        .into_any(),
        Step::Plan => view! {
            {privacy_reminder()}
            <CycleSections
                form=content
                prompts=true
                only=&[RecordSection::Analysis, RecordSection::ActionPlan, RecordSection::Notes]
            />
        }
        .into_any(),
        Step::Actions => view! {
            <CarriedForward supervisees=supervisees />
            <ActionRows form=form supervisees=supervisees recorder=recorder errors=errors />
            <CaseRows form=form supervisees=supervisees errors=errors />
        }
        .into_any(),
        Step::Check => {
            let answers = snapshot();
            view! {
                <p>"Read the record through before you save it. Once saved, the people supervised are asked to validate it."</p>
                {check_answers(&answers, recorder.get(), step_href)}
            }
            .into_any()
        }
    }
    };

    view! {
        {move || {
            step.get()
                .previous()
                .map(|back| view! { <A href=step_href(back) attr:class="back-link">"Back"</A> })
        }}
        <span class="caption">
            {move || format!("Record supervision: step {} of {}", step.get().number(), Step::ALL.len())}
        </span>
        <h1 id=STEP_HEADING_ID tabindex="-1">{move || step.get().heading()}</h1>
        <ErrorSummary errors=errors general=general />
        {continued_at
            .map(|at| {
                view! {
                    <p class="notice">
                        {format!("You are finishing the draft you saved on {}.", dates::long_time(at))}
                    </p>
                }
            })}
        <Show when=move || was_restored.get()>
            <div class="notice" role="status">
                <p>"We have restored the record you started earlier but did not save."</p>
                <button type="button" class="button button-secondary" on:click=start_again.clone()>
                    "Clear the form and start again"
                </button>
            </div>
        </Show>
        <form class="record-form" on:submit=on_submit novalidate>
            {step_fields}
            <div class="form-actions">
                <div class="form-buttons">
                    <button type="submit" class="button button-primary" disabled=move || saving.get()>
                        {move || if step.get() == Step::Check { "Save record" } else { "Continue" }}
                    </button>
                    <button
                        type="button"
                        class="button button-secondary"
                        disabled=move || saving_draft.get()
                        on:click=on_save_draft
                    >
                        "Save draft"
                    </button>
                </div>
                <p class="visually-hidden" role="status">
                    {move || if saving.get() { "Saving the record…" } else if saving_draft.get() { "Saving the draft…" } else { "" }}
                </p>
                <div role="status" aria-live="polite">
                    {move || draft_status.get().map(|m| view! { <p class="notice notice-success draft-saved">{m}</p> })}
                </div>
            </div>
        </form>
    }
}

/// Above every page of the cycle's text boxes: what never goes in them.
fn privacy_reminder() -> impl IntoView {
    view! {
        <div class="notice notice-warning" id="privacy-reminder">
            <p>
                <strong>"Do not enter patient or service-user identifiable information."</strong>
                " Refer to people by initials or a case reference."
            </p>
        </div>
    }
}
