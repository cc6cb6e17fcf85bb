//! Where to send someone after sign-in (F1.3). Only same-site relative paths
//! are honoured; anything that could leave the site goes to the home page.

/// The safe target for a requested return path: the path itself when it is a
/// same-site relative path, else `/`.
pub fn safe_return(requested: &str) -> String {
    let decoded = percent_decode(requested);
    let acceptable = |path: &str| {
        path.starts_with('/')
            && !path.starts_with("//")
            && !path.starts_with("/\\")
            && !path.chars().any(|c| c.is_control() || c == '\\')
    };
    // Check both the text and what it decodes to, so `/%2F%2Fevil.example`
    // cannot become `//evil.example` further down the line.
    if acceptable(requested) && acceptable(&decoded) && acceptable(&percent_decode(&decoded)) {
        requested.to_owned()
    } else {
        "/".to_owned()
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push(h * 16 + l);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::safe_return;

    #[test]
    fn a_deep_link_within_the_site_survives_sign_in() {
        assert_eq!(
            safe_return("/supervisions/0193-ab?tab=actions"),
            "/supervisions/0193-ab?tab=actions"
        );
        assert_eq!(safe_return("/record/clinical"), "/record/clinical");
        assert_eq!(
            safe_return("/team/compliance?unit=42%20b"),
            "/team/compliance?unit=42%20b"
        );
    }

    #[test]
    fn targets_off_the_site_go_home() {
        for evil in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/%2Fevil.example",
            "%2F%2Fevil.example",
            "/%5Cevil.example",
            "/%252F%252Fevil.example",
            "javascript:alert(1)",
            "evil.example",
            "/\r\nLocation: https://evil.example",
            "",
        ] {
            assert_eq!(safe_return(evil), "/", "{evil:?}");
        }
    }
}
