//! Sharing a record with its supervisees in time (F4.3): within 10 working
//! days of the session, weekends and bank holidays excluded. Later sharing
//! is marked on the record and reported.

use chrono::{Datelike, NaiveDate, Weekday};

/// Working days allowed between the session and sharing its record.
pub const SHARING_WORKING_DAYS: u32 = 10;

/// Days that are not working days besides weekends.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BankHolidays(Vec<NaiveDate>);

impl BankHolidays {
    /// These days (any order; duplicates are harmless).
    pub fn new(mut days: Vec<NaiveDate>) -> Self {
        days.sort_unstable();
        days.dedup();
        Self(days)
    }

    /// Bank holidays in England and Wales, 2024 to 2028 (substitute days
    /// included), the default until an organisation configures its own.
    pub fn england_and_wales() -> Self {
        #[rustfmt::skip]
        const DAYS: &[(i32, u32, u32)] = &[
            (2024, 1, 1), (2024, 3, 29), (2024, 4, 1), (2024, 5, 6), (2024, 5, 27),
            (2024, 8, 26), (2024, 12, 25), (2024, 12, 26),
            (2025, 1, 1), (2025, 4, 18), (2025, 4, 21), (2025, 5, 5), (2025, 5, 26),
            (2025, 8, 25), (2025, 12, 25), (2025, 12, 26),
            (2026, 1, 1), (2026, 4, 3), (2026, 4, 6), (2026, 5, 4), (2026, 5, 25),
            (2026, 8, 31), (2026, 12, 25), (2026, 12, 28),
            (2027, 1, 1), (2027, 3, 26), (2027, 3, 29), (2027, 5, 3), (2027, 5, 31),
            (2027, 8, 30), (2027, 12, 27), (2027, 12, 28),
            (2028, 1, 3), (2028, 4, 14), (2028, 4, 17), (2028, 5, 1), (2028, 5, 29),
            (2028, 8, 28), (2028, 12, 25), (2028, 12, 26),
        ];
        Self::new(
            DAYS.iter()
                .filter_map(|&(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
                .collect(),
        )
    }

    /// Whether `day` is a bank holiday.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.0.binary_search(&day).is_ok()
    }

    /// Whether `day` is a working day: a weekday that is not a bank holiday.
    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !self.contains(day)
    }

    /// Working days after `from`, up to and including `to` (0 when `to` is
    /// not after `from`).
    pub fn working_days_after(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        from.iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| self.is_working_day(*d))
            .count()
            .try_into()
            .unwrap_or(u32::MAX)
    }

    /// Whether a record of a session held on `held_on` and shared on
    /// `shared_on` was shared late: more than ten working days after.
    pub fn shared_late(&self, held_on: NaiveDate, shared_on: NaiveDate) -> bool {
        self.working_days_after(held_on, shared_on) > SHARING_WORKING_DAYS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn shared_on_the_tenth_working_day_is_in_time() {
        let calendar = BankHolidays::default();
        // Monday 2 November 2026; ten working days later is Monday 16th.
        assert!(!calendar.shared_late(day(2026, 11, 2), day(2026, 11, 16)));
        assert!(calendar.shared_late(day(2026, 11, 2), day(2026, 11, 17)));
    }

    #[test]
    fn weekends_do_not_count_towards_the_ten_working_days() {
        let calendar = BankHolidays::default();
        // Friday to the Monday after: one working day.
        assert_eq!(
            calendar.working_days_after(day(2026, 11, 20), day(2026, 11, 23)),
            1
        );
    }

    #[test]
    fn bank_holidays_do_not_count_towards_the_ten_working_days() {
        let calendar = BankHolidays::england_and_wales();
        // Held Monday 14 December 2026: Christmas Day and the Boxing Day
        // substitute (Monday 28th) are not working days, so the tenth working
        // day is Wednesday 30th.
        assert!(!calendar.shared_late(day(2026, 12, 14), day(2026, 12, 30)));
        assert!(calendar.shared_late(day(2026, 12, 14), day(2026, 12, 31)));
        let no_holidays = BankHolidays::default();
        assert!(no_holidays.shared_late(day(2026, 12, 14), day(2026, 12, 29)));
    }

    #[test]
    fn sharing_on_the_day_of_the_session_is_never_late() {
        let calendar = BankHolidays::england_and_wales();
        assert_eq!(
            calendar.working_days_after(day(2026, 11, 2), day(2026, 11, 2)),
            0
        );
        assert!(!calendar.shared_late(day(2026, 11, 2), day(2026, 11, 2)));
    }
}
