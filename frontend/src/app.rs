//! The app's shell: the skip link, the header and navigation, the `<main>`
//! landmark, the routes, and the idle time-out warning.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::components::error_summary::focus_element;
use crate::components::nav::SiteHeader;
use crate::components::offline_notice::OfflineNotice;
use crate::components::session_timer::SessionTimer;
use crate::pages::actions::ActionsPage;
use crate::pages::agreement::{AgreementNewPage, AgreementPage};
use crate::pages::cases::CasesPage;
use crate::pages::home::HomePage;
use crate::pages::import::ImportPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::organisation_settings::OrganisationSettingsPage;
use crate::pages::policy_rules::PolicyRulesPage;
use crate::pages::record::RecordPage;
use crate::pages::removals::RemovalsPage;
use crate::pages::roles::RolesPage;
use crate::pages::signin::SignInPage;
use crate::pages::staff_history::StaffHistoryPage;
use crate::pages::supervisees::SuperviseesPage;
use crate::pages::supervision::SupervisionPage;
use crate::pages::team_compliance::TeamCompliancePage;
use crate::pages::units::UnitsPage;
use crate::pages::wellbeing::WellbeingPage;
use crate::session::Session;
use supervision_shared::SupervisionKind;

/// The id of the `<main>` element, the skip link's target.
const MAIN_ID: &str = "main";

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let session = Session::provide();
    // A memo, so refetching the same person does not restart the timer.
    let signed_in = Memo::new(move |_| session.person().is_some());
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
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/signin") view=SignInPage />
                    <Route path=path!("/record") view=|| view! { <RecordPage /> } />
                    // The intranet's stable links (F1.3; listed in the README).
                    <Route
                        path=path!("/record/clinical")
                        view=|| view! { <RecordPage kind=SupervisionKind::ClinicalOneToOne /> }
                    />
                    <Route
                        path=path!("/record/management")
                        view=|| view! { <RecordPage kind=SupervisionKind::LineManagement /> }
                    />
                    <Route path=path!("/actions") view=ActionsPage />
                    <Route path=path!("/cases") view=CasesPage />
                    <Route path=path!("/supervisees") view=SuperviseesPage />
                    <Route path=path!("/compliance") view=TeamCompliancePage />
                    <Route path=path!("/team/compliance") view=TeamCompliancePage />
                    <Route path=path!("/supervisions/:id") view=SupervisionPage />
                    <Route path=path!("/staff/:id") view=StaffHistoryPage />
                    <Route path=path!("/wellbeing/:id") view=WellbeingPage />
                    <Route path=path!("/organisation") view=OrganisationSettingsPage />
                    <Route path=path!("/units") view=UnitsPage />
                    <Route path=path!("/agreements/new") view=AgreementNewPage />
                    <Route path=path!("/agreements/:id") view=AgreementPage />
                    <Route path=path!("/removals") view=RemovalsPage />
                    <Route path=path!("/policy") view=PolicyRulesPage />
                    <Route path=path!("/import") view=ImportPage />
                    <Route path=path!("/roles") view=RolesPage />
                </Routes>
            </main>
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
