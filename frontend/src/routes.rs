//! Every page is a lazy route: its code is in WebAssembly fetched when a page
//! of its group is first opened, so a phone on a slow connection downloads
//! the app's frame and the page it came for, not every page (issue 13).
//! scripts/build-frontend.sh splits the compiled wasm at the five `#[lazy]`
//! functions below (tools/wasm-split); in a build that is not split they are
//! ordinary functions, and the routes behave the same.
//!
//! Five split points, not one per page: the splitter makes a file for each
//! set of split points that shares code, so twenty points made 440 files and
//! the home page needed 190 of them. The two pages people arrive at (home,
//! sign-in) each have their own, and so does help (mostly text, which
//! sign-in's visitors need not download); the rest are grouped by who uses
//! them: everyday supervision work, and running the service.
//!
//! A page's data is fetched by the page itself, once its code has arrived;
//! the session (who is signed in) is in the main module, so it is asked for
//! while the page's code is still on its way.

use leptos::lazy;
use leptos::prelude::*;
use leptos_router::LazyRoute;
use supervision_shared::SupervisionKind;

use crate::pages::actions::{ActionPage, ActionsPage};
use crate::pages::agreement::{AgreementNewPage, AgreementPage};
use crate::pages::audits::AuditsPage;
use crate::pages::audits::finding::RaiseFindingPage;
use crate::pages::audits::round::AuditRoundPage;
use crate::pages::audits::score::ScoreRecordPage;
use crate::pages::cases::CasesPage;
use crate::pages::help::HelpPage;
use crate::pages::home::HomePage;
use crate::pages::import::ImportPage;
use crate::pages::legal_holds::LegalHoldsPage;
use crate::pages::observations::ObservationsPage;
use crate::pages::organisation_settings::OrganisationSettingsPage;
use crate::pages::performance_records::PerformanceRecordsPage;
use crate::pages::policy_rules::PolicyRulesPage;
use crate::pages::questionnaire::QuestionnairePage;
use crate::pages::questionnaires::{QuestionnaireResultsPage, QuestionnairesPage};
use crate::pages::record::RecordPage;
use crate::pages::redactions::RedactionsPage;
use crate::pages::removals::RemovalsPage;
use crate::pages::roles::RolesPage;
use crate::pages::sessions::{BookPage, SessionPage};
use crate::pages::signin::SignInPage;
use crate::pages::staff_history::StaffHistoryPage;
use crate::pages::supervisees::SuperviseesPage;
use crate::pages::supervision::SupervisionPage;
use crate::pages::team_compliance::TeamCompliancePage;
use crate::pages::unallocated::UnallocatedPage;
use crate::pages::units::UnitsPage;
use crate::pages::wellbeing::WellbeingPage;

#[lazy]
fn home_view() -> AnyView {
    view! { <HomePage /> }.into_any()
}

#[lazy]
fn sign_in_view() -> AnyView {
    view! { <SignInPage /> }.into_any()
}

/// Help, open signed out like sign-in, is a split point of its own: its
/// answers are mostly text, which everyone arriving at sign-in would
/// otherwise download too.
#[lazy]
fn help_view() -> AnyView {
    view! { <HelpPage /> }.into_any()
}

/// The pages of everyday supervision work: recording, reading and
/// validating records, actions, cases, supervisees, agreements, booking
/// sessions, answering the annual questionnaire.
enum Work {
    Record(Option<SupervisionKind>),
    Actions,
    Action,
    Cases,
    Supervisees,
    Supervision,
    StaffHistory,
    Wellbeing,
    Observations,
    Questionnaire,
    AgreementNew,
    Agreement,
    Book,
    Session,
}

#[lazy]
fn work_view(page: Work) -> AnyView {
    match page {
        Work::Record(None) => view! { <RecordPage /> }.into_any(),
        Work::Record(Some(kind)) => view! { <RecordPage kind /> }.into_any(),
        Work::Actions => view! { <ActionsPage /> }.into_any(),
        Work::Action => view! { <ActionPage /> }.into_any(),
        Work::Cases => view! { <CasesPage /> }.into_any(),
        Work::Supervisees => view! { <SuperviseesPage /> }.into_any(),
        Work::Supervision => view! { <SupervisionPage /> }.into_any(),
        Work::StaffHistory => view! { <StaffHistoryPage /> }.into_any(),
        Work::Wellbeing => view! { <WellbeingPage /> }.into_any(),
        Work::Observations => view! { <ObservationsPage /> }.into_any(),
        Work::Questionnaire => view! { <QuestionnairePage /> }.into_any(),
        Work::AgreementNew => view! { <AgreementNewPage /> }.into_any(),
        Work::Agreement => view! { <AgreementPage /> }.into_any(),
        Work::Book => view! { <BookPage /> }.into_any(),
        Work::Session => view! { <SessionPage /> }.into_any(),
    }
}

