//! Compliance (F5): who is supervised as often as their policy asks, for one
//! person, a team or a whole trust. The rule itself lives only in `shared`
//! (`supervision_shared::compliance`); this subsystem gathers the facts it
//! judges and counts the results. Its parts depend on each other in one
//! direction, top to bottom:
//!
//! - [`team`]: a unit's report (figures, drill-down, people), for the
//!   on-screen report and the CSV alike;
//! - [`standing`]: one person's standings, and a few people's (My supervisees);
//! - [`cohort`]: the people under a unit and their figures, counted in SQL
//!   where the rule allows and judged one by one where it does not;
//! - [`policy`]: the organisation's policy rules, and each person's policy;
//! - [`schedule`]: the organisation's newly qualified and induction
//!   schedules, as it writes them;
//! - [`report`]: the figures' types and the statements that read last dates;
//! - [`attendance`]: the derived `formal_attendance` and `formal_latest`
//!   rows, kept in step with every change to a record;
//! - [`member`]: the slim row of a person that the rule needs.
//!
//! Outside it, it uses only `access` (scope), `directory`, `units`, `audit`
//! and `clock`.

pub mod attendance;
pub mod cohort;
pub mod member;
pub mod policy;
pub mod report;
pub mod schedule;
pub mod standing;
pub mod team;

pub use standing::{history_of, my_standing, standings_of, urgency};
