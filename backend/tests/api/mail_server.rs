//! A real SMTP server for the email tests: aiosmtpd, started as a child
//! process on a port of its own, storing what it receives in a Maildir that
//! the tests read.

use std::path::PathBuf;
use std::process::Stdio;
use std::sync::OnceLock;
use std::time::Duration;

use tokio::process::{Child, Command};

/// The Python that has aiosmtpd, installed once per test run by the
/// project's own script.
fn python() -> &'static str {
    static PYTHON: OnceLock<String> = OnceLock::new();
    PYTHON.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        let output = std::process::Command::new("bash")
            .arg(root.join("scripts/mail-venv.sh"))
            .stderr(Stdio::inherit())
            .output()
            .expect("run scripts/mail-venv.sh");
        assert!(output.status.success(), "scripts/mail-venv.sh failed");
        String::from_utf8(output.stdout)
            .expect("a path")
            .trim()
            .to_owned()
    })
}

/// A port nobody is listening on (yet), and never handed to another test
/// of this run: the outage test leaves its port unbound for a while, and
/// another test's SMTP server given the same port took its mail.
pub fn free_port() -> u16 {
    static GIVEN: std::sync::Mutex<Vec<u16>> = std::sync::Mutex::new(Vec::new());
    loop {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let mut given = GIVEN.lock().expect("port list");
        if !given.contains(&port) {
            given.push(port);
            return port;
        }
    }
}

/// One email as the SMTP server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub to: String,
    pub subject: String,
    pub message_id: String,
    pub text: String,
}

/// A running SMTP server.
pub struct MailServer {
    pub port: u16,
    maildir: PathBuf,
    child: Child,
}

impl MailServer {
    /// Starts the server on `port` and waits until it accepts connections.
    pub async fn start(port: u16) -> Self {
        let maildir = crate::helpers::test_dir().join(format!(
            "maildir-{}-{}",
            std::process::id(),
            uuid::Uuid::new_v4()
        ));
        // A Maildir that refuses "nobody…" addresses for good, as a real
        // server refuses an address it does not have.
        let handlers = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scripts/mail");
        let child = Command::new(python())
            .env("PYTHONPATH", handlers)
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "refusing_mailbox.RefusingMailbox"])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("start aiosmtpd");
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return Self {
                    port,
                    maildir,
                    child,
                };
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the SMTP server did not start on port {port}");
    }

    /// The `SUPERVISION_SMTP_URL` for this server.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Everything received so far.
    pub fn received(&self) -> Vec<Received> {
        let Ok(entries) = std::fs::read_dir(self.maildir.join("new")) else {
            return Vec::new();
        };
        entries
            .filter_map(Result::ok)
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .map(|raw| parse(&raw))
            .collect()
    }

    /// Waits up to `seconds` until at least `n` messages have arrived.
    pub async fn wait_for(&self, n: usize, seconds: u64) -> Vec<Received> {
        for _ in 0..seconds * 10 {
            let received = self.received();
            if received.len() >= n {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "expected {n} emails within {seconds} s, got {}",
            self.received().len()
        );
    }

    /// Everything received, once the outbox has nothing left to send: waits
    /// up to `seconds` for that, then a moment more for a second copy of
    /// anything to arrive, and fails if one did (by `Message-ID`).
    pub async fn received_once_outbox_is_empty(
        &self,
        db: &sea_orm::DatabaseConnection,
        seconds: u64,
    ) -> Vec<Received> {
        use backend::entity::outbox_message;
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        let mut waiting = u64::MAX;
        for _ in 0..seconds * 10 {
            waiting = outbox_message::Entity::find()
                .filter(outbox_message::Column::SentAt.is_null())
                .filter(outbox_message::Column::FailedAt.is_null())
                .count(db)
                .await
                .expect("count the outbox");
            if waiting == 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(waiting, 0, "the outbox emptied within {seconds} s");
        tokio::time::sleep(Duration::from_secs(2)).await;
        let received = self.received();
        let mut ids: Vec<&str> = received.iter().map(|m| m.message_id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), received.len(), "no email arrived twice");
        received
    }

    /// The calendar invitations received so far, as the icalendar package
    /// reads them (`scripts/mail/read_invitations.py`): one entry per email,
    /// with its recipient, subject, MIME parts and the events it carries.
    pub fn invitations(&self) -> serde_json::Value {
        let script =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scripts/mail/read_invitations.py");
        let output = std::process::Command::new(python())
            .arg(script)
            .arg(&self.maildir)
            .output()
            .expect("run read_invitations.py");
        assert!(
            output.status.success(),
            "read_invitations.py failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).expect("JSON from read_invitations.py")
    }

    /// Stops the server.
    pub async fn stop(mut self) {
        let _ = self.child.kill().await;
    }
}

/// Headers and the decoded text of a stored message.
fn parse(raw: &str) -> Received {
    let raw = raw.replace("\r\n", "\n");
    let (head, body) = raw.split_once("\n\n").unwrap_or((&raw, ""));
    // Unfold continuation lines before reading headers.
    let head = head.replace("\n ", " ").replace("\n\t", " ");
    let header = |name: &str| {
        head.lines()
            .find_map(|l| {
                l.split_once(':')
                    .filter(|(k, _)| k.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.trim().to_owned())
            })
            .unwrap_or_default()
    };
    let quoted_printable =
        header("Content-Transfer-Encoding").eq_ignore_ascii_case("quoted-printable");
    let text = if quoted_printable {
        decode_quoted_printable(body)
    } else {
        body.to_owned()
    };
    Received {
        to: header("X-RcptTo"),
        subject: header("Subject"),
        message_id: header("Message-ID"),
        text,
    }
}

fn decode_quoted_printable(body: &str) -> String {
    let joined = body.replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&joined[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
