//! The root query: one object per domain, merged.

mod absence;
mod access;
mod action;
mod agreement;
mod bi_access;
mod booking;
mod case;
mod compliance;
mod draft;
mod email;
mod import;
mod me;
mod objective;
mod observation;
mod organisation;
mod policy;
mod provisioning;
mod quality;
mod questionnaire;
mod redaction;
mod removal;
mod report;
mod role;
mod staff;
mod supervision;
mod unit;
mod wellbeing;

use async_graphql::MergedObject;

pub use organisation::OrganisationSettings;

/// Every query.
#[derive(Default, MergedObject)]
pub struct Query(
    me::MeQuery,
    supervision::SupervisionQuery,
    staff::StaffQuery,
    access::AccessQuery,
    redaction::RedactionQuery,
    compliance::ComplianceQuery,
    removal::RemovalQuery,
    action::ActionQuery,
    agreement::AgreementQuery,
    case::CaseQuery,
    draft::DraftQuery,
    policy::PolicyQuery,
    report::ReportQuery,
    role::RoleQuery,
    provisioning::ProvisioningQuery,
    unit::UnitQuery,
    import::ImportQuery,
    organisation::OrganisationQuery,
    wellbeing::WellbeingQuery,
    absence::AbsenceQuery,
    email::EmailQuery,
    quality::QualityQuery,
    observation::ObservationQuery,
    questionnaire::QuestionnaireQuery,
    objective::ObjectiveQuery,
    booking::BookingQuery,
    bi_access::BiAccessQuery,
);
