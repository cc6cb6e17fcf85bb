//! Quality assurance of supervision itself, not only its frequency (F8):
//! dip-sample audit rounds (`round`), records scored against the audit
//! tool (`score`), how they met it (`results`) and findings raised as
//! actions (`finding`); observation of supervisors' practice
//! (`observation`); and the annual questionnaire (`questionnaire`).

pub mod finding;
pub mod observation;
pub mod questionnaire;
pub mod results;
pub mod round;
pub mod score;
