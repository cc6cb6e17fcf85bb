//! `/supervisions/:id`: one record, its supervisees' validations and
//! comments, its earlier versions, and, for a supervisee, the forms to
//! validate it, comment on it and keep personal notes on it; for its
//! recorder, the forms to amend it and to ask for it to be removed. Someone
//! who may open records for a stated purpose is offered that where the
//! record is otherwise not found; a senior manager who sees only the outline
//! may redact a section on request.
//! Whoever may read the content sees the cases discussed and the files
//! attached; the recorder and the supervisees may attach more.

mod amend_form;
mod attachments;
mod audit;
mod cases;
mod comments;
mod notices;
mod objectives;
mod personal_notes_form;
mod print;
mod redaction_request_form;
mod removal_form;
mod sections;
mod shared_notes;
mod validate_form;
mod versions;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use supervision_shared::ValidationState;
use uuid::Uuid;

use crate::api::access::AccessGrant;
use crate::api::access::PurposeTarget;
use crate::api::redaction::Redaction;
use crate::api::supervision::{
    Attendee, RecordAccess, Supervision, SupervisionContent, supervision,
};
use crate::api::{ApiError, ErrorCode};
use crate::compliance::saved_note;
use crate::components::error_summary::focus_element;
use crate::components::purpose_form::PurposeForm;
use crate::components::status::{LoadError, Loading, SavedNotice};
use crate::dates;
use crate::session::use_session;
use crate::title::set_title;
use amend_form::AmendForm;
use amend_form::values::{RecordFacts, as_it_stands};
use attachments::{AttachmentRights, AttachmentsSection};
use cases::cases_view;
use comments::CommentsSection;
use notices::record_notices;
use personal_notes_form::PersonalNotesForm;
use print::PrintButton;
use redaction_request_form::{RedactionRequests, offered_sections};
use removal_form::RemovalForm;
use sections::sections_view;
use shared_notes::SharedNotesSection;
use validate_form::ValidateForm;
use versions::versions_view;

/// The id of the page's status message, focused after a form's change so
/// keyboard and screen-reader users hear the outcome where they are.
const STATUS_ID: &str = "record-status";

/// The `/supervisions/:id` page.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
pub fn SupervisionPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .with(|p| p.get("id"))
            .and_then(|s| Uuid::parse_str(&s).ok())
    });
    let record = LocalResource::new(move || {
        let id = id.get();
        async move {
            match id {
                Some(id) => supervision(id).await,
                // A malformed id names no record: same answer as a missing one.
                None => Err(ApiError::new(ErrorCode::NotFound, "malformed id")),
            }
        }
    });
    // The validation, purpose, amend and removal forms show their outcome
    // here after the record reloads.
    let status = RwSignal::new(None::<String>);
    let session = use_session();
    let viewer = Signal::derive(move || session.person().map(|me| me.id));
    // `?saved=1`: the record form has just saved this record (kept in the
    // address so the note survives a reload).
    let query = use_query_map();
    let just_saved = Signal::derive(move || query.with(|q| q.get("saved").as_deref() == Some("1")));

    Effect::new(move |_| match record.get() {
        Some(Ok(r)) => set_title(&format!("{}, {}", r.kind.label(), dates::long(r.held_on))),
        Some(Err(e)) if e.code == ErrorCode::NotFound => set_title("Record not found"),
        Some(Err(_)) => set_title("Supervision record"),
        None => set_title("Loading supervision record"),
    });

    let on_validated = Callback::new(move |message: String| {
        status.set(Some(message));
        record.refetch();
    });

    // A banner about one record does not belong on the next one.
    Effect::new(move |_| {
        id.track();
        status.set(None);
    });

    let on_opened = Callback::new(move |grant: AccessGrant| {
        status.set(Some(format!(
            "Opened for {} until {}",
            grant.purpose.label(),
            dates::until(grant.expires_at, dates::today()),
        )));
        record.refetch();
    });

    move || {
        match record.get() {
        None => view! {
            <h1 tabindex="-1">"Supervision record"</h1>
            <Loading what="the record" />
        }
        .into_any(),
        // Not theirs to know of: "not found", or, for a role that may state
        // a purpose, the form to open it for one.
        Some(Err(err)) if err.code == ErrorCode::NotFound => match id.get() {
            Some(id) => view! {
                <PurposeForm target=PurposeTarget::Record(id) on_opened=on_opened as_page=true />
            }
            .into_any(),
            None => view! {
                <h1 tabindex="-1">"Record not found"</h1>
                <p>"It may have been removed, or you may not have access to it."</p>
            }
            .into_any(),
        },
        Some(Err(err)) => view! {
            <h1 tabindex="-1">"Supervision record"</h1>
            <LoadError error=err />
        }
        .into_any(),
        Some(Ok(r)) => {
            let saved = SavedNote { just_saved, viewer };
            record_view(r, status, on_validated, saved).into_any()
        }
    }
    }
}

