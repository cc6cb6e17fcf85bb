//! The browser's `fetch`, as every call to the server makes it: the CSRF
//! header always, a body when there is one, and the answer read to its end
//! (so the browser never counts a request as cut off when the page moves
//! on). Written on `web_sys` directly rather than through an HTTP crate:
//! this is all the app asks of one, and it is in the first download of
//! every page.

use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::CSRF_HEADER;

/// What is sent.
pub enum Body<'a> {
    /// Nothing (a GET).
    Empty,
    /// JSON already written.
    Json(String),
    /// A file as it is, with its content type.
    File(&'a web_sys::File, &'static str),
}

/// An answer: its status and its whole body.
pub struct Answer {
    status: u16,
    body: String,
}

impl Answer {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The body read as JSON.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(&self.body)
    }
}

/// Why no answer came: the network, or the browser refusing the request.
#[derive(Debug)]
pub struct NoAnswer(String);

impl std::fmt::Display for NoAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<JsValue> for NoAnswer {
    fn from(err: JsValue) -> Self {
        // A TypeError ("Failed to fetch") when the network is down.
        Self(
            err.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .or_else(|| err.as_string())
                .unwrap_or_else(|| "the request failed".to_owned()),
        )
    }
}

/// Sends `method url` with `body`, and reads the whole answer.
pub async fn send(method: &str, url: &str, body: Body<'_>) -> Result<Answer, NoAnswer> {
    let headers = web_sys::Headers::new()?;
    headers.set(CSRF_HEADER.0, CSRF_HEADER.1)?;
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    match body {
        Body::Empty => {}
        Body::Json(json) => {
            headers.set("Content-Type", "application/json")?;
            init.set_body(&JsValue::from(json));
        }
        Body::File(file, content_type) => {
            headers.set("Content-Type", content_type)?;
            init.set_body(file);
        }
    }
    init.set_headers(&headers);
    let window = web_sys::window().ok_or_else(|| NoAnswer("no window".to_owned()))?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await?
        .dyn_into()?;
    let body = JsFuture::from(response.text()?).await?;
    Ok(Answer {
        status: response.status(),
        body: body.as_string().unwrap_or_default(),
    })
}

/// Sends `value` as JSON.
pub async fn post_json(url: &str, value: &impl serde::Serialize) -> Result<Answer, NoAnswer> {
    let json = serde_json::to_string(value).map_err(|e| NoAnswer(e.to_string()))?;
    send("POST", url, Body::Json(json)).await
}
