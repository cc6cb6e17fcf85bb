//! Where in the report the page is, kept in the address so it can be
//! bookmarked and the back button works: the unit, the date judged at, and
//! the units drilled down through to reach it (for the breadcrumbs).

use chrono::NaiveDate;
use uuid::Uuid;

use crate::dates;

/// The page's path.
pub const PATH: &str = "/compliance";

/// `/compliance?unit=…&asAt=…&trail=…`, read and written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportLocation {
    /// The unit shown; none: the first the viewer oversees.
    pub unit: Option<Uuid>,
    /// The date judged at; none: the end of this month.
    pub as_at: Option<NaiveDate>,
    /// The units above it that were drilled down through, top first.
    pub trail: Vec<Uuid>,
}

impl ReportLocation {
    /// Reads the query string's values; anything malformed is ignored.
    pub fn parse(unit: Option<&str>, as_at: Option<&str>, trail: Option<&str>) -> Self {
        Self {
            unit: unit.and_then(|u| Uuid::parse_str(u.trim()).ok()),
            as_at: as_at.and_then(dates::parse_iso),
            trail: trail
                .unwrap_or_default()
                .split(',')
                .filter_map(|id| Uuid::parse_str(id.trim()).ok())
                .collect(),
        }
    }

    /// The address of this place in the report.
    pub fn href(&self) -> String {
        let mut params = Vec::new();
        if let Some(unit) = self.unit {
            params.push(format!("unit={unit}"));
        }
        if let Some(as_at) = self.as_at {
            params.push(format!("asAt={}", dates::iso(as_at)));
        }
        if !self.trail.is_empty() {
            let ids: Vec<String> = self.trail.iter().map(Uuid::to_string).collect();
            params.push(format!("trail={}", ids.join(",")));
        }
        if params.is_empty() {
            PATH.to_owned()
        } else {
            format!("{PATH}?{}", params.join("&"))
        }
    }

    /// One level down, into `child` of `current`, on the same date.
    pub fn down_to(&self, current: Uuid, child: Uuid) -> Self {
        let mut trail = self.trail.clone();
        trail.push(current);
        Self {
            unit: Some(child),
            as_at: self.as_at,
            trail,
        }
    }

    /// Back up to the `index`th unit of the trail, on the same date.
    pub fn up_to(&self, index: usize) -> Self {
        Self {
            unit: self.trail.get(index).copied(),
            as_at: self.as_at,
            trail: self.trail.iter().take(index).copied().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    #[test]
    fn drilling_down_and_back_up_keeps_the_date_and_the_way_back() {
        let top = ReportLocation {
            unit: Some(id(1)),
            as_at: NaiveDate::from_ymd_opt(2026, 10, 31),
            trail: Vec::new(),
        };
        let team = top.down_to(id(1), id(2)).down_to(id(2), id(3));
        assert_eq!(team.unit, Some(id(3)));
        assert_eq!(team.trail, vec![id(1), id(2)]);
        assert_eq!(team.up_to(0), top);
        assert_eq!(team.up_to(1).trail, vec![id(1)]);
    }

    #[test]
    fn the_address_reads_back_as_the_same_place() {
        let place = ReportLocation {
            unit: Some(id(3)),
            as_at: NaiveDate::from_ymd_opt(2026, 10, 31),
            trail: vec![id(1), id(2)],
        };
        let href = place.href();
        assert!(href.starts_with(
            "/compliance?unit=00000000-0000-0000-0000-000000000003&asAt=2026-10-31&trail="
        ));
        let query = href.trim_start_matches("/compliance?");
        let get = |key: &str| {
            query
                .split('&')
                .find_map(|kv| kv.strip_prefix(&format!("{key}=")))
        };
        assert_eq!(
            ReportLocation::parse(get("unit"), get("asAt"), get("trail")),
            place
        );
        assert_eq!(ReportLocation::default().href(), "/compliance");
    }

    #[test]
    fn malformed_values_are_ignored() {
        let place = ReportLocation::parse(Some("nope"), Some("31/10/2026"), Some("x,,"));
        assert_eq!(place, ReportLocation::default());
    }
}
