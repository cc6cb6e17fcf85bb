//! The 12-month trend: an SVG line chart that scales to a phone (one line
//! per kind, told apart by dash pattern and marker as well as colour), and
//! the same numbers as a table for anyone who cannot see or read the chart.

use chrono::NaiveDate;
use leptos::prelude::*;
use supervision_shared::ComplianceCategory;
use supervision_shared::standing::category_label;

use crate::api::report::{TrendPoint, UnitFigures};
use crate::components::compliance_tag::percent_text;
use crate::dates;

/// The chart's own coordinate space; the browser scales it to the width.
const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 190.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 18.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 34.0;

/// How each kind is drawn: colour, dash pattern and marker shape.
struct Series {
    category: ComplianceCategory,
    class: &'static str,
    dash: &'static str,
    marker: Marker,
}

#[derive(Clone, Copy)]
enum Marker {
    Circle,
    Square,
    Triangle,
}

const SERIES: [Series; 3] = [
    Series {
        category: ComplianceCategory::Clinical,
        class: "trend-clinical",
        dash: "none",
        marker: Marker::Circle,
    },
    Series {
        category: ComplianceCategory::Management,
        class: "trend-management",
        dash: "7 4",
        marker: Marker::Square,
    },
    Series {
        category: ComplianceCategory::Case,
        class: "trend-case",
        dash: "2 3",
        marker: Marker::Triangle,
    },
];

/// A unit's percentage for one kind.
fn percent_for(figures: &UnitFigures, category: ComplianceCategory) -> Option<f64> {
    match category {
        ComplianceCategory::Clinical => figures.clinical_percent,
        ComplianceCategory::Management => figures.management_percent,
        ComplianceCategory::Case => figures.case_percent,
    }
}

/// Where the `index`th of `count` points sits across the chart.
fn x_at(index: usize, count: usize) -> f64 {
    let span = WIDTH - LEFT - RIGHT;
    if count < 2 {
        return LEFT + span / 2.0;
    }
    LEFT + span * index as f64 / (count - 1) as f64
}

/// Where a percentage sits up the chart (100% at the top).
fn y_at(percent: f64) -> f64 {
    let span = HEIGHT - TOP - BOTTOM;
    TOP + span * (100.0 - percent.clamp(0.0, 100.0)) / 100.0
}

/// The line through the points; a month with nobody counted breaks it, so
/// no value is invented for it.
fn series_path(values: &[Option<f64>]) -> String {
    let mut path = String::new();
    let mut drawing = false;
    for (i, value) in values.iter().enumerate() {
        match value {
            Some(v) => {
                let command = if drawing { 'L' } else { 'M' };
                if !path.is_empty() {
                    path.push(' ');
                }
                path.push_str(&format!(
                    "{command}{:.1},{:.1}",
                    x_at(i, values.len()),
                    y_at(*v)
                ));
                drawing = true;
            }
            None => drawing = false,
        }
    }
    path
}

