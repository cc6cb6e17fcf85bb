//! `/`: records waiting for the signed-in person's validation; when their
//! next supervision of each kind is due; the sessions booked with them; the records they saved as drafts
//! to finish; the supervision they received and the records they wrote for
//! others, apart, newest first; who has opened their records for a stated
//! purpose; and a download of all of them.

mod awaiting;
mod compliance;
mod drafts;
mod my_units;
mod questionnaires;
mod queues;
mod record_access;
mod records;
mod sessions;
mod to_arrange;

use leptos::prelude::*;
use leptos_router::components::A;
use supervision_shared::first_page::HOME_TITLE;

use crate::api::agreement::my_agreements;
use crate::api::compliance::my_compliance;
use crate::api::draft::my_drafts;
use crate::api::staff::my_supervisees;
use crate::api::supervision::{MyPart, awaiting_my_validation};
use crate::components::status::Loading;
use crate::first_view;
use crate::session::use_session;
use crate::title::set_title;
use awaiting::awaiting_section;
use compliance::ComplianceSection;
use drafts::DraftsSection;
use my_units::{MyUnitsSection, my_units_today};
use questionnaires::QuestionnairesSection;
use queues::{QueuesSection, my_queues};
use record_access::RecordAccessSection;
use records::{RecordList, RecordListSection};
use sessions::SessionsSection;
use supervision_shared::navigation::has_supervisees;
use to_arrange::ToArrangeSection;

/// The ranges offered, in months; the policy looks back two years by default.
const RANGES: [u32; 4] = [3, 6, 12, 24];
const DEFAULT_RANGE: u32 = 24;

/// What a person's roles put on their home page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RoleWork {
    /// They supervise or line-manage someone.
    supervises: bool,
    /// They oversee units (a head of service).
    oversees: bool,
    /// They decide requests to remove a record (a system administrator).
    removes: bool,
    /// They name people's line managers and supervisors (HR).
    allocates: bool,
    /// They audit supervision records.
    audits: bool,
}

impl RoleWork {
    fn of(me: &crate::api::me::Me) -> Self {
        Self {
            supervises: has_supervisees(&me.roles),
            oversees: me.is_senior_manager(),
            removes: me.is_system_admin(),
            allocates: me.is_hr_admin(),
            audits: me.is_auditor(),
        }
    }
}

/// The `/` page. What is on it depends on the person's roles, so it is
/// drawn once they are known (just after signing in, a moment later than
/// the page itself).
#[component]
pub fn HomePage() -> impl IntoView {
    set_title(HOME_TITLE);
    let session = use_session();
    // A memo: refetching the same person does not draw the page again.
    let work = Memo::new(move |_| session.person().map(|me| RoleWork::of(&me)));
    // What the server drew of this page before the app arrived, kept on
    // screen until the page is ready (the first visit only).
    let drawn = first_view::take("/");
    move || match work.get() {
        Some(work) => view! { <HomeContent work drawn=drawn.clone() /> }.into_any(),
        None => view! {
            <h1 tabindex="-1">{HOME_TITLE}</h1>
            <Loading what="your supervisions" />
        }
        .into_any(),
    }
}

