//! Quality assurance of supervision itself, not only its frequency (F8):
//! dip-sample audit rounds (`round`).

pub mod round;
