//! The browser's files (`/pkg/`): served under names that carry a hash of their content, so a
//! browser may keep them for a year and still never runs an old client after an upgrade, and
//! precompressed (brotli, gzip) where the build left compressed copies beside them.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use tower::ServiceExt;

/// What the client build is called (`switchboard.js`, `.wasm`, `.css`).
pub const OUTPUT_NAME: &str = "switchboard";

/// Files named with the current hash: the same name always holds the same bytes.
const FOREVER: &str = "public, max-age=31536000, immutable";
/// Any other file of the folder (a wasm-bindgen snippet, a name from before hashing): asked again
/// each time, answered with a 304 while unchanged.
const REVALIDATE: &str = "no-cache";

/// The client's files and the hash that names them.
#[derive(Clone, Debug)]
pub struct Assets {
    dir: PathBuf,
    version: Option<String>,
    /// Whether the build's compressed copies may be sent: not when one is older than its file
    /// (a debug build over a release left the release's copies beside the new files).
    precompressed: bool,
}

impl Assets {
    /// Reads the client build in `site_root/pkg` once, at start-up. Every process serving the
    /// same build computes the same hash, so a page rendered by one process loads its files from
    /// any other. Without a build (the API tests) the names stay plain.
    pub fn load(site_root: &str) -> Assets {
        let dir = Path::new(site_root).join("pkg");
        let mut hasher = std::hash::DefaultHasher::new();
        let mut found = false;
        for ext in ["js", "wasm", "css"] {
            if let Ok(bytes) = std::fs::read(dir.join(format!("{OUTPUT_NAME}.{ext}"))) {
                found = true;
                hasher.write(ext.as_bytes());
                hasher.write(&bytes);
            }
        }
        // A client split by page (`cargo leptos build --split`): its parts belong to the build too.
        for part in split_parts(&dir) {
            if let Ok(bytes) = std::fs::read(dir.join(&part)) {
                hasher.write(part.as_bytes());
                hasher.write(&bytes);
            }
        }
        let version = found.then(|| format!("{:016x}", hasher.finish()));
        let precompressed = copies_are_fresh(&dir);
        Assets {
            dir,
            version,
            precompressed,
        }
    }

    /// The files a server was started with: its Leptos options name them (see
    /// [`Assets::output_name`]).
    pub fn of(options: &leptos::config::LeptosOptions) -> Assets {
        let dir = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
        Assets {
            precompressed: copies_are_fresh(&dir),
            dir,
            version: options
                .output_name
                .strip_prefix(OUTPUT_NAME)
                .and_then(|v| v.strip_prefix('.'))
                .map(str::to_string),
        }
    }

    /// The name pages use for the client's files: `switchboard.<hash>` (Leptos' output name, so
    /// the hydration script asks for `switchboard.<hash>.js` and `.wasm`).
    pub fn output_name(&self) -> String {
        match &self.version {
            Some(v) => format!("{OUTPUT_NAME}.{v}"),
            None => OUTPUT_NAME.to_string(),
        }
    }

    /// Serves `/pkg/<name>`: a name with the current hash is the file without it, kept for a
    /// year; a name with any other hash is gone (404, never another build's bytes under it);
    /// anything else is revalidated. A `.br` or `.gz` copy is sent to browsers that accept it.
    pub async fn serve(&self, req: Request) -> Response {
        let Some(name) = req.uri().path().strip_prefix("/pkg/") else {
            return StatusCode::NOT_FOUND.into_response();
        };
        let (file, cache) = match self.unversioned(name) {
            Some(Ok(file)) => (file, FOREVER),
            Some(Err(())) => return StatusCode::NOT_FOUND.into_response(),
            None => (name.to_string(), REVALIDATE),
        };
        let (mut parts, body) = req.into_parts();
        let Ok(uri) = format!("/{file}").parse() else {
            return StatusCode::NOT_FOUND.into_response();
        };
        parts.uri = uri;
        let mut dir = tower_http::services::ServeDir::new(&self.dir);
        if self.precompressed {
            dir = dir.precompressed_br().precompressed_gzip();
        }
        let served = dir.oneshot(Request::from_parts(parts, body)).await;
        let mut response = match served {
            Ok(r) => r.map(Body::new),
            Err(e) => match e {},
        };
        if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
        }
        response
    }

    /// `switchboard.<hash>.js` → `switchboard.js` when the hash is the current one; an error for
    /// an output file with another hash; `None` for any other name.
    fn unversioned(&self, name: &str) -> Option<Result<String, ()>> {
        let rest = name.strip_prefix(OUTPUT_NAME)?.strip_prefix('.')?;
        let (hash, ext) = rest.split_once('.')?;
        if hash.len() != 16 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        match &self.version {
            Some(v) if v == hash => Some(Ok(format!("{OUTPUT_NAME}.{ext}"))),
            _ => Some(Err(())),
        }
    }
}

