//! Issue 19: logs a trust's monitoring can read. With
//! `SUPERVISION_LOG_FORMAT=json` the server writes JSON lines, one per
//! request, each with the request's id, the same id as its response header.

use std::process::Stdio;
use std::time::Duration;

use tokio::io::AsyncReadExt;

use crate::helpers::*;
use crate::mail_server::free_port;

#[tokio::test]
async fn json_logs_have_one_line_per_request_with_the_id_of_its_answer() {
    let url = fresh_database_url().await;
    let port = free_port();
    let store = test_dir().join(format!("attachments-{}-logs", std::process::id()));
    let mut server = tokio::process::Command::new(env!("CARGO_BIN_EXE_supervision"))
        .env_clear()
        .env("SUPERVISION_DATABASE_URL", &url)
        .env("SUPERVISION_AUDIT_KEY_FILE", AUDIT_KEY_FILE)
        .env("SUPERVISION_BIND", format!("127.0.0.1:{port}"))
        .env("SUPERVISION_STATIC_DIR", "/nonexistent")
        .env("SUPERVISION_ATTACHMENT_STORE", &store)
        .env("SUPERVISION_REMINDERS", "false")
        .env("SUPERVISION_LOG_FORMAT", "json")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("start the server");
    let live = format!("http://127.0.0.1:{port}/health/live");
    let mut answer = None;
    for _ in 0..300 {
        if let Ok(response) = reqwest::get(&live).await {
            answer = Some(response);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let answer = answer.expect("the server started");
    let id = answer.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    // Let the line reach the pipe, then stop the server and read it all.
    tokio::time::sleep(Duration::from_millis(300)).await;
    server.kill().await.unwrap();
    let mut written = String::new();
    server
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut written)
        .await
        .unwrap();

    let lines: Vec<serde_json::Value> = written
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}")))
        .collect();
    let ours: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|l| l["span"]["request_id"] == id.as_str())
        .collect();
    assert_eq!(ours.len(), 1, "one line for the request: {written}");
    let line = ours[0];
    assert_eq!(line["fields"]["message"], "request", "{line}");
    assert_eq!(line["fields"]["path"], "/health/live", "{line}");
    assert_eq!(line["fields"]["status"], 200, "{line}");
    assert_eq!(line["level"], "INFO", "{line}");
}