/// The pages for running the service: compliance, the organisation's
/// settings, units, roles, policy rules, imports, removal and redaction
/// requests, legal holds, performance management records and people with
/// no one named to supervise them (HR), dip-sample audits (auditors), the
/// annual questionnaire's cycles and results.
enum Service {
    TeamCompliance,
    OrganisationSettings,
    Units,
    Removals,
    Redactions,
    LegalHolds,
    Unallocated,
    Audits,
    AuditRound,
    ScoreRecord,
    RaiseFinding,
    Questionnaires,
    QuestionnaireResults,
    PerformanceRecords,
    PolicyRules,
    Import,
    Roles,
}

#[lazy]
fn service_view(page: Service) -> AnyView {
    match page {
        Service::TeamCompliance => view! { <TeamCompliancePage /> }.into_any(),
        Service::OrganisationSettings => view! { <OrganisationSettingsPage /> }.into_any(),
        Service::Units => view! { <UnitsPage /> }.into_any(),
        Service::Removals => view! { <RemovalsPage /> }.into_any(),
        Service::Redactions => view! { <RedactionsPage /> }.into_any(),
        Service::LegalHolds => view! { <LegalHoldsPage /> }.into_any(),
        Service::Unallocated => view! { <UnallocatedPage /> }.into_any(),
        Service::Audits => view! { <AuditsPage /> }.into_any(),
        Service::AuditRound => view! { <AuditRoundPage /> }.into_any(),
        Service::ScoreRecord => view! { <ScoreRecordPage /> }.into_any(),
        Service::RaiseFinding => view! { <RaiseFindingPage /> }.into_any(),
        Service::Questionnaires => view! { <QuestionnairesPage /> }.into_any(),
        Service::QuestionnaireResults => view! { <QuestionnaireResultsPage /> }.into_any(),
        Service::PerformanceRecords => view! { <PerformanceRecordsPage /> }.into_any(),
        Service::PolicyRules => view! { <PolicyRulesPage /> }.into_any(),
        Service::Import => view! { <ImportPage /> }.into_any(),
        Service::Roles => view! { <RolesPage /> }.into_any(),
    }
}

/// Declares `$route`, a route whose view is `$load` once its code is here.
macro_rules! lazy_page {
    ($($route:ident => $load:expr;)*) => {$(
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                $load.await
            }
        }
    )*};
}

lazy_page! {
    Home => home_view();
    SignIn => sign_in_view();
    Help => help_view();
    Record => work_view(Work::Record(None));
    RecordClinical => work_view(Work::Record(Some(SupervisionKind::ClinicalOneToOne)));
    RecordManagement => work_view(Work::Record(Some(SupervisionKind::LineManagement)));
    Actions => work_view(Work::Actions);
    Action => work_view(Work::Action);
    Cases => work_view(Work::Cases);
    Supervisees => work_view(Work::Supervisees);
    Supervision => work_view(Work::Supervision);
    StaffHistory => work_view(Work::StaffHistory);
    Wellbeing => work_view(Work::Wellbeing);
    Observations => work_view(Work::Observations);
    Questionnaire => work_view(Work::Questionnaire);
    AgreementNew => work_view(Work::AgreementNew);
    Agreement => work_view(Work::Agreement);
    Book => work_view(Work::Book);
    Session => work_view(Work::Session);
    TeamCompliance => service_view(Service::TeamCompliance);
    OrganisationSettings => service_view(Service::OrganisationSettings);
    Units => service_view(Service::Units);
    Removals => service_view(Service::Removals);
    Redactions => service_view(Service::Redactions);
    LegalHolds => service_view(Service::LegalHolds);
    Unallocated => service_view(Service::Unallocated);
    Audits => service_view(Service::Audits);
    AuditRound => service_view(Service::AuditRound);
    ScoreRecord => service_view(Service::ScoreRecord);
    RaiseFinding => service_view(Service::RaiseFinding);
    Questionnaires => service_view(Service::Questionnaires);
    QuestionnaireResults => service_view(Service::QuestionnaireResults);
    PerformanceRecords => service_view(Service::PerformanceRecords);
    PolicyRules => service_view(Service::PolicyRules);
    Import => service_view(Service::Import);
    Roles => service_view(Service::Roles);
}
