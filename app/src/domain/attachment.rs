//! Attached files: what a file really is (from its bytes, never its name or the browser's word),
//! whether a page may show it inline, a name safe to show and to send in a header, and a phone
//! photo without the place it was taken.

use super::PersonRef;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The most files one post may carry.
pub const MAX_FILES_PER_POST: usize = 10;

/// A file on a ticket, as its reader may see it (the bytes are fetched from `url`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// The random id in its URL.
    pub id: String,
    /// The note it came with, if any.
    pub note_id: Option<i64>,
    pub name: String,
    pub media_type: String,
    pub size: i64,
    /// For IT only.
    pub internal: bool,
    /// Who attached it (a first name for readers outside IT, never an address).
    pub uploader: PersonRef,
    pub created_at: DateTime<Utc>,
    /// Whether this reader may remove it (its uploader, or a coordinator).
    pub can_remove: bool,
    /// Where this reader fetches the bytes (through a tracking link, a path under it).
    pub url: String,
}

impl Attachment {
    pub fn url(&self) -> String {
        self.url.clone()
    }

    pub fn kind(&self) -> Sniffed {
        Sniffed::from_media_type(&self.media_type)
    }
}

/// A size in the reader's words: bytes, KB or MB with the language's decimal mark.
pub fn size_words(locale: &crate::i18n::Locale, bytes: i64) -> String {
    let b = bytes.max(0) as f64;
    if b < 1024.0 {
        crate::i18n::Msg::new("attachment-size-bytes")
            .number("n", bytes)
            .render(locale)
    } else if b < 1024.0 * 1024.0 {
        locale.t_with(
            "attachment-size-kb",
            &[("n", locale.number(b / 1024.0, 0).into())],
        )
    } else {
        locale.t_with(
            "attachment-size-mb",
            &[("n", locale.number(b / 1024.0 / 1024.0, 1).into())],
        )
    }
}

/// What the bytes of a file are. Only the four image types are ever shown inline; everything
/// else, SVG and HTML included, is served as a download.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sniffed {
    Png,
    Jpeg,
    Gif,
    Webp,
    Pdf,
    Zip,
    /// Text with no markup a browser would run (a log file, a configuration).
    Text,
    /// Anything else, including HTML, SVG and XML, which could run script if shown.
    Other,
}

impl Sniffed {
    /// Reads the type from the first bytes of a file.
    pub fn of(bytes: &[u8]) -> Sniffed {
        let starts = |magic: &[u8]| bytes.starts_with(magic);
        if starts(b"\x89PNG\r\n\x1a\n") {
            Sniffed::Png
        } else if starts(b"\xff\xd8\xff") {
            Sniffed::Jpeg
        } else if starts(b"GIF87a") || starts(b"GIF89a") {
            Sniffed::Gif
        } else if bytes.len() >= 12 && starts(b"RIFF") && &bytes[8..12] == b"WEBP" {
            Sniffed::Webp
        } else if starts(b"%PDF-") {
            Sniffed::Pdf
        } else if starts(b"PK\x03\x04") {
            Sniffed::Zip
        } else if looks_like_plain_text(bytes) {
            Sniffed::Text
        } else {
            Sniffed::Other
        }
    }

    /// The media type the file is served with.
    pub fn media_type(self) -> &'static str {
        match self {
            Sniffed::Png => "image/png",
            Sniffed::Jpeg => "image/jpeg",
            Sniffed::Gif => "image/gif",
            Sniffed::Webp => "image/webp",
            Sniffed::Pdf => "application/pdf",
            Sniffed::Zip => "application/zip",
            Sniffed::Text => "text/plain; charset=utf-8",
            Sniffed::Other => "application/octet-stream",
        }
    }

    /// Reads back a stored media type.
    pub fn from_media_type(media_type: &str) -> Sniffed {
        [
            Sniffed::Png,
            Sniffed::Jpeg,
            Sniffed::Gif,
            Sniffed::Webp,
            Sniffed::Pdf,
            Sniffed::Zip,
            Sniffed::Text,
        ]
        .into_iter()
        .find(|s| s.media_type() == media_type)
        .unwrap_or(Sniffed::Other)
    }

    /// Whether a page may show the file itself: the raster images browsers decode without
    /// running anything.
    pub fn inline(self) -> bool {
        matches!(
            self,
            Sniffed::Png | Sniffed::Jpeg | Sniffed::Gif | Sniffed::Webp
        )
    }

    /// The catalogue key of the kind of file, as a page names it.
    pub fn label_key(self) -> &'static str {
        match self {
            Sniffed::Png | Sniffed::Jpeg | Sniffed::Gif | Sniffed::Webp => "attachment-kind-image",
            Sniffed::Pdf => "attachment-kind-pdf",
            Sniffed::Zip => "attachment-kind-zip",
            Sniffed::Text => "attachment-kind-text",
            Sniffed::Other => "attachment-kind-other",
        }
    }
}

