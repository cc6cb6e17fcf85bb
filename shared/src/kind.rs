//! Kinds of supervision, approaches and modes (SPEC F3.1–F3.3), and the rule
//! of which sessions count as formal supervision (F3.2, F5.3).

use serde::{Deserialize, Serialize};

use crate::coded_enum;

/// What sort of session a record describes (F3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[cfg_attr(
    feature = "server",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "SupervisionKind::parse",
        to_str = "(|v: &SupervisionKind| v.as_str())"
    )
)]
pub enum SupervisionKind {
    /// Formal; two members of staff, the supervisor usually senior.
    ClinicalOneToOne,
    /// Formal; more than two staff, who may be of different professions.
    ClinicalGroup,
    /// Formal; clinical supervision from outside the organisation.
    ClinicalExternal,
    /// Informal: never counts as formal supervision.
    PersonalReflection,
    /// Line management supervision or one-to-one.
    LineManagement,
    /// Sessions held under the performance management procedure (F7.5).
    PerformanceManagement,
    /// Case supervision: discussion of allocated cases (F3.7).
    CaseSupervision,
    /// Unplanned case discussion: recorded, but no substitute for supervision.
    AdHocCaseDiscussion,
}

coded_enum!(SupervisionKind, "supervision kind", {
    ClinicalOneToOne => ("clinical_one_to_one", "One-to-one clinical supervision"),
    ClinicalGroup => ("clinical_group", "Peer/group clinical supervision"),
    ClinicalExternal => ("clinical_external", "External clinical supervision"),
    PersonalReflection => ("personal_reflection", "Personal reflection"),
    LineManagement => ("line_management", "Line management supervision"),
    PerformanceManagement => ("performance_management", "Performance management supervision"),
    CaseSupervision => ("case_supervision", "Case supervision"),
    AdHocCaseDiscussion => ("ad_hoc_case_discussion", "Ad-hoc case discussion"),
});

/// The frequency a session is measured against (F5.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[cfg_attr(
    feature = "server",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "ComplianceCategory::parse",
        to_str = "(|v: &ComplianceCategory| v.as_str())"
    )
)]
pub enum ComplianceCategory {
    /// Clinical supervision (e.g. at least every 8 weeks).
    Clinical,
    /// Line management supervision (e.g. at least every 4 weeks).
    Management,
    /// Case supervision (e.g. every case at least every 3 months).
    Case,
}

coded_enum!(ComplianceCategory, "compliance category", {
    Clinical => ("clinical", "Clinical"),
    Management => ("management", "Management"),
    Case => ("case", "Case"),
});

/// How a one-to-one or group clinical session was conducted (F3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[cfg_attr(
    feature = "server",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "Approach::parse",
        to_str = "(|v: &Approach| v.as_str())"
    )
)]
pub enum Approach {
    /// Discussion of cases.
    CaseSupervision,
    /// Reflection structured by a model such as Gibbs' cycle.
    StructuredReflection,
    /// Learning from research and guidance.
    EvidenceBasedLearning,
    /// Post-incident support: informal, never counts as formal supervision.
    WellbeingSupport,
}

coded_enum!(Approach, "approach", {
    CaseSupervision => ("case_supervision", "Case supervision"),
    StructuredReflection => ("structured_reflection", "Structured reflection"),
    EvidenceBasedLearning => ("evidence_based_learning", "Evidence based learning"),
    WellbeingSupport => ("wellbeing_support", "Wellbeing support"),
});

/// How the people met (F3.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[cfg_attr(
    feature = "server",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "Mode::parse",
        to_str = "(|v: &Mode| v.as_str())"
    )
)]
pub enum Mode {
    /// In the same room.
    FaceToFace,
    /// By video call.
    Video,
    /// By telephone.
    Phone,
}

coded_enum!(Mode, "mode", {
    FaceToFace => ("face_to_face", "Face to face"),
    Video => ("video", "Video"),
    Phone => ("phone", "Phone"),
});

/// The functions of supervision a session covered (F3.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
pub enum SupervisionFunction {
    /// Accountability, standards and workload.
    Managerial,
    /// Skills, knowledge and professional development.
    Developmental,
    /// Wellbeing and the emotional impact of the work.
    Supportive,
    /// Between the worker and the organisation.
    Mediation,
}

coded_enum!(SupervisionFunction, "supervision function", {
    Managerial => ("managerial", "Managerial"),
    Developmental => ("developmental", "Developmental"),
    Supportive => ("supportive", "Supportive"),
    Mediation => ("mediation", "Mediation"),
});

impl SupervisionFunction {
    /// Stores a set of functions as one comma-separated column.
    pub fn join(functions: &[SupervisionFunction]) -> String {
        let mut codes: Vec<&str> = functions.iter().map(|f| f.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        codes.join(",")
    }

    /// Reads a stored set back; unknown codes are an error, not silently dropped.
    pub fn split(stored: &str) -> Result<Vec<SupervisionFunction>, crate::UnknownCode> {
        stored
            .split(',')
            .filter(|code| !code.is_empty())
            .map(SupervisionFunction::parse)
            .collect()
    }
}

impl SupervisionKind {
    /// Whether the form asks for an approach: only one-to-one and group
    /// clinical supervision have one (F3.2).
    pub fn has_approach(self) -> bool {
        matches!(self, Self::ClinicalOneToOne | Self::ClinicalGroup)
    }

