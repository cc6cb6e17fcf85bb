//! Which groups of questionnaire answers may be shown (F8.2) so that no
//! one, however they combine what they are shown, can narrow answers down
//! to fewer than the threshold of people.
//!
//! Showing a group's totals is safe on its own once it has enough people;
//! the danger is differences. A team of 6 and its supervisor's 5 (all in
//! that team) are each above a threshold of 5, yet the team minus the
//! supervisor's is one person's answers. So the groups shown are chosen
//! together: everyone who answered is sorted into "atoms" by which shown
//! groups they are in, and a group is shown only if, once it is, every atom
//! inside a shown group still holds at least the threshold of people.
//! Any sum or difference of shown totals is a sum of whole atoms, so none
//! can single out fewer people than that.

/// Of `groups` (each the indices of the answers in it, in `0..answered`),
/// which may be shown with a `threshold`, deciding in order: an earlier
/// group is never hidden to make room for a later one, so the caller puts
/// the groups people most need first (the organisation, then its units
/// from the top down, then supervisors).
pub fn publishable(groups: &[Vec<usize>], answered: usize, threshold: usize) -> Vec<bool> {
    let threshold = threshold.max(1);
    // Atom 0 is "in no shown group": nothing shown tells anyone about it.
    let mut atom_of = vec![0usize; answered];
    let mut size = vec![answered];
    let mut shown = Vec::with_capacity(groups.len());
    for group in groups {
        let members: Vec<usize> = {
            let mut m: Vec<usize> = group.iter().copied().filter(|&i| i < answered).collect();
            m.sort_unstable();
            m.dedup();
            m
        };
        let mut inside: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        for &i in &members {
            *inside.entry(atom_of[i]).or_default() += 1;
        }
        let fits = !members.is_empty()
            && inside.iter().all(|(&atom, &within)| {
                let left = size[atom] - within;
                // The part inside is shown from now on; the part left
                // outside stays shown through the atom's other groups,
                // unless it is the unshown remainder.
                within >= threshold && (atom == 0 || left == 0 || left >= threshold)
            });
        if fits {
            let mut split: std::collections::HashMap<usize, usize> =
                std::collections::HashMap::new();
            for &i in &members {
                let old = atom_of[i];
                let new = *split.entry(old).or_insert_with(|| {
                    size.push(0);
                    size.len() - 1
                });
                size[old] -= 1;
                size[new] += 1;
                atom_of[i] = new;
            }
        }
        shown.push(fits);
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(from: usize, to: usize) -> Vec<usize> {
        (from..to).collect()
    }

    #[test]
    fn a_group_below_the_threshold_is_never_shown() {
        assert_eq!(publishable(&[range(0, 4)], 4, 5), [false]);
        assert_eq!(publishable(&[range(0, 5)], 5, 5), [true]);
        assert_eq!(publishable(&[vec![]], 0, 5), [false]);
    }

    #[test]
    fn a_part_whose_remainder_is_too_small_is_hidden() {
        // A team of 6 is shown; its supervisor's 5 would leave 1.
        let team = range(0, 6);
        let supervisor = range(0, 5);
        assert_eq!(publishable(&[team, supervisor], 6, 5), [true, false]);
        // With 10 in the team, both are shown: the rest are 5.
        assert_eq!(
            publishable(&[range(0, 10), range(0, 5)], 10, 5),
            [true, true]
        );
    }

    #[test]
    fn hiding_one_small_child_is_not_enough_when_the_rest_give_it_away() {
        // A service of 14 with teams of 6, 6 and 2: the third is hidden,
        // and then the second must be too, or 14 - 6 - 6 = the 2.
        let groups = [range(0, 14), range(0, 6), range(6, 12), range(12, 14)];
        assert_eq!(
            publishable(&groups, 14, 5),
            [true, true, false, false],
            "the service and one team"
        );
    }

    #[test]
    fn the_same_people_under_another_name_may_be_shown() {
        // A supervisor whose supervisees are exactly the team.
        assert_eq!(publishable(&[range(0, 7), range(0, 7)], 7, 5), [true, true]);
    }

    /// Every difference of two shown groups, and every atom, is empty or
    /// holds at least the threshold: tried on many random families.
    #[test]
    fn no_combination_of_shown_groups_singles_out_fewer_than_the_threshold() {
        let mut seed = 0x5EED_u64;
        let mut next = move |bound: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((seed >> 33) as usize) % bound
        };
        for _ in 0..300 {
            let answered = 5 + next(40);
            let threshold = 3 + next(4);
            let mut groups = vec![range(0, answered)];
            for _ in 0..next(12) {
                let from = next(answered);
                let to = from + 1 + next(answered - from);
                let mut group = range(from, to);
                group.retain(|_| next(5) > 0);
                groups.push(group);
            }
            let shown = publishable(&groups, answered, threshold);
            let visible: Vec<&Vec<usize>> = groups
                .iter()
                .zip(&shown)
                .filter(|(_, s)| **s)
                .map(|(g, _)| g)
                .collect();
            for a in &visible {
                assert!(a.len() >= threshold);
                for b in &visible {
                    let apart = a.iter().filter(|i| !b.contains(i)).count();
                    assert!(
                        apart == 0 || apart >= threshold,
                        "{a:?} minus {b:?} leaves {apart} (threshold {threshold})"
                    );
                }
            }
            let mut signature: std::collections::HashMap<Vec<usize>, usize> =
                std::collections::HashMap::new();
            for person in 0..answered {
                let inside: Vec<usize> = (0..visible.len())
                    .filter(|&g| visible[g].contains(&person))
                    .collect();
                if !inside.is_empty() {
                    *signature.entry(inside).or_default() += 1;
                }
            }
            for (groups, people) in signature {
                assert!(
                    people >= threshold,
                    "{people} people are told apart by groups {groups:?}"
                );
            }
        }
    }
}
