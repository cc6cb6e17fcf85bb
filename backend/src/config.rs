//! One typed configuration, read from environment variables (and optionally a
//! `KEY=value` file named by `SUPERVISION_CONFIG_FILE`, which the environment
//! overrides), validated once at start-up so a bad setting stops the server
//! with a message naming it rather than failing on some later request.

mod access;
mod audit_key;
mod database;
mod limits;
mod mail;
mod settings;
mod sso;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use secrecy::SecretString;
use supervision_shared::case::ReferenceFormat;
use supervision_shared::sharing::BankHolidays;

pub use access::AccessPolicy;
use access::DEFAULT_PURPOSE_ROLES;
pub use audit_key::AuditKey;
pub use database::PoolSize;
pub use limits::Limits;
pub use mail::MailConfig;
pub use settings::ConfigError;
use settings::{Settings, invalid, parse_env_file};
pub use sso::{FirstMatch, OidcConfig};

/// Where the server is running: production forbids development conveniences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    /// A developer's machine or a demo.
    Development,
    /// Real people and real records.
    Production,
}

/// Every setting the server needs.
#[derive(Debug, Clone)]
pub struct Config {
    /// `sqlite://…` (default, a file under `./data/`) or `postgres://…`.
    pub database_url: SecretString,
    /// How many connections to it the server holds.
    pub database_pool: PoolSize,
    /// Address to listen on.
    pub bind: SocketAddr,
    /// The URL people use to reach the service (links in emails, redirects).
    pub public_url: String,
    /// Development or production.
    pub environment: Environment,
    /// Single sign-on, when configured.
    pub oidc: Option<OidcConfig>,
    /// The development sign-in page that lists demo people.
    pub dev_signin: bool,
    /// Session cookie only over HTTPS.
    pub secure_cookies: bool,
    /// A session unused for this long ends.
    pub session_idle_timeout: Duration,
    /// A session ends this long after sign-in, however busy.
    pub session_absolute_timeout: Duration,
    /// The built front end.
    pub static_dir: PathBuf,
    /// Create the demo organisation on first start.
    pub seed_demo: bool,
    /// Months of demo history to generate.
    pub demo_history_months: u32,
    /// Purpose-bound access rules.
    pub access: AccessPolicy,
    /// Years records are kept after a person leaves (F7.7).
    pub retention_years: u32,
    /// What the daily retention job does.
    pub retention_job: RetentionJob,
    /// Email delivery.
    pub mail: MailConfig,
    /// Attachments.
    pub attachments: AttachmentConfig,
    /// The shape of a pseudonymous case reference (F3.7).
    pub case_reference: ReferenceFormat,
    /// Days besides weekends that are not working days, for the 10 working
    /// days within which a record is shared (F4.3).
    pub bank_holidays: BankHolidays,
    /// Request time-outs, per-session rates and report concurrency.
    pub limits: Limits,
    /// Where Prometheus metrics are served (`GET /metrics`), apart from the
    /// service's own address; none serves no metrics.
    pub metrics_bind: Option<SocketAddr>,
    /// The key that seals the audit chain, read from the file named by
    /// `SUPERVISION_AUDIT_KEY_FILE`; production needs one.
    pub audit_key: Option<AuditKey>,
    /// `SUPERVISION_AUDIT_RETIRED_KEY_FILES`: keys the log was sealed with
    /// before `audit_key`, oldest or newest first.
    pub audit_retired_keys: Vec<AuditKey>,
}

/// Where attachments are kept, and how big one may be (F3.8).
#[derive(Debug, Clone)]
pub struct AttachmentConfig {
    /// A local directory (default `./data/attachments`) or an S3-compatible
    /// bucket as `s3://bucket/prefix`, configured by the standard `AWS_*`
    /// variables (`AWS_ENDPOINT` for a non-Amazon store).
    pub store: String,
    /// The largest attachment accepted, in bytes.
    pub max_bytes: usize,
}

/// The daily retention job's mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetentionJob {
    /// Not run (the default: purging is a decision, not a side effect).
    Off,
    /// Logs what a purge would remove.
    Report,
    /// Logs the report, then purges.
    Apply,
}