/// Serves `/words/<lang>.<hash>.ftl` and the other shelves' `/words/<lang>.<shelf>.<hash>.ftl`,
/// a language's words for the browser (`app::i18n::words`): kept for a year under the current
/// catalogue's hash; any other name is not found (a page of an older build names an older hash:
/// reloaded, it names this one). Browsers that accept brotli get it at its best quality, made
/// once per file (a tenth smaller than the gzip the server's compression would send).
pub async fn words(file: String, headers: axum::http::HeaderMap) -> Response {
    use app::i18n::words;
    let Some((lang, shelf)) = words::parse_path(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let headers_out = [
        (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
        (header::CACHE_CONTROL, FOREVER),
        (header::VARY, "accept-encoding"),
    ];
    if !accepts_brotli(&headers) {
        return (headers_out, words::file(lang, shelf)).into_response();
    }
    let compressed = tokio::task::spawn_blocking(move || brotli_words(lang, shelf)).await;
    match compressed {
        Ok(bytes) => (
            headers_out,
            [(header::CONTENT_ENCODING, "br")],
            Body::from(bytes),
        )
            .into_response(),
        Err(_) => (headers_out, words::file(lang, shelf)).into_response(),
    }
}

/// Whether an `Accept-Encoding` names brotli without refusing it (`br;q=0`).
fn accepts_brotli(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            let named = parts.next().is_some_and(|c| c.eq_ignore_ascii_case("br"));
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            named && !refused
        })
}

/// A file of words in brotli (quality 11), made on first use and kept: the words do not change
/// while the server runs.
fn brotli_words(lang: app::i18n::Lang, shelf: app::i18n::words::Shelf) -> axum::body::Bytes {
    use app::i18n::words::{file, Shelf};
    use app::i18n::Lang;
    use std::sync::OnceLock;
    static MADE: [[OnceLock<axum::body::Bytes>; 3]; 3] =
        [const { [const { OnceLock::new() }; 3] }; 3];
    let l = Lang::ALL.iter().position(|x| *x == lang).unwrap_or(0);
    let s = Shelf::ALL.iter().position(|x| *x == shelf).unwrap_or(0);
    MADE[l][s]
        .get_or_init(|| {
            let text = file(lang, shelf).as_bytes();
            let mut out = Vec::with_capacity(text.len() / 3);
            let params = brotli::enc::BrotliEncoderParams {
                quality: 11,
                lgwin: 22,
                size_hint: text.len(),
                ..Default::default()
            };
            match brotli::BrotliCompress(&mut &text[..], &mut out, &params) {
                Ok(_) => out.into(),
                // Writing into memory does not fail; were it to, the words go uncompressed.
                Err(_) => axum::body::Bytes::from_static(text),
            }
        })
        .clone()
}

/// Lowers the priority of the split client's parts that a page preloads.
///
/// For the page's group, leptos writes one `<link rel="preload" as="fetch">` per part of the split
/// client (24 to 48 of them) at the browser's default, high, priority, with no way to choose
/// another. The server's HTML paints the page without them, and they are needed only to hydrate,
/// after the main part. Fetched first, they compete with what paints (phones on slow networks
/// wait longest). This marks them `fetchpriority="low"`, as leptos marks the main part's files
/// when hydration is deferred. Only HTML is read, and only leptos' own tags are changed: their
/// attributes come sorted, `as` first.
pub async fn lower_part_preloads(req: Request, next: axum::middleware::Next) -> Response {
    use futures_util::StreamExt;
    let response = next.run(req).await;
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if !html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // The length may change; the body is sent in chunks instead.
    parts.headers.remove(header::CONTENT_LENGTH);
    let body = body
        .into_data_stream()
        .map(|chunk| chunk.map(lower_in_chunk));
    Response::from_parts(parts, Body::from_stream(body))
}

