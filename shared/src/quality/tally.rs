//! How scored records met the audit tool's standards: the count of each
//! rating, and the share met in full. The same sums make a round's results
//! per standard, per unit and overall, the trend over rounds and the CSV, so
//! the page and the download never disagree.

use serde::{Deserialize, Serialize};

use super::{AUDIT_TOOL, AuditQuestion, AuditRating};

/// How many scores had each rating.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tally {
    /// Met in full.
    pub met: u32,
    /// Met in part.
    pub partly_met: u32,
    /// Not met.
    pub not_met: u32,
    /// The standard did not apply.
    pub not_applicable: u32,
}

impl Tally {
    /// The tally of these ratings.
    pub fn of(ratings: impl IntoIterator<Item = AuditRating>) -> Self {
        let mut tally = Self::default();
        for rating in ratings {
            tally.add(rating);
        }
        tally
    }

    /// Counts one more score.
    pub fn add(&mut self, rating: AuditRating) {
        let count = match rating {
            AuditRating::Met => &mut self.met,
            AuditRating::PartlyMet => &mut self.partly_met,
            AuditRating::NotMet => &mut self.not_met,
            AuditRating::NotApplicable => &mut self.not_applicable,
        };
        *count += 1;
    }

    /// Adds another tally's counts to this one.
    pub fn merge(&mut self, other: Self) {
        self.met += other.met;
        self.partly_met += other.partly_met;
        self.not_met += other.not_met;
        self.not_applicable += other.not_applicable;
    }

    /// The scores the standard applied to.
    pub fn applicable(self) -> u32 {
        self.met + self.partly_met + self.not_met
    }

    /// Of the scores that applied, the share met in full, as a whole
    /// percentage rounded down (a standard is never reported as met more
    /// than it was); none when nothing applied, which is not 0%.
    pub fn met_percent(self) -> Option<u32> {
        let applicable = self.applicable();
        (applicable > 0).then(|| self.met * 100 / applicable)
    }
}

/// Per standard of the audit tool, in the tool's order, the tally of these
/// scores (each a standard's key and its rating). A standard nobody scored
/// is listed with nothing counted; a key the tool does not know is left out.
pub fn by_standard<'a>(
    scores: impl IntoIterator<Item = (&'a str, AuditRating)>,
) -> Vec<(&'static AuditQuestion, Tally)> {
    let mut tallies = vec![Tally::default(); AUDIT_TOOL.len()];
    for (key, rating) in scores {
        if let Some(i) = AUDIT_TOOL.iter().position(|q| q.key == key) {
            tallies[i].add(rating);
        }
    }
    AUDIT_TOOL.iter().zip(tallies).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_share_met_counts_only_the_scores_that_applied_and_rounds_down() {
        use AuditRating::*;
        let tally = Tally::of([Met, Met, PartlyMet, NotApplicable, NotApplicable]);
        assert_eq!(tally.applicable(), 3);
        // 2 of 3 is 66.7%: reported as 66, never 67.
        assert_eq!(tally.met_percent(), Some(66));
        assert_eq!(Tally::of([NotApplicable]).met_percent(), None);
        assert_eq!(Tally::of([NotMet]).met_percent(), Some(0));
        assert_eq!(Tally::default().met_percent(), None);
    }

    #[test]
    fn tallies_merge_count_for_count() {
        use AuditRating::*;
        let mut a = Tally::of([Met, NotMet]);
        a.merge(Tally::of([Met, PartlyMet, NotApplicable]));
        assert_eq!(a, Tally::of([Met, Met, NotMet, PartlyMet, NotApplicable]));
    }

    #[test]
    fn each_standard_is_listed_in_the_tools_order_and_unknown_keys_are_left_out() {
        let first = AUDIT_TOOL[0].key;
        let last = AUDIT_TOOL[AUDIT_TOOL.len() - 1].key;
        let results = by_standard([
            (last, AuditRating::NotMet),
            (first, AuditRating::Met),
            (first, AuditRating::PartlyMet),
            ("not_a_standard", AuditRating::Met),
        ]);
        assert_eq!(results.len(), AUDIT_TOOL.len());
        assert_eq!(results[0].0.key, first);
        assert_eq!(
            results[0].1,
            Tally::of([AuditRating::Met, AuditRating::PartlyMet])
        );
        assert_eq!(results[1].1, Tally::default());
        assert_eq!(results[AUDIT_TOOL.len() - 1].1.not_met, 1);
        let counted: u32 = results
            .iter()
            .map(|(_, t)| t.applicable() + t.not_applicable)
            .sum();
        assert_eq!(counted, 3);
    }
}
