//! The root mutation: one object per domain, merged.

mod access;
mod action;
mod attachment;
mod drafts;
mod lifecycle;
mod policy;
mod redaction;
mod retention;
mod supervision;

use async_graphql::MergedObject;

/// Every mutation.
#[derive(Default, MergedObject)]
pub struct Mutation(
    supervision::SupervisionMutation,
    lifecycle::LifecycleMutation,
    action::ActionMutation,
    attachment::AttachmentMutation,
    drafts::DraftMutation,
    policy::PolicyMutation,
    access::AccessMutation,
    redaction::RedactionMutation,
    retention::RetentionMutation,
);