    /// Whether the record may name more than one supervisee.
    pub fn allows_group(self) -> bool {
        matches!(
            self,
            Self::ClinicalGroup
                | Self::ClinicalExternal
                | Self::CaseSupervision
                | Self::AdHocCaseDiscussion
        )
    }

    /// Whether the record names an external supervisor (F3.1).
    pub fn is_external(self) -> bool {
        matches!(self, Self::ClinicalExternal)
    }

    /// Which frequency a formal session of this kind satisfies, if any.
    pub fn category(self) -> Option<ComplianceCategory> {
        match self {
            Self::ClinicalOneToOne | Self::ClinicalGroup | Self::ClinicalExternal => {
                Some(ComplianceCategory::Clinical)
            }
            Self::LineManagement | Self::PerformanceManagement => {
                Some(ComplianceCategory::Management)
            }
            Self::CaseSupervision => Some(ComplianceCategory::Case),
            Self::PersonalReflection | Self::AdHocCaseDiscussion => None,
        }
    }
}

/// Whether a session counts as formal supervision towards the required
/// frequency (F3.2, F5.3). Personal reflection, wellbeing support and ad-hoc
/// discussion are recorded but never count.
pub fn counts_as_formal(kind: SupervisionKind, approach: Option<Approach>) -> bool {
    if approach == Some(Approach::WellbeingSupport) {
        return false;
    }
    kind.category().is_some()
}

/// The category a session counts towards, if it counts at all.
pub fn counts_towards(
    kind: SupervisionKind,
    approach: Option<Approach>,
) -> Option<ComplianceCategory> {
    if counts_as_formal(kind, approach) {
        kind.category()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_reflection_is_not_counted_as_formal_supervision() {
        assert!(!counts_as_formal(SupervisionKind::PersonalReflection, None));
    }

    #[test]
    fn wellbeing_support_does_not_count_towards_the_eight_week_expectation() {
        assert!(!counts_as_formal(
            SupervisionKind::ClinicalOneToOne,
            Some(Approach::WellbeingSupport)
        ));
        assert!(!counts_as_formal(
            SupervisionKind::ClinicalGroup,
            Some(Approach::WellbeingSupport)
        ));
    }

    #[test]
    fn ad_hoc_discussion_is_not_a_substitute_for_formal_supervision() {
        assert_eq!(
            counts_towards(SupervisionKind::AdHocCaseDiscussion, None),
            None
        );
    }

    #[test]
    fn one_to_one_clinical_supervision_is_formal() {
        for approach in [
            Approach::CaseSupervision,
            Approach::StructuredReflection,
            Approach::EvidenceBasedLearning,
        ] {
            assert_eq!(
                counts_towards(SupervisionKind::ClinicalOneToOne, Some(approach)),
                Some(ComplianceCategory::Clinical)
            );
        }
    }

    #[test]
    fn peer_group_clinical_supervision_is_formal() {
        assert_eq!(
            counts_towards(
                SupervisionKind::ClinicalGroup,
                Some(Approach::StructuredReflection)
            ),
            Some(ComplianceCategory::Clinical)
        );
    }

    #[test]
    fn external_clinical_supervision_is_formal_and_counts_as_clinical() {
        assert_eq!(
            counts_towards(SupervisionKind::ClinicalExternal, None),
            Some(ComplianceCategory::Clinical)
        );
    }

    #[test]
    fn line_management_and_performance_management_count_as_management() {
        assert_eq!(
            counts_towards(SupervisionKind::LineManagement, None),
            Some(ComplianceCategory::Management)
        );
        assert_eq!(
            counts_towards(SupervisionKind::PerformanceManagement, None),
            Some(ComplianceCategory::Management)
        );
    }

    #[test]
    fn approach_is_prompted_only_for_one_to_one_and_group_clinical_supervision() {
        let with: Vec<_> = SupervisionKind::ALL
            .iter()
            .copied()
            .filter(|k| k.has_approach())
            .collect();
        assert_eq!(
            with,
            vec![
                SupervisionKind::ClinicalOneToOne,
                SupervisionKind::ClinicalGroup
            ]
        );
    }

    #[test]
    fn every_code_reads_back_to_its_value() {
        for kind in SupervisionKind::ALL {
            assert_eq!(SupervisionKind::parse(kind.as_str()), Ok(*kind));
        }
        for approach in Approach::ALL {
            assert_eq!(Approach::parse(approach.as_str()), Ok(*approach));
        }
        assert!(Mode::parse("carrier_pigeon").is_err());
    }

    #[test]
    fn functions_are_stored_as_a_sorted_set() {
        let stored = SupervisionFunction::join(&[
            SupervisionFunction::Supportive,
            SupervisionFunction::Managerial,
            SupervisionFunction::Supportive,
        ]);
        assert_eq!(stored, "managerial,supportive");
        assert_eq!(
            SupervisionFunction::split(&stored),
            Ok(vec![
                SupervisionFunction::Managerial,
                SupervisionFunction::Supportive
            ])
        );
        assert_eq!(SupervisionFunction::split(""), Ok(vec![]));
    }
}
