//! The app's shell: the skip link, the header and navigation, the `<main>`
//! landmark, the routes, and the idle time-out warning.

use leptos::prelude::*;
use leptos_router::Lazy;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::components::error_summary::{PageErrorSummary, PageErrors, focus_element};
use crate::components::nav::SiteHeader;
use crate::components::offline_notice::OfflineNotice;
use crate::components::session_timer::SessionTimer;
use crate::pages::not_found::NotFoundPage;
use crate::routes;
use crate::session::Session;

/// The id of the `<main>` element, the skip link's target.
const MAIN_ID: &str = "main";

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let session = Session::provide();
    let page_errors = PageErrors::provide();
    // A memo, so refetching the same person does not restart the timer.
    let signed_in = Memo::new(move |_| session.person().is_some());
    // Whether the first answer to "who is signed in" has come (whatever it
    // said); it stays so while `me` is asked again. Until then <main> shows
    // what index.html's shell showed (`Starting`): a page drawn before the navigation
    // (which depends on the person's roles) would be pushed down the screen
    // when it arrived, the layout shift a phone user sees as the page jumping
    // under their thumb.
    let session_known = Memo::new(move |known: Option<&bool>| {
        known.copied().unwrap_or(false) || session.me.get().is_some()
    });
    view! {
        <Router>
            // rel=external: the browser's own fragment navigation moves focus
            // to <main>, which the router's click handling would not.
            <a class="skip-link" href="#main" rel="external">
                "Skip to main content"
            </a>
            <SiteHeader />
            <OfflineNotice />
            <FocusOnNavigate />
            <main id=MAIN_ID class="main" tabindex="-1">
                // Any form's error summary, above the page's heading.
                <PageErrorSummary page=page_errors />
                <crate::first_view::Starting ready=session_known />
                <Show when=move || session_known.get()>
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view={Lazy::<routes::Home>::new()} />
                        <Route path=path!("/signin") view={Lazy::<routes::SignIn>::new()} />
                        <Route path=path!("/help") view={Lazy::<routes::Help>::new()} />
                        <Route path=path!("/record") view={Lazy::<routes::Record>::new()} />
                        // The intranet's stable links (F1.3; listed in the README).
                        <Route path=path!("/record/clinical") view={Lazy::<routes::RecordClinical>::new()} />
                        <Route
                            path=path!("/record/management")
                            view={Lazy::<routes::RecordManagement>::new()}
                        />
                        <Route path=path!("/actions") view={Lazy::<routes::Actions>::new()} />
                        <Route path=path!("/actions/:id") view={Lazy::<routes::Action>::new()} />
                        <Route path=path!("/cases") view={Lazy::<routes::Cases>::new()} />
                        <Route path=path!("/supervisees") view={Lazy::<routes::Supervisees>::new()} />
                        <Route path=path!("/compliance") view={Lazy::<routes::TeamCompliance>::new()} />
                        <Route path=path!("/team/compliance") view={Lazy::<routes::TeamCompliance>::new()} />
                        <Route path=path!("/supervisions/:id") view={Lazy::<routes::Supervision>::new()} />
                        <Route path=path!("/staff/:id") view={Lazy::<routes::StaffHistory>::new()} />
                        <Route path=path!("/wellbeing/:id") view={Lazy::<routes::Wellbeing>::new()} />
                        <Route path=path!("/observations/:id") view={Lazy::<routes::Observations>::new()} />
                        <Route path=path!("/questionnaire/:id") view={Lazy::<routes::Questionnaire>::new()} />
                        <Route path=path!("/questionnaires") view={Lazy::<routes::Questionnaires>::new()} />
                        <Route path=path!("/questionnaires/:id") view={Lazy::<routes::QuestionnaireResults>::new()} />
                        <Route path=path!("/organisation") view={Lazy::<routes::OrganisationSettings>::new()} />
                        <Route path=path!("/units") view={Lazy::<routes::Units>::new()} />
                        <Route path=path!("/book") view={Lazy::<routes::Book>::new()} />
                        <Route path=path!("/sessions/:id") view={Lazy::<routes::Session>::new()} />
                        <Route path=path!("/agreements/new") view={Lazy::<routes::AgreementNew>::new()} />
                        <Route path=path!("/agreements/:id") view={Lazy::<routes::Agreement>::new()} />
                        <Route path=path!("/removals") view={Lazy::<routes::Removals>::new()} />
                        <Route path=path!("/redactions") view={Lazy::<routes::Redactions>::new()} />
                        <Route path=path!("/legal-holds") view={Lazy::<routes::LegalHolds>::new()} />
                        <Route path=path!("/unallocated") view={Lazy::<routes::Unallocated>::new()} />
                        <Route path=path!("/audits") view={Lazy::<routes::Audits>::new()} />
                        <Route path=path!("/audits/:id") view={Lazy::<routes::AuditRound>::new()} />
                        <Route
                            path=path!("/audits/:id/records/:record")
                            view={Lazy::<routes::ScoreRecord>::new()}
                        />
                        <Route
                            path=path!("/audits/:id/records/:record/finding")
                            view={Lazy::<routes::RaiseFinding>::new()}
                        />
                        <Route
                            path=path!("/performance-records")
                            view={Lazy::<routes::PerformanceRecords>::new()}
                        />
                        <Route path=path!("/policy") view={Lazy::<routes::PolicyRules>::new()} />
                        <Route path=path!("/import") view={Lazy::<routes::Import>::new()} />
                        <Route path=path!("/roles") view={Lazy::<routes::Roles>::new()} />
                    </Routes>
                </Show>
            </main>
            // On every page, signed in or not (F9.2).
            <footer class="site-footer">
                <a href="/help">"Help and frequently asked questions"</a>
            </footer>
            <Show when=move || signed_in.get()>
                <SessionTimer />
            </Show>
        </Router>
    }
}

/// After a client-side page change, moves focus to the new page's heading,
/// as a full page load would put screen-reader users at the top.
#[component]
fn FocusOnNavigate() -> impl IntoView {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            request_animation_frame(|| {
                let heading = document().query_selector("main h1").ok().flatten();
                match heading {
                    Some(h1) if !h1.id().is_empty() => focus_element(&h1.id()),
                    Some(h1) => {
                        h1.set_id("page-heading");
                        focus_element("page-heading");
                    }
                    None => focus_element(MAIN_ID),
                }
            });
        }
        path
    });
}
