//! Quality assurance of supervision itself, not only its frequency (F8):
//! dip-sample audit rounds (`round`) and records scored against the audit
//! tool (`score`).

pub mod round;
pub mod score;
