//! Size limits on what people type. Generous enough for real notes, small
//! enough that one request cannot fill the database.

/// Each structured section (experience, reflection, analysis, action plan, notes).
pub const SECTION_MAX_CHARS: usize = 20_000;
/// A supervisee's comment or disagreement.
pub const COMMENT_MAX_CHARS: usize = 5_000;
/// Location, external supervisor's name and similar one-line fields.
pub const SHORT_TEXT_MAX_CHARS: usize = 200;
/// One action's description.
pub const ACTION_MAX_CHARS: usize = 1_000;
/// Actions on one record.
pub const ACTIONS_MAX: usize = 30;
/// Supervisees on one group record (the product must handle at least 50).
pub const SUPERVISEES_MAX: usize = 100;
/// Longest session, in minutes.
pub const DURATION_MAX_MINUTES: u32 = 8 * 60;
/// Staff search results returned to a picker.
pub const SEARCH_RESULTS_MAX: u32 = 20;
