//! `/record`: the form to record a supervision session. What is typed is
//! kept in localStorage, under the signed-in person's id, until it is saved,
//! so nothing is lost to a reload or an expired session, and nobody else
//! signing in at the same browser sees it. "Save draft" also keeps it on the
//! server, to finish later here or on another device (`/record?draft=ID`).

mod actions;
mod carried_forward;
mod cases;
mod continue_draft;
pub mod draft;
pub mod server_draft;
pub mod wellbeing;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use supervision_shared::SupervisionKind;
use uuid::Uuid;

use crate::api::draft::save_draft;
use crate::api::staff::StaffSummary;
use crate::api::supervision::record_supervision;
use crate::api::{ApiError, ErrorCode};
use crate::components::error_summary::{ErrorSummary, focus_error_summary};
use crate::components::field_error::{FieldErrorMessage, FormErrors};
use crate::components::record_content::{
    ContentForm, CycleSections, FunctionsField, SessionFields,
};
use crate::components::staff_picker::StaffPicker;
use crate::components::status::{LoadError, Loading};
use crate::dates;
use crate::session::use_session;
use crate::title::set_title;
use actions::ActionRows;
use carried_forward::CarriedForward;
use cases::CaseRows;
use continue_draft::ContinueDraft;
use draft::StoredForm;
use wellbeing::WellbeingToReview;

/// What to say when saving could not reach the server.
const NETWORK_FAILED: &str = "We could not reach the server. Your record is kept on this device; \
     press Save record again to send it.";

/// The same, when the device says it is offline: it is sent by itself.
const SENT_WHEN_ONLINE: &str = "You are offline. Your record is kept on this device and will be \
     sent as soon as the signal returns: keep this page open.";

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
        chosen.track();
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
    let query = use_query_map().get_untracked();

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
        let stored = StoredForm {
            supervisees: supervisees.get_untracked(),
            ..form.get_untracked()
        };
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
    let submit = std::rc::Rc::new(move || {
        if saving.get_untracked() {
            return;
        }
        general.set(None);
        let stored = StoredForm {
            supervisees: supervisees.get_untracked(),
            ..form.get_untracked()
        };
        let stored_key = stored.submission_key;
        let record = match stored.to_draft(person, dates::today()) {
            Ok(record) => record,
            Err(found) => {
                errors.set(found);
                focus_error_summary();
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
                    let mut fields = err.fields;
                    draft::sort_errors(&mut fields);
                    errors.set(fields);
                    focus_error_summary();
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
    });
    let on_submit = {
        let submit = submit.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            submit();
        }
    };
    let resend = window_event_listener(leptos::ev::online, move |_| {
        if send_when_online.get_untracked() {
            send_when_online.set(false);
            submit();
        }
    });
    on_cleanup(move || resend.remove());

    let kind = move || form.with(|f| f.kind);
    let content = ContentForm {
        state: form,
        errors,
        prefix: "",
    };

    view! {
        <h1 tabindex="-1">"Record supervision"</h1>
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
            <section class="form-section" aria-labelledby="session-heading">
                <h2 id="session-heading">"About the session"</h2>
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
                <SessionFields form=content kind=Signal::derive(kind) />
            </section>

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

            <CarriedForward supervisees=supervisees />

            <WellbeingToReview supervisees=supervisees />

            <section class="form-section" aria-labelledby="discussed-heading">
                <h2 id="discussed-heading">"What was discussed"</h2>
                <div class="notice notice-warning" id="privacy-reminder">
                    <p>
                        <strong>"Do not enter patient or service-user identifiable information."</strong>
                        " Refer to people by initials or a case reference."
                    </p>
                </div>
                <CycleSections form=content prompts=true />
                <FunctionsField form=content />
            </section>

            <CaseRows form=form supervisees=supervisees errors=errors />

            <ActionRows form=form supervisees=supervisees recorder=recorder errors=errors />

            <div class="form-actions">
                <div class="form-buttons">
                    <button type="submit" class="button button-primary" disabled=move || saving.get()>
                        "Save record"
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
