//! What someone writes for another person to read with a request or a
//! decision (a reason, a note): required where a rule says so, and no
//! longer than a comment.

use supervision_shared::limits::COMMENT_MAX_CHARS;

use crate::error::{AppError, AppResult};

/// `text`, reported under `field`: refused with `required` when empty, and
/// when longer than a comment.
pub fn check_written(field: &str, text: &str, required: &str) -> AppResult<()> {
    let length = text.trim().chars().count();
    if length == 0 {
        return Err(AppError::invalid(field, required));
    }
    if length > COMMENT_MAX_CHARS {
        return Err(AppError::Validation(vec![
            supervision_shared::FieldError::too_long(field, COMMENT_MAX_CHARS),
        ]));
    }
    Ok(())
}
