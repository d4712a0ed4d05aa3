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

/// Serves `/words/<lang>.<hash>.ftl`, a language's words for the browser (`app::i18n::words`):
/// kept for a year under the current catalogue's hash; any other name is not found (a page of an
/// older build names an older hash: reloaded, it names this one).
pub fn words(file: &str) -> Response {
    use app::i18n::{words, Lang};
    let lang = file
        .strip_suffix(".ftl")
        .and_then(|f| f.split_once('.'))
        .filter(|(_, hash)| *hash == words::version())
        .and_then(|(code, _)| Lang::ALL.into_iter().find(|l| l.code() == code));
    match lang {
        Some(lang) => (
            [
                (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                (header::CACHE_CONTROL, FOREVER),
            ],
            words::file(lang),
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
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
