//! Reading settings by name: text, whole numbers in a range, flags, and
//! the optional `KEY=value` file; every refusal names the setting.

/// A setting that is missing, malformed or unsafe.
#[derive(Debug, thiserror::Error)]
#[error("configuration error in {setting}: {problem}")]
pub struct ConfigError {
    /// The environment variable at fault.
    pub setting: &'static str,
    /// What is wrong and how to fix it.
    pub problem: String,
}

pub(super) fn invalid(setting: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError {
        setting,
        problem: problem.into(),
    }
}

/// The settings as given, each read by its name; a blank one is unset.
pub(super) struct Settings<'a>(pub(super) &'a dyn Fn(&str) -> Option<String>);

impl Settings<'_> {
    pub(super) fn text(&self, setting: &str) -> Option<String> {
        (self.0)(setting).filter(|v| !v.trim().is_empty())
    }

    pub(super) fn number<T>(
        &self,
        setting: &'static str,
        default: T,
        range: std::ops::RangeInclusive<T>,
        unit: &str,
    ) -> Result<T, ConfigError>
    where
        T: std::str::FromStr + PartialOrd + std::fmt::Display,
    {
        whole_number(setting, self.text(setting), default, range, unit)
    }

    pub(super) fn flag(&self, setting: &'static str, default: bool) -> Result<bool, ConfigError> {
        parse_bool(setting, self.text(setting), default)
    }
}

/// A whole number of `unit`s within `range`, or `default` when unset; any
/// other value is refused with the setting's name and what it takes.
pub(super) fn whole_number<T>(
    setting: &'static str,
    value: Option<String>,
    default: T,
    range: std::ops::RangeInclusive<T>,
    unit: &str,
) -> Result<T, ConfigError>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display,
{
    let Some(text) = value else {
        return Ok(default);
    };
    text.trim()
        .parse::<T>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| {
            invalid(
                setting,
                format!(
                    "a whole number of {unit}, {} to {}",
                    range.start(),
                    range.end()
                ),
            )
        })
}

pub(super) fn parse_bool(
    setting: &'static str,
    value: Option<String>,
    default: bool,
) -> Result<bool, ConfigError> {
    match value.as_deref().map(str::to_ascii_lowercase).as_deref() {
        None => Ok(default),
        Some("true" | "1" | "yes" | "on") => Ok(true),
        Some("false" | "0" | "no" | "off") => Ok(false),
        Some(other) => Err(invalid(setting, format!("'{other}' is not true or false"))),
    }
}

/// Reads `KEY=value` lines; blank lines and `#` comments are skipped.
pub(super) fn parse_env_file(text: &str) -> Vec<(String, String)> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once('='))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().trim_matches('"').to_owned()))
        .collect()
}