/// Text a browser would not treat as markup: valid UTF-8 without NUL bytes, and no `<` at its
/// start that could make a sniffing browser read it as HTML, SVG or XML.
fn looks_like_plain_text(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    // A multi-byte character may be cut at the end of the sample.
    let valid = match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && e.valid_up_to() + 4 > head.len(),
    };
    let markup = head
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0xef && *b != 0xbb && *b != 0xbf)
        .is_some_and(|i| head[i] == b'<');
    !bytes.is_empty() && valid && !head.contains(&0) && !markup
}

/// A file name as it is shown and sent: the last path part, without control characters,
/// invisible formatting characters, quotes, slashes or leading dots, at most [`NAME_LIMIT`]
/// characters with its extension kept; `file` when nothing is left.
///
/// Invisible formatting characters include the bidirectional overrides: "invoice\u{202E}fdp.exe"
/// would otherwise show as "invoiceexe.pdf".
pub fn clean_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| {
            !c.is_control()
                && !invisible(*c)
                && !matches!(c, '"' | '\'' | '<' | '>' | '*' | '?' | '|' | ':')
        })
        .collect();
    let trimmed = cleaned.trim().trim_start_matches('.').trim();
    let short = shorten(trimmed);
    if short.is_empty() {
        "file".to_string()
    } else {
        short
    }
}

/// The longest file name kept, in characters.
pub const NAME_LIMIT: usize = 120;

/// `name` cut to [`NAME_LIMIT`] characters, keeping a short extension (".xlsx") at its end.
fn shorten(name: &str) -> String {
    if name.chars().count() <= NAME_LIMIT {
        return name.to_string();
    }
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e)
        .filter(|e| !e.is_empty() && e.chars().count() <= 16 && !e.contains(' '));
    match extension {
        Some(extension) => {
            let keep = NAME_LIMIT - extension.chars().count() - 1;
            let stem: String = name.chars().take(keep).collect();
            format!("{}.{extension}", stem.trim_end())
        }
        None => name.chars().take(NAME_LIMIT).collect(),
    }
}