/// "Clinical: 80% at the end of December 2025, 85% at the end of November
/// 2026." for each kind: the chart's text summary.
fn trend_summary(points: &[TrendPoint], today: NaiveDate) -> String {
    SERIES
        .iter()
        .map(|s| {
            let known: Vec<(String, f64)> = points
                .iter()
                .filter_map(|p| percent_for(&p.figures, s.category).map(|v| (month(p, today), v)))
                .collect();
            let label = category_label(s.category);
            match (known.first(), known.last()) {
                (Some((from, a)), Some((to, b))) if known.len() > 1 => format!(
                    "{label}: {} at the end of {from}, {} at the end of {to}.",
                    percent_text(Some(*a)),
                    percent_text(Some(*b)),
                ),
                (Some((at, a)), _) => {
                    format!("{label}: {} at the end of {at}.", percent_text(Some(*a)))
                }
                _ => format!("{label}: no one counted."),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A kind as a column heading: "Line management" may break inside its long
/// word (a soft hyphen), so the table fits a phone's width.
pub fn column_heading(category: ComplianceCategory) -> String {
    category_label(category).replace("management", "manage\u{ad}ment")
}

/// "November 2026"; the month not yet over is marked so ("December 2026
/// (not yet complete)"): its figure is as if nothing more is recorded.
fn month(point: &TrendPoint, today: NaiveDate) -> String {
    let name = point.as_at.format("%B %Y").to_string();
    if point.as_at > today {
        format!("{name} (not yet complete)")
    } else {
        name
    }
}

/// The chart and its table.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
pub fn TrendSection(
    /// The unit's name, for the chart's title.
    #[prop(into)]
    unit_name: String,
    /// The month-ends, oldest first.
    points: Vec<TrendPoint>,
) -> impl IntoView {
    let today = dates::today();
    let range = match (points.first(), points.last()) {
        (Some(first), Some(last)) => format!(
            "{} to {}",
            first.as_at.format("%B %Y"),
            last.as_at.format("%B %Y")
        ),
        _ => String::new(),
    };
    let title = format!("Compliance trend for {unit_name}, {range}");
    let summary = trend_summary(&points, today);
    let count = points.len();
    let gridlines = [0.0, 25.0, 50.0, 75.0, 100.0]
        .into_iter()
        .map(|p| {
            let y = format!("{:.1}", y_at(p));
            view! {
                <line class="trend-grid" x1=LEFT x2=WIDTH - RIGHT y1=y.clone() y2=y.clone() />
                <text class="trend-axis" x=LEFT - 4.0 y=y dy="0.35em" text-anchor="end">
                    {format!("{p}%")}
                </text>
            }
        })
        .collect_view();
    // Every other month, ending with the latest: at a size a phone can read
    // (14 px; style.css) twelve would run into each other. The table below
    // has every month.
    let month_labels = points
        .iter()
        .enumerate()
        .filter(|(i, _)| (count - 1 - i).is_multiple_of(2))
        .map(|(i, p)| {
            view! {
                <text
                    class="trend-axis"
                    x=format!("{:.1}", x_at(i, count))
                    y=HEIGHT - BOTTOM + 20.0
                    text-anchor="middle"
                >
                    {p.as_at.format("%b").to_string()}
                </text>
            }
        })
        .collect_view();
    let lines = SERIES
        .iter()
        .map(|s| {
            let values: Vec<Option<f64>> = points
                .iter()
                .map(|p| percent_for(&p.figures, s.category))
                .collect();
            let markers = values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| marker(s.marker, x_at(i, count), y_at(v))))
                .collect_view();
            view! {
                <g class=format!("trend-series {}", s.class)>
                    <path d=series_path(&values) fill="none" stroke-dasharray=s.dash />
                    {markers}
                </g>
            }
        })
        .collect_view();

    view! {
        <figure class="trend">
            <svg
                class="trend-chart"
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img"
                aria-labelledby="trend-title"
                aria-describedby="trend-desc"
                preserveAspectRatio="xMidYMid meet"
            >
                <title id="trend-title">{title}</title>
                <desc id="trend-desc">{summary}</desc>
                {gridlines}
                {month_labels}
                {lines}
            </svg>
            <figcaption>
                <ul class="trend-legend">
                    {SERIES
                        .iter()
                        .map(|s| {
                            view! {
                                <li>
                                    <svg
                                        class=format!("trend-key {}", s.class)
                                        viewBox="0 0 36 12"
                                        aria-hidden="true"
                                        focusable="false"
                                    >
                                        <line x1="2" x2="34" y1="6" y2="6" stroke-dasharray=s.dash />
                                        {marker(s.marker, 18.0, 6.0)}
                                    </svg>
                                    {category_label(s.category)}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </figcaption>
        </figure>
        <details class="details">
            <summary class="details-summary">"Trend as a table"</summary>
            <div class="details-body table-scroll">
                <table class="report-table">
                    <caption>{format!("Per cent compliant at each month-end, {unit_name}")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Month end"</th>
                            <th scope="col">"People"</th>
                            {SERIES
                                .iter()
                                .map(|s| view! { <th scope="col">{column_heading(s.category)}</th> })
                                .collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {points
                            .iter()
                            .map(|p| {
                                view! {
                                    <tr>
                                        <th scope="row">
                                            {p.as_at.format("%b %Y").to_string()}
                                            {(p.as_at > today).then_some(" (not yet complete)")}
                                        </th>
                                        <td>{p.figures.people}</td>
                                        {SERIES
                                            .iter()
                                            .map(|s| {
                                                view! {
                                                    <td>{percent_text(percent_for(&p.figures, s.category))}</td>
                                                }
                                            })
                                            .collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }
}

/// A point's marker, its shape telling the kinds apart without colour.
fn marker(shape: Marker, x: f64, y: f64) -> AnyView {
    match shape {
        Marker::Circle => {
            view! { <circle cx=format!("{x:.1}") cy=format!("{y:.1}") r="3.5" /> }.into_any()
        }
        Marker::Square => view! {
            <rect x=format!("{:.1}", x - 3.5) y=format!("{:.1}", y - 3.5) width="7" height="7" />
        }
        .into_any(),
        Marker::Triangle => view! {
            <polygon points=format!(
                "{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
                x,
                y - 4.5,
                x - 4.5,
                y + 3.5,
                x + 4.5,
                y + 3.5,
            ) />
        }
        .into_any(),
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use uuid::Uuid;

    use super::*;

    fn point(month: u32, clinical: Option<f64>) -> TrendPoint {
        TrendPoint {
            as_at: NaiveDate::from_ymd_opt(2026, month, 28).unwrap_or_default(),
            figures: UnitFigures {
                unit_id: Uuid::nil(),
                name: "Therapies".to_owned(),
                people: 4,
                clinical_percent: clinical,
                management_percent: Some(50.0),
                case_percent: None,
            },
        }
    }

    #[test]
    fn full_marks_sit_at_the_top_and_none_at_the_bottom() {
        assert_eq!(y_at(100.0), TOP);
        assert_eq!(y_at(0.0), HEIGHT - BOTTOM);
        assert_eq!(x_at(0, 12), LEFT);
        assert_eq!(x_at(11, 12), WIDTH - RIGHT);
    }

    #[test]
    fn a_month_with_nobody_counted_breaks_the_line_rather_than_dropping_to_zero() {
        let path = series_path(&[Some(100.0), None, Some(0.0), Some(0.0)]);
        assert_eq!(path.matches('M').count(), 2);
        assert_eq!(path.matches('L').count(), 1);
        // The first point: the left edge, at the top (100%).
        assert!(path.starts_with(&format!("M{LEFT:.1},{TOP:.1}")), "{path}");
        assert_eq!(series_path(&[None, None]), "");
    }

    #[test]
    fn the_summary_says_where_each_kind_started_and_ended() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap_or_default();
        let summary = trend_summary(
            &[point(1, Some(80.0)), point(2, None), point(3, Some(85.4))],
            today,
        );
        assert!(summary.starts_with(
            "Clinical: 80% at the end of January 2026, 85% at the end of March 2026."
        ));
        assert!(summary.contains("Line management: 50% at the end of January 2026"));
        assert!(summary.ends_with("Case: no one counted."));
        // The month not yet over says so.
        let this_month = TrendPoint {
            as_at: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default(),
            ..point(12, Some(77.0))
        };
        assert!(
            trend_summary(&[point(11, Some(95.0)), this_month], today)
                .starts_with("Clinical: 95% at the end of November 2026, 77% at the end of December 2026 (not yet complete).")
        );
    }
}