impl Config {
    /// Reads the process environment (and the optional file).
    pub fn from_env() -> Result<Self, ConfigError> {
        let mut values: HashMap<String, String> = HashMap::new();
        if let Ok(path) = std::env::var("SUPERVISION_CONFIG_FILE") {
            let text = std::fs::read_to_string(&path).map_err(|e| {
                invalid(
                    "SUPERVISION_CONFIG_FILE",
                    format!("cannot read {path}: {e}"),
                )
            })?;
            values.extend(parse_env_file(&text));
        }
        values.extend(std::env::vars().filter(|(k, _)| k.starts_with("SUPERVISION_")));
        Self::from_lookup(|key| values.get(key).cloned())
    }

    /// Builds and validates a configuration from any key lookup (tests use a map).
    // Long by design: one short block per setting, in the order the README lists them.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let settings = Settings(&get);

        let environment = match settings.text("SUPERVISION_ENV").as_deref() {
            None | Some("development") => Environment::Development,
            Some("production") => Environment::Production,
            Some(other) => {
                return Err(invalid(
                    "SUPERVISION_ENV",
                    format!("'{other}' is not development or production"),
                ));
            }
        };

        let (bind, public_url, database_url) = addresses(&settings)?;
        let database_pool =
            PoolSize::from_settings(&settings, database_url.starts_with("sqlite:"))?;

        let oidc = OidcConfig::from_settings(&settings)?;

        let development = environment == Environment::Development;
        let dev_signin = settings.flag("SUPERVISION_DEV_SIGNIN", development && oidc.is_none())?;
        let secure_cookies = settings.flag(
            "SUPERVISION_SECURE_COOKIES",
            public_url.starts_with("https://"),
        )?;
        let seed_demo = settings.flag("SUPERVISION_SEED_DEMO", development)?;
        let (session_idle_timeout, session_absolute_timeout) = session_timeouts(&settings)?;

        let audit_key = audit_key::from_setting(settings.text("SUPERVISION_AUDIT_KEY_FILE"))?;
        let audit_retired_keys = audit_key::retired_from_setting(
            settings.text("SUPERVISION_AUDIT_RETIRED_KEY_FILES"),
            audit_key.as_ref(),
        )?;

        if environment == Environment::Production {
            refuse_unsafe_production(
                dev_signin,
                secure_cookies,
                oidc.is_some(),
                audit_key.is_some(),
            )?;
        }

        let grant_hours: i64 =
            settings.number("SUPERVISION_GRANT_HOURS", 24, 1..=24 * 14, "hours")?;
        let access = AccessPolicy::parse(
            &settings
                .text("SUPERVISION_PURPOSE_ROLES")
                .unwrap_or_else(|| DEFAULT_PURPOSE_ROLES.into()),
            grant_hours,
        )?;

        let retention_years: u32 =
            settings.number("SUPERVISION_RETENTION_YEARS", 6, 1..=50, "years")?;
        let retention_job = match settings.text("SUPERVISION_RETENTION_JOB").as_deref() {
            None | Some("off") => RetentionJob::Off,
            Some("report") => RetentionJob::Report,
            Some("apply") => RetentionJob::Apply,
            Some(other) => {
                return Err(invalid(
                    "SUPERVISION_RETENTION_JOB",
                    format!("'{other}' is not off, report or apply"),
                ));
            }
        };

        let mail = MailConfig::from_settings(&settings)?;
        let limits = Limits::from_settings(&settings)?;
        let metrics_bind = match settings.text("SUPERVISION_METRICS_BIND") {
            None => None,
            Some(address) => Some(address.parse().map_err(|e| {
                invalid(
                    "SUPERVISION_METRICS_BIND",
                    format!("'{address}' is not an address and port: {e}"),
                )
            })?),
        };

        let bank_holidays = bank_holidays(settings.text("SUPERVISION_BANK_HOLIDAYS"))?;

        let attachment_mb: usize =
            settings.number("SUPERVISION_ATTACHMENT_MAX_MB", 20, 1..=200, "megabytes")?;
        let attachments = AttachmentConfig {
            store: settings
                .text("SUPERVISION_ATTACHMENT_STORE")
                .unwrap_or_else(|| "data/attachments".into()),
            max_bytes: attachment_mb * 1024 * 1024,
        };

