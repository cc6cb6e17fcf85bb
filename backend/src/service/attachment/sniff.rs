//! What a file is, decided from its first bytes and never from its name or
//! the type the browser claimed (F3.8). Only documents and photos people
//! attach to supervision are accepted; anything a browser could run
//! (HTML, SVG, scripts) or anything unknown is refused.

/// An accepted kind of file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileType {
    /// The media type it is served with.
    pub mime: &'static str,
    /// The extension a download is given.
    pub extension: &'static str,
}

const PDF: FileType = FileType {
    mime: "application/pdf",
    extension: "pdf",
};
const PNG: FileType = FileType {
    mime: "image/png",
    extension: "png",
};
const JPEG: FileType = FileType {
    mime: "image/jpeg",
    extension: "jpg",
};
const GIF: FileType = FileType {
    mime: "image/gif",
    extension: "gif",
};
const WEBP: FileType = FileType {
    mime: "image/webp",
    extension: "webp",
};
const HEIC: FileType = FileType {
    mime: "image/heic",
    extension: "heic",
};
const DOCX: FileType = FileType {
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extension: "docx",
};
const XLSX: FileType = FileType {
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extension: "xlsx",
};
const PPTX: FileType = FileType {
    mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    extension: "pptx",
};
const TEXT: FileType = FileType {
    mime: "text/plain; charset=utf-8",
    extension: "txt",
};

/// What the accepted types are, for the refusal message.
pub const ACCEPTED: &str =
    "PDF, Word, Excel or PowerPoint documents, photos (JPEG, PNG, GIF, WebP, HEIC) or plain text";

/// The type of a file from its content, or `None` when it is not accepted.
pub fn sniff(bytes: &[u8]) -> Option<FileType> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(b"%PDF-") {
        return Some(PDF);
    }
    if starts(b"\x89PNG\r\n\x1a\n") {
        return Some(PNG);
    }
    if starts(b"\xFF\xD8\xFF") {
        return Some(JPEG);
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return Some(GIF);
    }
    if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return Some(WEBP);
    }
    if bytes.get(4..8) == Some(b"ftyp")
        && matches!(
            bytes.get(8..12),
            Some(b"heic" | b"heix" | b"hevc" | b"heim" | b"heis" | b"mif1" | b"msf1")
        )
    {
        return Some(HEIC);
    }
    if starts(b"PK\x03\x04") {
        return office_document(bytes);
    }
    plain_text(bytes)
}

/// An Office Open XML document is a zip whose entries name its kind:
/// `word/`, `xl/` or `ppt/`. Any other zip is refused.
fn office_document(bytes: &[u8]) -> Option<FileType> {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    if !has(b"[Content_Types].xml") {
        return None;
    }
    if has(b"word/") {
        Some(DOCX)
    } else if has(b"xl/") {
        Some(XLSX)
    } else if has(b"ppt/") {
        Some(PPTX)
    } else {
        None
    }
}

/// UTF-8 text with no control bytes, that does not look like markup a
/// browser would render or run.
fn plain_text(bytes: &[u8]) -> Option<FileType> {
    let text = std::str::from_utf8(bytes).ok()?;
    if text.is_empty()
        || text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return None;
    }
    let head: String = text
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    let markup = [
        "<!doctype",
        "<html",
        "<svg",
        "<script",
        "<?xml",
        "<body",
        "<iframe",
    ];
    if markup.iter().any(|m| head.contains(m)) {
        return None;
    }
    Some(TEXT)
}

/// A file name safe to show and to offer in a download: no path, no
/// control characters, at most 120 characters, and the extension of the
/// type its content was found to be.
pub fn clean_file_name(uploaded: &str, file_type: FileType) -> String {
    let base = uploaded
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | ':' | '*' | '?' | '|'))
        .collect::<String>();
    let stem = match base.rsplit_once('.') {
        Some((stem, _)) if !stem.trim().is_empty() => stem.trim().to_owned(),
        _ => base.trim().to_owned(),
    };
    let stem: String = stem.chars().take(110).collect();
    let stem = if stem.is_empty() {
        "attachment".to_owned()
    } else {
        stem
    };
    format!("{stem}.{}", file_type.extension)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_and_photos_are_recognised_by_their_content() {
        assert_eq!(
            sniff(b"%PDF-1.7\n...").map(|t| t.mime),
            Some("application/pdf")
        );
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n\0\0").map(|t| t.mime),
            Some("image/png")
        );
        assert_eq!(
            sniff(b"\xFF\xD8\xFF\xE0").map(|t| t.mime),
            Some("image/jpeg")
        );
        assert_eq!(
            sniff(b"\0\0\0\x18ftypheic\0\0").map(|t| t.mime),
            Some("image/heic")
        );
        let docx = b"PK\x03\x04....[Content_Types].xml....word/document.xml";
        assert_eq!(sniff(docx).map(|t| t.extension), Some("docx"));
        assert_eq!(
            sniff(b"Notes from the visit.\n").map(|t| t.extension),
            Some("txt")
        );
    }

    #[test]
    fn anything_a_browser_could_run_is_refused_whatever_its_name() {
        assert!(sniff(b"<!DOCTYPE html><html><script>alert(1)</script>").is_none());
        assert!(sniff(b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"x()\"/>").is_none());
        assert!(sniff(b"  <html>").is_none());
        assert!(sniff(b"MZ\x90\0\x03").is_none(), "an executable");
        assert!(sniff(b"PK\x03\x04 a zip that is not a document").is_none());
        assert!(sniff(b"").is_none());
    }

    #[test]
    fn a_download_name_has_no_path_and_the_extension_of_its_real_type() {
        assert_eq!(clean_file_name("C:\\Users\\me\\plan.pdf", PDF), "plan.pdf");
        assert_eq!(clean_file_name("../../etc/passwd", TEXT), "passwd.txt");
        assert_eq!(clean_file_name("photo.pdf", JPEG), "photo.jpg");
        assert_eq!(clean_file_name("", PNG), "attachment.png");
        assert_eq!(clean_file_name("a\"b<c>.docx", DOCX), "abc.docx");
    }
}
