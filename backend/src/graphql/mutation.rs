//! The root mutation: one object per domain, merged.

mod absence;
mod access;
mod action;
mod agreement;
mod allocation;
mod amendment;
mod attachment;
mod bi_access;
mod booking;
mod draft;
mod import;
mod objective;
mod observation;
mod organisation;
mod policy;
mod provisioning;
mod quality;
mod questionnaire;
mod redaction;
mod removal;
mod retention;
mod role;
mod supervision;
mod unit;
mod wellbeing;

use async_graphql::MergedObject;

/// Every mutation.
#[derive(Default, MergedObject)]
pub struct Mutation(
    supervision::SupervisionMutation,
    amendment::AmendmentMutation,
    removal::RemovalMutation,
    action::ActionMutation,
    agreement::AgreementMutation,
    allocation::AllocationMutation,
    attachment::AttachmentMutation,
    draft::DraftMutation,
    policy::PolicyMutation,
    access::AccessMutation,
    redaction::RedactionMutation,
    retention::RetentionMutation,
    role::RoleMutation,
    provisioning::ProvisioningMutation,
    unit::UnitMutation,
    import::ImportMutation,
    organisation::OrganisationMutation,
    wellbeing::WellbeingMutation,
    absence::AbsenceMutation,
    quality::QualityMutation,
    observation::ObservationMutation,
    questionnaire::QuestionnaireMutation,
    objective::ObjectiveMutation,
    booking::BookingMutation,
    bi_access::BiAccessMutation,
);