/// The page for a person whose roles are known.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
fn HomeContent(
    /// What their roles put on the page.
    work: RoleWork,
    /// The server's drawing of the page's top, if this is the first visit.
    drawn: Option<String>,
) -> impl IntoView {
    let session = use_session();
    let months = RwSignal::new(DEFAULT_RANGE);
    let received = RecordList::new(MyPart::Received, months);
    let wrote = RecordList::new(MyPart::Wrote, months);

    let me_id = move || session.person().map(|me| me.id);
    // Records waiting for this person's validation come first. The parts
    // at the top of the page are asked for at once and the page is drawn
    // when all have answered, so no part appearing or growing pushes a page
    // already on screen down (the layout shift a phone user sees as the page
    // jumping under their thumb).
    let awaiting = LocalResource::new(awaiting_my_validation);
    let standings = LocalResource::new(my_compliance);
    let agreements = LocalResource::new(my_agreements);
    let drafts = LocalResource::new(my_drafts);
    let questionnaires = LocalResource::new(crate::api::questionnaire::my_questionnaires);
    let sessions = LocalResource::new(crate::api::booking::my_sessions);
    // What the person's roles give them to see first: supervision to
    // arrange, their units' figures, their queues; nobody is asked for what
    // their roles do not give them.
    let supervisees = LocalResource::new(move || async move {
        if work.supervises {
            my_supervisees().await
        } else {
            Ok(Vec::new())
        }
    });
    let units = LocalResource::new(move || async move {
        if work.oversees {
            my_units_today().await
        } else {
            Ok(Vec::new())
        }
    });
    let queues = LocalResource::new(move || {
        let supervisor = work.supervises.then(me_id).flatten();
        my_queues(
            work.removes,
            work.oversees,
            work.allocates,
            work.audits,
            supervisor,
        )
    });
    // Once drawn, the page stays: a later reload of one part (a new range
    // for the list, a draft discarded) is shown in that part.
    let ready = Memo::new(move |was: Option<&bool>| {
        was.copied().unwrap_or(false)
            || awaiting.with(Option::is_some)
                && standings.with(Option::is_some)
                && agreements.with(Option::is_some)
                && drafts.with(Option::is_some)
                && sessions.with(Option::is_some)
                && supervisees.with(Option::is_some)
                && units.with(Option::is_some)
                && queues.with(Option::is_some)
                && received.loaded()
                && wrote.loaded()
    });

    // The records lists and what follows them are drawn a task after the
    // rest: drawing the whole page at once was one task long enough that a
    // slow phone could not answer a tap meanwhile. They are below the parts
    // drawn first, so nothing on screen moves when they come.
    let lower_ready = RwSignal::new(false);
    Effect::new(move |_| {
        if ready.get() && !lower_ready.get_untracked() {
            leptos::task::spawn_local(async move {
                gloo_timers::future::TimeoutFuture::new(0).await;
                lower_ready.try_set(true);
            });
        }
    });

    view! {
        // Under the heading rather than above it: focus lands on the <h1> after
        // each page change, and screen-reader users would skip anything above.
        <h1 tabindex="-1">{HOME_TITLE}</h1>
        {move || match awaiting.get().filter(|_| ready.get()) {
            None => Some(match drawn.clone() {
                Some(html) => first_view::body(html).into_any(),
                None => view! { <Loading what="your supervisions" /> }.into_any(),
            }),
            // Without the list the page still works: the records below show
            // each one's validation.
            Some(result) => Some(awaiting_section(result.unwrap_or_default()).into_any()),
        }}
        <Show when=move || ready.get()>
        // Only someone supervised is told when their next supervision is due;
        // anyone else (an auditor, an administrator) may still have
        // supervision outside the organisation, or keep reflections.
        <Show
            when=move || session.person().is_some_and(|me| me.supervised)
            fallback=|| view! {
                <p>
                    <A href="/record">"Record your own supervision or a reflection"</A>
                </p>
            }
        >
            <ComplianceSection standings />
        </Show>
        <SessionsSection sessions me=me_id() />
        <QueuesSection queues />
        <QuestionnairesSection waiting=questionnaires />
        {work.oversees.then(|| view! { <MyUnitsSection units /> })}
        {work.supervises.then(|| view! { <ToArrangeSection supervisees /> })}
        <crate::pages::agreement::MyAgreements mine=agreements />
        <DraftsSection drafts />
        <Show when=move || lower_ready.get()>
        <div class="form-group range">
            <label class="label" for="range">
                "Show records from the last"
            </label>
            <select
                id="range"
                class="select"
                on:change=move |ev| {
                    if let Ok(value) = event_target_value(&ev).parse::<u32>() {
                        months.set(value);
                    }
                }
            >
                {RANGES
                    .iter()
                    .map(|&n| {
                        view! {
                            <option value=n.to_string() prop:selected=move || months.get() == n>
                                {format!("{n} months")}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
        <RecordListSection list=received me=me_id() />
        // Only for someone who writes records for others: their supervisees'
        // or, now and then, someone they do not normally supervise.
        <Show when=move || {
            wrote.has_records()
                || work.supervises
        }>
            <RecordListSection list=wrote me=me_id() />
        </Show>
        <RecordAccessSection />
        {move || me_id().map(|id| view! { <WellbeingLink id=id /> })}
        <DownloadSection />
        </Show>
        </Show>
    }
}

/// The way to the caller's own wellbeing checks and action plans (F3.9),
/// and to their appraisal objectives (F8.4), kept on their own page.
#[component]
fn WellbeingLink(id: uuid::Uuid) -> impl IntoView {
    view! {
        <section class="page-section" aria-labelledby="wellbeing-link-heading">
            <h2 id="wellbeing-link-heading">"My wellbeing"</h2>
            <p>
                "Wellbeing checks and action plans you keep with your supervisor: only the two of you see them."
            </p>
            <p>
                <a href=format!("/wellbeing/{id}")>"Open my wellbeing records"</a>
            </p>
        </section>
        <section class="page-section" aria-labelledby="objectives-link-heading">
            <h2 id="objectives-link-heading">"My appraisal objectives"</h2>
            <p>
                "The objectives agreed at your appraisal, which your supervision can work on."
            </p>
            <p>
                <a href=format!("/staff/{id}")>"Open my objectives and supervision history"</a>
            </p>
        </section>
    }
}

/// Links to the caller's whole record, as data and as a page to print or
/// keep. They are files from the server, not pages of the app, so the router
/// must leave them alone (`rel=external`).
#[component]
fn DownloadSection() -> impl IntoView {
    view! {
        <section class="page-section" aria-labelledby="download-heading">
            <h2 id="download-heading">"Download my records"</h2>
            <p>"Everything recorded about your supervision, to keep or to take with you."</p>
            <ul class="download-list">
                <li>
                    <a href="/export/my-records.json" download="" rel="external">
                        <span class="visually-hidden">"Download my records "</span>
                        "as data (JSON)"
                    </a>
                </li>
                <li>
                    <a href="/export/my-records.html" download="" rel="external">
                        <span class="visually-hidden">"Download my records "</span>
                        "printable (HTML)"
                    </a>
                </li>
            </ul>
        </section>
    }
}