        let case_reference = match settings.text("SUPERVISION_CASE_REFERENCE_FORMAT") {
            None => ReferenceFormat::default(),
            Some(masks) => ReferenceFormat::parse(&masks)
                .map_err(|e| invalid("SUPERVISION_CASE_REFERENCE_FORMAT", e))?,
        };
        // Read until the interval became each organisation's policy; a
        // deployment still setting it is told, rather than quietly ignored.
        if settings.text("SUPERVISION_CASE_DISCUSSION_WEEKS").is_some() {
            return Err(invalid(
                "SUPERVISION_CASE_DISCUSSION_WEEKS",
                "is no longer read: how often a case is discussed is the organisation's \
                 case supervision rule (Policy page), per unit if set",
            ));
        }

        Ok(Self {
            audit_key,
            audit_retired_keys,
            limits,
            metrics_bind,
            case_reference,
            attachments,
            bank_holidays,
            mail,
            retention_years,
            retention_job,
            access,
            database_url: SecretString::from(database_url),
            database_pool,
            bind,
            public_url,
            environment,
            oidc,
            dev_signin,
            secure_cookies,
            session_idle_timeout,
            session_absolute_timeout,
            static_dir: PathBuf::from(
                settings
                    .text("SUPERVISION_STATIC_DIR")
                    .unwrap_or_else(|| "frontend/dist".into()),
            ),
            seed_demo,
            demo_history_months: settings.number(
                "SUPERVISION_DEMO_MONTHS",
                24,
                1..=120,
                "months",
            )?,
        })
    }
}

/// Where the server listens, the URL people use, and the database.
fn addresses(settings: &Settings<'_>) -> Result<(SocketAddr, String, String), ConfigError> {
    let bind: SocketAddr = settings
        .text("SUPERVISION_BIND")
        .unwrap_or_else(|| "127.0.0.1:3000".into())
        .parse()
        .map_err(|e| invalid("SUPERVISION_BIND", format!("not a socket address: {e}")))?;
    let public_url = settings
        .text("SUPERVISION_PUBLIC_URL")
        .unwrap_or_else(|| format!("http://{bind}"))
        .trim_end_matches('/')
        .to_owned();
    if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
        return Err(invalid(
            "SUPERVISION_PUBLIC_URL",
            "must start with http:// or https://",
        ));
    }

    let database_url = settings
        .text("SUPERVISION_DATABASE_URL")
        .unwrap_or_else(|| "sqlite://data/supervision.db?mode=rwc".into());
    if !(database_url.starts_with("sqlite:")
        || database_url.starts_with("postgres://")
        || database_url.starts_with("postgresql://"))
    {
        return Err(invalid(
            "SUPERVISION_DATABASE_URL",
            "must be a sqlite:// or postgres:// URL",
        ));
    }
    Ok((bind, public_url, database_url))
}

/// How long an unused session lasts, and how long any session lasts.
fn session_timeouts(settings: &Settings<'_>) -> Result<(Duration, Duration), ConfigError> {
    let idle_minutes: u64 = settings.number(
        "SUPERVISION_SESSION_IDLE_MINUTES",
        30,
        1..=24 * 60,
        "minutes",
    )?;
    // Seconds, when given, win over minutes: the end-to-end tests use a
    // short idle time-out to see the warning and the expiry happen.
    let session_idle_timeout = Duration::from_secs(settings.number(
        "SUPERVISION_SESSION_IDLE_SECONDS",
        idle_minutes * 60,
        10..=86_400,
        "seconds",
    )?);
    let absolute_hours: u64 =
        settings.number("SUPERVISION_SESSION_ABSOLUTE_HOURS", 12, 1..=72, "hours")?;
    let session_absolute_timeout = Duration::from_secs(absolute_hours * 3600);
    Ok((session_idle_timeout, session_absolute_timeout))
}

/// Production refuses to start with what is only safe on a developer's
/// machine.
fn refuse_unsafe_production(
    dev_signin: bool,
    secure_cookies: bool,
    single_sign_on: bool,
    audit_key: bool,
) -> Result<(), ConfigError> {
    if dev_signin {
        return Err(invalid(
            "SUPERVISION_DEV_SIGNIN",
            "the development sign-in must be off in production (set it to false)",
        ));
    }
    if !secure_cookies {
        return Err(invalid(
            "SUPERVISION_SECURE_COOKIES",
            "production needs HTTPS-only session cookies: use an https:// SUPERVISION_PUBLIC_URL and leave this on",
        ));
    }
    if !single_sign_on {
        return Err(invalid(
            "SUPERVISION_OIDC_ISSUER",
            "production needs single sign-on: set the OpenID Connect issuer URL",
        ));
    }
    if !audit_key {
        return Err(invalid(
            "SUPERVISION_AUDIT_KEY_FILE",
            "production needs an audit key, so the audit log cannot be rewritten by someone \
             who can only reach the database: name a file holding at least 32 random \
             characters (openssl rand -base64 48), kept outside the database and its backups",
        ));
    }
    Ok(())
}