/// The part preloads in `chunk` lowered (see [`lower_part_preloads`]); a tag split between two
/// chunks is left as it is.
fn lower_in_chunk(chunk: axum::body::Bytes) -> axum::body::Bytes {
    const TAG: &str = "<link as=\"fetch\" ";
    let Ok(text) = std::str::from_utf8(&chunk) else {
        return chunk;
    };
    if !text.contains(TAG) {
        return chunk;
    }
    let mut out = String::with_capacity(text.len() + 512);
    let mut rest = text;
    while let Some(at) = rest.find(TAG) {
        out.push_str(&rest[..at]);
        let tag = &rest[at..];
        let end = tag.find('>').map_or(tag.len(), |e| e + 1);
        let (tag, after) = tag.split_at(end);
        let part = tag.contains(" href=\"/pkg/")
            && tag.contains(" type=\"application/wasm\"")
            && !tag.contains("fetchpriority");
        if part {
            out.push_str("<link fetchpriority=\"low\" ");
            out.push_str(&tag["<link ".len()..]);
        } else {
            out.push_str(tag);
        }
        rest = after;
    }
    out.push_str(rest);
    out.into()
}

/// The files a split client adds beside its own (`__wasm_split.*.js`, its manifest and the pages'
/// wasm files), by name.
fn split_parts(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut parts: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| {
            !name.starts_with(&format!("{OUTPUT_NAME}."))
                && (name.ends_with(".wasm") || name.starts_with("__wasm_split"))
                && !name.ends_with(".br")
                && !name.ends_with(".gz")
        })
        .collect();
    parts.sort();
    parts
}

/// Whether every compressed copy of the client's files is at least as new as its file.
fn copies_are_fresh(dir: &Path) -> bool {
    let modified = |path: PathBuf| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    for ext in ["js", "wasm", "css"] {
        let file = dir.join(format!("{OUTPUT_NAME}.{ext}"));
        let Some(built) = modified(file.clone()) else {
            continue;
        };
        for copy in ["br", "gz"] {
            let mut name = file.clone().into_os_string();
            name.push(format!(".{copy}"));
            if modified(PathBuf::from(name)).is_some_and(|at| at < built) {
                tracing::warn!(
                    dir = %dir.display(),
                    "compressed copies older than the client's files: sending the files themselves"
                );
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_leptos_part_preloads_are_lowered() {
        let head = concat!(
            r#"<link id="words" rel="preload" href="/words/en.1.ftl" as="fetch" crossorigin="">"#,
            r#"<link rel="preload" href="/pkg/switchboard.1.wasm" as="fetch" type="application/wasm">"#,
            r#"<link as="fetch" crossorigin="n" href="/pkg/chunk_8.wasm" rel="preload" type="application/wasm">"#,
            r#"<p>&lt;link as="fetch" href="/pkg/x.wasm" type="application/wasm"&gt;</p>"#,
            r#"<link as="fetch" fetchpriority="high" href="/pkg/a.wasm" rel="preload" type="application/wasm">"#,
            r#"<link as="fetch" href="/elsewhere/b.wasm" rel="preload" type="application/wasm">"#,
            r#"<link as="fetch" crossorigin="n" href="/pkg/split_ticket_pages_1.wasm" rel="preload" type="application/wasm">"#,
            "<title>Tickets</title><link as=\"fetch\" href=\"/pkg/cut"
        );
        let lowered = String::from_utf8(lower_in_chunk(head.into()).to_vec()).unwrap();
        assert_eq!(
            lowered.matches(r#"fetchpriority="low""#).count(),
            2,
            "{lowered}"
        );
        assert!(lowered.contains(
            r#"<link fetchpriority="low" as="fetch" crossorigin="n" href="/pkg/chunk_8.wasm""#
        ));
        assert!(lowered.contains(
            r#"<link fetchpriority="low" as="fetch" crossorigin="n" href="/pkg/split_ticket_pages_1.wasm""#
        ));
        // Everything else is as it was: the words, the main part, escaped text, a chosen
        // priority, another folder, and a tag cut off by the chunk's end.
        assert_eq!(
            lowered.replace(r#"<link fetchpriority="low" "#, "<link "),
            head
        );
        let plain: axum::body::Bytes = "<p>no tags</p>".into();
        assert_eq!(lower_in_chunk(plain.clone()), plain);
    }

    #[test]
    fn only_the_current_hash_names_a_file() {
        let assets = Assets {
            dir: PathBuf::from("pkg"),
            version: Some("0123456789abcdef".into()),
            precompressed: true,
        };
        assert_eq!(
            assets.unversioned("switchboard.0123456789abcdef.wasm"),
            Some(Ok("switchboard.wasm".into()))
        );
        assert_eq!(
            assets.unversioned("switchboard.fedcba9876543210.js"),
            Some(Err(()))
        );
        assert_eq!(assets.unversioned("switchboard.js"), None);
        assert_eq!(assets.unversioned("snippets/x/inline0.js"), None);
        assert_eq!(assets.output_name(), "switchboard.0123456789abcdef");
    }
}