/// Characters that show nothing themselves but change how the text around them shows: the
/// bidirectional marks, embeddings, overrides and isolates, zero-width characters and the byte
/// order mark.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// The `Content-Disposition` header for a file (RFC 6266): an ASCII fallback name and the real
/// one percent-encoded as UTF-8 (RFC 5987).
pub fn content_disposition(inline: bool, name: &str) -> String {
    let name = clean_name(name);
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '%' && c != ';' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    let how = if inline { "inline" } else { "attachment" };
    format!("{how}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// A photo without where it was taken: JPEG keeps its EXIF (the orientation a phone wrote) with
/// the GPS directory emptied and its values zeroed, and loses XMP and IPTC blocks, which can
/// carry a location too; PNG and WebP lose their EXIF, XMP and text chunks. Other files, and
/// images this cannot read, come back as they were.
pub fn without_location(kind: Sniffed, bytes: Vec<u8>) -> Vec<u8> {
    match kind {
        Sniffed::Jpeg => jpeg_without_location(&bytes).unwrap_or(bytes),
        Sniffed::Png => png_without_metadata(&bytes).unwrap_or(bytes),
        Sniffed::Webp => webp_without_metadata(&bytes).unwrap_or(bytes),
        _ => bytes,
    }
}

/// Walks the JPEG's segments up to the image data.
fn jpeg_without_location(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]);
    let mut at = 2;
    loop {
        if bytes.get(at)? != &0xff {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        // Start of scan: the rest is image data.
        if marker == 0xda {
            out.extend_from_slice(&bytes[at..]);
            return Some(out);
        }
        // Markers without a length.
        if (0xd0..=0xd7).contains(&marker) || marker == 0x01 || marker == 0xff {
            out.extend_from_slice(&bytes[at..at + 2]);
            at += if marker == 0xff { 1 } else { 2 };
            continue;
        }
        let len = u16::from_be_bytes([*bytes.get(at + 2)?, *bytes.get(at + 3)?]) as usize;
        let end = at + 2 + len;
        let segment = bytes.get(at..end)?;
        let payload = &segment[4..];
        match marker {
            0xe1 if payload.starts_with(b"Exif\0\0") => {
                let mut kept = segment.to_vec();
                empty_gps(&mut kept[10..])?;
                out.extend_from_slice(&kept);
            }
            // XMP and other APP1 blocks, and IPTC (APP13), may name a place.
            0xe1 | 0xed => {}
            _ => out.extend_from_slice(segment),
        }
        at = end;
    }
}

/// Empties the GPS directory of a TIFF structure (EXIF's body) in place: its values are zeroed
/// and its entry count set to nothing, so no reader finds a position.
fn empty_gps(tiff: &mut [u8]) -> Option<()> {
    let little = match tiff.get(..2)? {
        b"II" => true,
        b"MM" => false,
        _ => return None,
    };
    let u16_at = |t: &[u8], i: usize| -> Option<usize> {
        let b = [*t.get(i)?, *t.get(i + 1)?];
        Some(if little {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        } as usize)
    };
    let u32_at = |t: &[u8], i: usize| -> Option<usize> {
        let b = [*t.get(i)?, *t.get(i + 1)?, *t.get(i + 2)?, *t.get(i + 3)?];
        Some(if little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        } as usize)
    };
    let ifd0 = u32_at(tiff, 4)?;
    let entries = u16_at(tiff, ifd0)?;
    let gps = (0..entries)
        .map(|n| ifd0 + 2 + n * 12)
        .find(|&e| u16_at(tiff, e) == Some(0x8825))
        .and_then(|e| u32_at(tiff, e + 8));
    let Some(gps) = gps else {
        return Some(());
    };
    let count = u16_at(tiff, gps)?;
    for n in 0..count {
        let e = gps + 2 + n * 12;
        let kind = u16_at(tiff, e + 2)?;
        let items = u32_at(tiff, e + 4)?;
        let size = match kind {
            1 | 2 | 6 | 7 => 1,
            3 | 8 => 2,
            4 | 9 | 11 => 4,
            5 | 10 | 12 => 8,
            _ => 0,
        } * items;
        // Values over four bytes live elsewhere: zero them there.
        if size > 4 {
            let at = u32_at(tiff, e + 8)?;
            if let Some(values) = tiff.get_mut(at..at + size) {
                values.fill(0);
            }
        }
        if let Some(entry) = tiff.get_mut(e..e + 12) {
            entry.fill(0);
        }
    }
    tiff.get_mut(gps..gps + 2)?.fill(0);
    Some(())
}

/// Copies a PNG's chunks except EXIF, XMP and text (each chunk keeps its own checksum).
fn png_without_metadata(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = bytes.get(..8)?.to_vec();
    let mut at = 8;
    while at < bytes.len() {
        let len = u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?) as usize;
        let kind = bytes.get(at + 4..at + 8)?;
        let end = at + 12 + len;
        let chunk = bytes.get(at..end)?;
        if !matches!(kind, b"eXIf" | b"tEXt" | b"zTXt" | b"iTXt") {
            out.extend_from_slice(chunk);
        }
        at = end;
    }
    Some(out)
}

/// Copies a WebP's chunks except EXIF and XMP, and clears their flags in the extended header.
fn webp_without_metadata(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = bytes.get(..12)?.to_vec();
    let mut at = 12;
    while at < bytes.len() {
        let len = u32::from_le_bytes(bytes.get(at + 4..at + 8)?.try_into().ok()?) as usize;
        let end = (at + 8 + len + (len & 1)).min(bytes.len());
        let chunk = bytes.get(at..end)?;
        match &chunk[..4] {
            b"EXIF" | b"XMP " => {}
            b"VP8X" => {
                let mut header = chunk.to_vec();
                // Bit 3: EXIF present; bit 2: XMP present.
                if let Some(flags) = header.get_mut(8) {
                    *flags &= !0b0000_1100;
                }
                out.extend_from_slice(&header);
            }
            _ => out.extend_from_slice(chunk),
        }
        at = end;
    }
    let size = (out.len() - 8) as u32;
    out[4..8].copy_from_slice(&size.to_le_bytes());
    Some(out)
}

#[cfg(test)]
mod tests;
