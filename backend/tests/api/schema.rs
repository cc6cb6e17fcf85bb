//! The committed `schema.graphql` and `bi-schema.graphql` are the APIs'
//! contracts: they must match the server. Run `./dev schema` to rewrite
//! them after changing an API.

#[test]
fn schema_graphql_is_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema.graphql");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let current = backend::graphql::sdl();
    assert!(
        committed == current,
        "schema.graphql is out of date: run `./dev schema` and commit the result"
    );
}

#[test]
fn bi_schema_graphql_is_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../bi-schema.graphql");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let current = backend::graphql::bi::bi_sdl();
    assert!(
        committed == current,
        "bi-schema.graphql is out of date: run `./dev schema` and commit the result"
    );
}

/// Every type a BI token can reach, and every field of them: compliance
/// only. A new field or type fails here until someone decides it is not
/// supervision content and lists it.
#[test]
fn the_bi_schema_carries_no_content() {
    let sdl = backend::graphql::bi::bi_sdl();
    let allowed: &[(&str, &[&str])] = &[
        ("BiQuery", &["compliance", "unitCompliance"]),
        (
            "CompliancePage",
            &["asAt", "people", "hasNextPage", "endCursor"],
        ),
        (
            "PersonStanding",
            &[
                "staffId",
                "name",
                "employeeNumber",
                "jobTitle",
                "profession",
                "unitId",
                "unitName",
                "unitPath",
                "newlyQualified",
                "probation",
                "holdsCaseload",
                "policy",
                "kinds",
            ],
        ),
        (
            "KindStanding",
            &[
                "kind",
                "required",
                "lastFormal",
                "nextDue",
                "status",
                "intervalDays",
                "onSchedule",
            ],
        ),
        (
            "Policy",
            &[
                "clinicalDays",
                "managementDays",
                "caseDays",
                "backstopDays",
                "dueSoonDays",
            ],
        ),
        ("UnitReport", &["asAt", "units"]),
        (
            "UnitCompliance",
            &[
                "unitId",
                "name",
                "parentId",
                "path",
                "people",
                "clinical",
                "management",
                "case",
            ],
        ),
        ("KindFigures", &["required", "compliant", "percent"]),
    ];
    let types: Vec<&str> = sdl
        .lines()
        .filter_map(|line| line.strip_prefix("type "))
        .filter_map(|rest| rest.split([' ', '{']).next())
        .collect();
    assert!(
        types.contains(&"PersonStanding") && types.contains(&"KindStanding"),
        "the walk read the schema: {types:?}"
    );
    for type_name in types {
        let Some((_, vetted)) = allowed.iter().find(|(t, _)| *t == type_name) else {
            panic!("the BI schema has a type nobody has vetted: {type_name}");
        };
        for field in crate::matrix::fields_of(&sdl, type_name) {
            assert!(
                vetted.contains(&field.as_str()),
                "{type_name}.{field} is in the BI schema but not vetted as compliance data"
            );
        }
    }
}