/// When to say what a just-saved record means for the next due date.
#[derive(Clone, Copy)]
struct SavedNote {
    /// The record form has just saved it.
    just_saved: Signal<bool>,
    /// Who is looking: the note is for the person who recorded it.
    viewer: Signal<Option<Uuid>>,
}

/// The record. `on_changed` reports a form's outcome and reloads the record.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
fn record_view(
    r: Supervision,
    status: RwSignal<Option<String>>,
    on_changed: Callback<String>,
    saved: SavedNote,
) -> impl IntoView {
    let heading = format!("{}, {}", r.kind.label(), dates::long(r.held_on));
    // Worked out here with the shared rule, from each supervisee's own
    // policy and schedule as the server sends them.
    let supervisees: Vec<(Uuid, String)> = r
        .attendees
        .iter()
        .map(|a| (a.supervisee.id, a.supervisee.name.clone()))
        .collect();
    let recorder = r.recorded_by.id;
    let show_note = move || saved.just_saved.get() && saved.viewer.get() == Some(recorder);
    // The end of recording is where the next session is booked (F9.3).
    let book_href = crate::pages::sessions::book_href(&supervisees);
    let ids: Vec<Uuid> = supervisees.iter().map(|(id, _)| *id).collect();
    let rules = LocalResource::new(move || {
        let ids = ids.clone();
        let wanted = saved.just_saved.get();
        async move {
            if wanted {
                crate::api::compliance::due_rules(&ids)
                    .await
                    .unwrap_or_default()
            } else {
                Vec::new()
            }
        }
    });
    let (kind, approach, held_on) = (r.kind, r.approach, r.held_on);
    let note = move || {
        let rules = rules.get().map(|r| r.to_vec()).unwrap_or_default();
        saved_note(kind, approach, held_on, &supervisees, &rules)
    };
    // Only the recorder may amend or ask for removal; the server decides,
    // this only chooses what to offer. A memo, so the session reloading the
    // same person does not rebuild (and empty) the forms.
    let is_recorder = Memo::new(move |_| saved.viewer.get() == Some(recorder));
    let facts = outline_facts(&r);
    let notices = record_notices(&r);
    let mut content = r.content.clone();
    let versions = content
        .as_mut()
        .map(|c| std::mem::take(&mut c.amendments))
        .unwrap_or_default();
    // Only someone who may read the content is sent the attachments.
    let attachments = content.as_mut().map(|c| std::mem::take(&mut c.attachments));
    let comments = content.as_mut().map(|c| std::mem::take(&mut c.comments));
    let audit_feedback = content
        .as_mut()
        .map(|c| std::mem::take(&mut c.audit_feedback))
        .unwrap_or_default();
    let rights = AttachmentRights {
        may_attach: r.viewer_access == RecordAccess::Participant,
        recorder,
        viewer: saved.viewer,
    };
    let amend = content
        .as_ref()
        .map(|c| (RecordFacts::of(&r), as_it_stands(&r, c)));
    let removal_pending = r.removal_pending;
    let can_validate = r.can_validate;
    let my_validation = r.my_validation.clone();
    // A record waiting for the viewer's validation asks for it first, at the
    // top; once validated, the form to change it sits below the record.
    let awaiting_me = can_validate
        && my_validation
            .as_ref()
            .is_none_or(|a| a.validation_state == ValidationState::Awaiting);
    let validate = can_validate.then(|| {
        view! { <ValidateForm id=r.id current=my_validation awaiting=awaiting_me on_validated=on_changed /> }
    });
    let (validate_top, validate_below) = if awaiting_me {
        (validate, None)
    } else {
        (None, validate)
    };
    let personal_notes = r.my_personal_notes.clone();
    let notes_shared = r.my_personal_notes_shared;
    // Whoever led the session, unless it is the supervisee's own record.
    let facilitator = (!r
        .attendees
        .iter()
        .any(|a| a.supervisee.id == r.recorded_by.id))
    .then(|| r.recorded_by.name.clone());
    let shared_with_me = r.notes_shared_with_me.clone();
    let redactions = r.redactions.clone();
    // Those who take part in the record may ask for a section to be
    // redacted, and see what became of their requests.
    let redaction_requests = (r.viewer_access == RecordAccess::Participant).then(|| {
        let offered = content
            .as_ref()
            .map(|c| offered_sections(c, &r.redactions, &r.redaction_requests))
            .unwrap_or_default();
        (r.redaction_requests.clone(), offered)
    });
    let access = r.viewer_access;
    let id = r.id;
    let group = r.attendees.len() > 1;
    // The record has just reloaded after a form changed it: say how it went
    // where focus now is (the form itself may have gone).
    if status.get_untracked().is_some() {
        request_animation_frame(|| focus_element(STATUS_ID));
    }
    view! {
        <h1 tabindex="-1">{heading}</h1>
        {move || {
            show_note()
                .then(|| {
                    view! {
                        <div class="notice notice-success saved-note">
                            <p>
                                <strong>"Your record has been saved."</strong>
                            </p>
                            <p>{note.clone()}</p>
                            <p>
                                <A href=book_href.clone()>"Book the next session"</A>
                            </p>
                        </div>
                    }
                })
        }}
        <SavedNotice message=status id=STATUS_ID />
        {notices}
        {validate_top}
        {(access == RecordAccess::Granted)
            .then(|| {
                view! {
                    <p class="notice notice-warning">
                        "You opened this record for a stated purpose. This access is logged and shown to the supervisee."
                    </p>
                }
            })}
        <dl class="summary-list">
            {facts
                .into_iter()
                .map(|(term, value)| {
                    view! {
                        <div class="summary-row">
                            <dt>{term}</dt>
                            <dd>{value}</dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
        {match content {
            Some(content) => content_view(content, &redactions).into_any(),
            None if access == RecordAccess::MetadataOnly => view! {
                <p class="notice">"You can see that this session took place, but not what was discussed."</p>
                {sections_view(None, &redactions)}
            }
            .into_any(),
            None => view! {
                <p class="notice">
                    "What was discussed is visible only to the person who recorded it and the people supervised."
                </p>
                {sections_view(None, &redactions)}
            }
            .into_any(),
        }}
        {attachments
            .map(|list| {
                view! { <AttachmentsSection id=id attachments=list rights=rights on_changed=on_changed /> }
            })}
        {(access == RecordAccess::Participant)
            .then(|| view! { <objectives::ObjectivesSection record=id group=group /> })}
        <section aria-labelledby="attendees-heading">
            // The record form's word for them too.
            <h2 id="attendees-heading">"Supervisees"</h2>
            <ul class="attendee-list">{r.attendees.into_iter().map(attendee_item).collect_view()}</ul>
        </section>
        {validate_below}
        {(!audit_feedback.is_empty()).then(|| audit::feedback_section(audit_feedback))}
        {comments
            .map(|list| {
                view! { <CommentsSection id=id comments=list may_comment=can_validate on_added=on_changed /> }
            })}
        {can_validate
            .then(|| {
                view! {
                    <PersonalNotesForm
                        id=id
                        current=personal_notes
                        shared=notes_shared
                        facilitator=facilitator
                    />
                }
            })}
        <SharedNotesSection notes=shared_with_me />
        {versions_view(versions, &redactions)}
        {move || {
            let (record, current) = amend.clone().filter(|_| is_recorder.get())?;
            Some(view! { <AmendForm record=record current=current on_amended=on_changed /> })
        }}
        {move || {
            (is_recorder.get() && !removal_pending)
                .then(|| view! { <RemovalForm id=id on_requested=on_changed /> })
        }}
        {redaction_requests
            .map(|(requests, offered)| {
                view! { <RedactionRequests id=id requests=requests offered=offered on_requested=on_changed /> }
            })}
        <PrintButton id=id />
    }
}

/// The record's outline as term/value pairs, leaving out what is not set.
fn outline_facts(r: &Supervision) -> Vec<(&'static str, String)> {
    let supervisees: Vec<&str> = r
        .attendees
        .iter()
        .map(|a| a.supervisee.name.as_str())
        .collect();
    let mut facts = vec![
        ("Kind of supervision", r.kind.label().to_owned()),
        ("Date held", dates::long(r.held_on)),
        ("Supervisees", supervisees.join(", ")),
        ("Recorded by", r.recorded_by.name.clone()),
    ];
    if let Some(approach) = r.approach {
        facts.push(("Approach", approach.label().to_owned()));
    }
    if let Some(external) = r.external_supervisor.as_ref().filter(|s| !s.is_empty()) {
        facts.push(("External supervisor", external.clone()));
    }
    facts.push(("Duration", format!("{} minutes", r.duration_minutes)));
    facts.push(("Mode", r.mode.label().to_owned()));
    if !r.location.trim().is_empty() {
        facts.push(("Location", r.location.clone()));
    }
    facts.push((
        "Counts as formal supervision",
        if r.counts_as_formal { "Yes" } else { "No" }.to_owned(),
    ));
    facts
}

/// The sections, then cases, functions and actions.
fn content_view(content: SupervisionContent, redactions: &[Redaction]) -> impl IntoView {
    let sections = sections_view(Some(&content), redactions);
    let cases = cases_view(content.cases);
    let functions = content.functions;
    let actions = content.actions;
    view! {
        {sections}
        {cases}
        {(!functions.is_empty()).then(|| {
            view! {
                <section class="record-section">
                    <h2>"Functions covered"</h2>
                    <ul class="tag-list">
                        {functions.iter().map(|f| view! { <li class="tag">{f.label()}</li> }).collect_view()}
                    </ul>
                </section>
            }
        })}
        {(!actions.is_empty()).then(|| {
            view! {
                <section class="record-section">
                    <h2>"Actions"</h2>
                    <ul class="action-list">
                        {actions
                            .into_iter()
                            .map(|action| {
                                let due = action
                                    .due_on
                                    .map(|d| format!(", due {}", dates::long(d)))
                                    .unwrap_or_default();
                                let overdue = action
                                    .overdue
                                    .then(|| view! { " " <span class="tag tag-overdue">"Overdue"</span> });
                                view! {
                                    <li class="action-item">
                                        <p>{action.description} {overdue}</p>
                                        <p class="muted">
                                            {format!("{}{} ({})", action.owner.name, due, action.status)}
                                        </p>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })}
    }
}

/// A supervisee and where their validation stands, with their comment so a
/// disagreement is seen alongside the record.
fn attendee_item(attendee: Attendee) -> impl IntoView {
    let state = attendee.validation_state;
    let comment = attendee.comment.filter(|c| !c.trim().is_empty());
    view! {
        <li class="attendee">
            <span class="attendee-name">{attendee.supervisee.name}</span>
            " "
            <span class=format!("tag tag-{}", state.as_str())>{state.label()}</span>
            {comment.map(|c| {
                view! {
                    <blockquote class="attendee-comment">
                        <p class="visually-hidden">"Their comment:"</p>
                        <p class="prose">{c}</p>
                    </blockquote>
                }
            })}
        </li>
    }
}