/// The days that are not working days besides weekends: England and
/// Wales's unless listed.
fn bank_holidays(list: Option<String>) -> Result<BankHolidays, ConfigError> {
    Ok(match list {
        None => BankHolidays::england_and_wales(),
        Some(list) => BankHolidays::new(
            list.split(',')
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(|d| {
                    d.parse::<chrono::NaiveDate>().map_err(|_| {
                        invalid(
                            "SUPERVISION_BANK_HOLIDAYS",
                            format!("'{d}' is not a date (YYYY-MM-DD)"),
                        )
                    })
                })
                .collect::<Result<Vec<_>, _>>()?,
        ),
    })
}

#[cfg(test)]
mod tests {
    use supervision_shared::{AccessPurpose, Role};

    use super::*;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    fn refusal(pairs: &[(&str, &str)]) -> &'static str {
        match config(pairs) {
            Err(e) => e.setting,
            Ok(_) => "accepted",
        }
    }

    const SAFE_PRODUCTION: &[(&str, &str)] = &[
        ("SUPERVISION_ENV", "production"),
        (
            "SUPERVISION_PUBLIC_URL",
            "https://supervision.example.nhs.uk",
        ),
        ("SUPERVISION_OIDC_ISSUER", "https://login.example.nhs.uk"),
        ("SUPERVISION_OIDC_CLIENT_ID", "supervision"),
        (
            "SUPERVISION_AUDIT_KEY_FILE",
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/api/keys/audit.key"),
        ),
    ];

    #[test]
    fn development_defaults_to_sqlite_and_the_development_sign_in() -> Result<(), ConfigError> {
        let c = config(&[])?;
        assert_eq!(c.environment, Environment::Development);
        assert!(c.dev_signin);
        assert!(!c.secure_cookies);
        assert_eq!(c.public_url, "http://127.0.0.1:3000");
        assert!(c.seed_demo);
        Ok(())
    }

    #[test]
    fn postgresql_keeps_its_pool_open_and_sqlite_opens_as_needed() -> Result<(), ConfigError> {
        let pool = |pairs: &[(&str, &str)]| config(pairs).map(|c| c.database_pool);
        assert_eq!(pool(&[])?, PoolSize { min: 0, max: 4 });
        let postgres = ("SUPERVISION_DATABASE_URL", "postgres://u:p@127.0.0.1/s");
        assert_eq!(pool(&[postgres])?, PoolSize { min: 16, max: 16 });
        // The minimum follows a smaller maximum unless it is set too.
        let max = ("SUPERVISION_DATABASE_MAX_CONNECTIONS", "8");
        assert_eq!(pool(&[postgres, max])?, PoolSize { min: 8, max: 8 });
        let min = ("SUPERVISION_DATABASE_MIN_CONNECTIONS", "2");
        assert_eq!(pool(&[postgres, max, min])?, PoolSize { min: 2, max: 8 });
        // More kept open than allowed, or none allowed, is refused.
        let too_many = ("SUPERVISION_DATABASE_MIN_CONNECTIONS", "9");
        assert_eq!(
            refusal(&[postgres, max, too_many]),
            "SUPERVISION_DATABASE_MIN_CONNECTIONS"
        );
        assert_eq!(
            refusal(&[("SUPERVISION_DATABASE_MAX_CONNECTIONS", "0")]),
            "SUPERVISION_DATABASE_MAX_CONNECTIONS"
        );
        Ok(())
    }

    #[test]
    fn production_with_sso_and_https_starts() {
        assert_eq!(refusal(SAFE_PRODUCTION), "accepted");
    }

    #[test]
    fn production_refuses_the_development_sign_in() {
        let mut pairs = SAFE_PRODUCTION.to_vec();
        pairs.push(("SUPERVISION_DEV_SIGNIN", "true"));
        assert_eq!(refusal(&pairs), "SUPERVISION_DEV_SIGNIN");
    }

    #[test]
    fn production_refuses_to_start_without_an_audit_key() -> Result<(), ConfigError> {
        let pairs: Vec<_> = SAFE_PRODUCTION
            .iter()
            .filter(|(k, _)| *k != "SUPERVISION_AUDIT_KEY_FILE")
            .copied()
            .collect();
        assert_eq!(refusal(&pairs), "SUPERVISION_AUDIT_KEY_FILE");
        assert!(config(&[])?.audit_key.is_none(), "optional elsewhere");
        Ok(())
    }

    #[test]
    fn production_refuses_cookies_without_https() {
        let mut pairs = SAFE_PRODUCTION.to_vec();
        pairs.push(("SUPERVISION_SECURE_COOKIES", "false"));
        assert_eq!(refusal(&pairs), "SUPERVISION_SECURE_COOKIES");
        let plain_http: Vec<_> = SAFE_PRODUCTION
            .iter()
            .map(|&(k, v)| {
                if k == "SUPERVISION_PUBLIC_URL" {
                    (k, "http://x.example")
                } else {
                    (k, v)
                }
            })
            .collect();
        assert_eq!(refusal(&plain_http), "SUPERVISION_SECURE_COOKIES");
    }

    #[test]
    fn production_refuses_to_start_without_an_oidc_issuer() {
        let pairs: Vec<_> = SAFE_PRODUCTION
            .iter()
            .copied()
            .filter(|(k, _)| !k.starts_with("SUPERVISION_OIDC"))
            .collect();
        assert_eq!(refusal(&pairs), "SUPERVISION_OIDC_ISSUER");
    }

    #[test]
    fn nonsense_values_name_their_setting() {
        assert_eq!(
            refusal(&[("SUPERVISION_ENV", "staging")]),
            "SUPERVISION_ENV"
        );
        assert_eq!(
            refusal(&[("SUPERVISION_BIND", "everywhere")]),
            "SUPERVISION_BIND"
        );
        assert_eq!(
            refusal(&[("SUPERVISION_DATABASE_URL", "mysql://x")]),
            "SUPERVISION_DATABASE_URL"
        );
        assert_eq!(
            refusal(&[("SUPERVISION_SEED_DEMO", "perhaps")]),
            "SUPERVISION_SEED_DEMO"
        );
    }

    #[test]
    fn every_number_out_of_its_range_is_refused_naming_its_setting() {
        for (setting, outside) in [
            ("SUPERVISION_SESSION_IDLE_MINUTES", "0"),
            ("SUPERVISION_SESSION_IDLE_SECONDS", "9"),
            ("SUPERVISION_SESSION_ABSOLUTE_HOURS", "73"),
            ("SUPERVISION_GRANT_HOURS", "337"),
            ("SUPERVISION_RETENTION_YEARS", "0"),
            ("SUPERVISION_ESCALATION_GRACE_DAYS", "-1"),
            ("SUPERVISION_OUTBOX_POLL_SECONDS", "301"),
            ("SUPERVISION_OUTBOX_RETRY_SECONDS", "0"),
            ("SUPERVISION_ATTACHMENT_MAX_MB", "201"),
            ("SUPERVISION_CASE_DISCUSSION_WEEKS", "8"),
            ("SUPERVISION_DEMO_MONTHS", "121"),
            ("SUPERVISION_DEMO_MONTHS", "twelve"),
        ] {
            assert_eq!(
                refusal(&[(setting, outside)]),
                setting,
                "{setting}={outside}"
            );
        }
        let ok = config(&[("SUPERVISION_SESSION_IDLE_MINUTES", " 45 ")]);
        assert_eq!(
            ok.map(|c| c.session_idle_timeout).ok(),
            Some(Duration::from_secs(45 * 60))
        );
    }

    #[test]
    fn purposes_are_configured_per_role() -> Result<(), ConfigError> {
        let c = config(&[])?;
        assert!(
            c.access
                .allows(&[Role::Staff, Role::Auditor], AccessPurpose::AuditQa)
        );
        assert!(!c.access.allows(&[Role::Auditor], AccessPurpose::Legal));
        assert!(
            !c.access
                .allows(&[Role::Staff, Role::Supervisor], AccessPurpose::AuditQa)
        );
        assert_eq!(c.access.grant_duration, chrono::Duration::hours(24));
        let c = config(&[("SUPERVISION_PURPOSE_ROLES", "auditor:audit_qa,legal")])?;
        assert!(c.access.allows(&[Role::Auditor], AccessPurpose::Legal));
        assert!(!c.access.allows(&[Role::HrAdmin], AccessPurpose::Legal));
        assert_eq!(
            refusal(&[("SUPERVISION_PURPOSE_ROLES", "staff:legal")]),
            "SUPERVISION_PURPOSE_ROLES"
        );
        assert_eq!(
            refusal(&[("SUPERVISION_PURPOSE_ROLES", "auditor:gossip")]),
            "SUPERVISION_PURPOSE_ROLES"
        );
        Ok(())
    }

    #[test]
    fn claimed_groups_map_only_to_roles_without_a_scope() -> Result<(), ConfigError> {
        let sso = [
            ("SUPERVISION_OIDC_ISSUER", "https://login.example.nhs.uk"),
            ("SUPERVISION_OIDC_CLIENT_ID", "supervision"),
        ];
        let mut pairs = sso.to_vec();
        pairs.push((
            "SUPERVISION_OIDC_ROLE_MAP",
            "Supervision Auditors=auditor; HR=hr_admin",
        ));
        let c = config(&pairs)?;
        let map = c.oidc.map(|o| o.role_map).unwrap_or_default();
        assert_eq!(
            map,
            vec![
                ("Supervision Auditors".to_owned(), Role::Auditor),
                ("HR".to_owned(), Role::HrAdmin)
            ]
        );
        let mut pairs = sso.to_vec();
        pairs.push(("SUPERVISION_OIDC_ROLE_MAP", "Managers=senior_manager"));
        assert_eq!(refusal(&pairs), "SUPERVISION_OIDC_ROLE_MAP");
        Ok(())
    }

    #[test]
    fn first_sign_in_matches_by_email_by_default_or_by_a_named_employee_number_claim()
    -> Result<(), ConfigError> {
        let sso = [
            ("SUPERVISION_OIDC_ISSUER", "https://login.example.nhs.uk"),
            ("SUPERVISION_OIDC_CLIENT_ID", "supervision"),
        ];
        let first = |extra: Option<&'static str>| {
            let mut pairs = sso.to_vec();
            if let Some(value) = extra {
                pairs.push(("SUPERVISION_OIDC_MATCH_CLAIM", value));
            }
            config(&pairs).map(|c| c.oidc.map(|o| o.first_match))
        };
        assert_eq!(first(None)?, Some(FirstMatch::Email));
        assert_eq!(
            first(Some("employee_number:esr_number"))?,
            Some(FirstMatch::EmployeeNumber("esr_number".into()))
        );
        assert_eq!(first(Some("none"))?, Some(FirstMatch::SubjectOnly));
        assert!(first(Some("employee_number:")).is_err());
        Ok(())
    }

    #[test]
    fn email_settings_are_checked_at_start_up() -> Result<(), ConfigError> {
        let c = config(&[])?;
        assert!(
            c.mail.smtp_url.is_none(),
            "no SMTP: the outbox keeps messages"
        );
        assert_eq!(c.mail.retry_base, Duration::from_secs(30));
        assert!(
            config(&[(
                "SUPERVISION_SMTP_URL",
                "smtps://user:pw@mail.example.nhs.uk"
            )])
            .is_ok()
        );
        assert_eq!(
            refusal(&[("SUPERVISION_SMTP_URL", "carrier-pigeon://loft")]),
            "SUPERVISION_SMTP_URL"
        );
        assert_eq!(
            refusal(&[("SUPERVISION_MAIL_FROM", "not an address")]),
            "SUPERVISION_MAIL_FROM"
        );
        assert_eq!(
            refusal(&[("SUPERVISION_OUTBOX_RETRY_SECONDS", "0")]),
            "SUPERVISION_OUTBOX_RETRY_SECONDS"
        );
        Ok(())
    }

    #[test]
    fn a_config_file_holds_key_value_lines() {
        let pairs = parse_env_file(
            "# comment\nSUPERVISION_BIND = 127.0.0.1:4000\n\nSUPERVISION_ENV=\"development\"\n",
        );
        assert_eq!(pairs.len(), 2);
        assert_eq!(
            pairs[0],
            ("SUPERVISION_BIND".into(), "127.0.0.1:4000".into())
        );
    }
}
