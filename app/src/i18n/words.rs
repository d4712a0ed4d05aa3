//! The catalogue in the browser: only the reader's language.
//!
//! The server compiles in every language (`fluent-templates`: pages and mail for anyone). The
//! browser shows one language per page, so it does not carry the catalogue in its code: the server
//! serves each language as a file of its own under a name hashed from the catalogue
//! (`/words/de.<hash>.ftl`, kept by browsers for a year), the page names it
//! (`<link rel="preload" id="words">`), and the client reads it into a [`Words`] before it
//! hydrates. Comments (notes for translators) are left out of the file.

use super::Lang;
use fluent_templates::fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use std::borrow::Cow;

/// The catalogue's files, in every language (`app/locales/<lang>/<file>.ftl`); a test checks the
/// list against the folders.
#[cfg(feature = "ssr")]
macro_rules! catalogue {
    ($($file:literal),* $(,)?) => {
        pub const FILES: &[&str] = &[$($file),*];

        /// The catalogue of `lang` as its files say it, comments included.
        pub fn source(lang: Lang) -> &'static str {
            match lang {
                Lang::En => concat!($(include_str!(concat!("../../locales/en/", $file, ".ftl")), "\n"),*),
                Lang::De => concat!($(include_str!(concat!("../../locales/de/", $file, ".ftl")), "\n"),*),
                Lang::It => concat!($(include_str!(concat!("../../locales/it/", $file, ".ftl")), "\n"),*),
            }
        }
    };
}

#[cfg(feature = "ssr")]
catalogue!(
    "account",
    "admin",
    "api",
    "app",
    "board",
    "categories",
    "coordination",
    "core",
    "errors",
    "history",
    "inbound",
    "knowledge",
    "mail",
    "portal",
    "replies",
    "reports",
);

/// The file the browser reads for `lang`: the catalogue without its comments (a comment is a
/// line starting with `#`; a message's text never does).
#[cfg(feature = "ssr")]
pub fn file(lang: Lang) -> &'static str {
    use std::sync::LazyLock;
    static FILES: LazyLock<[String; 3]> = LazyLock::new(|| Lang::ALL.map(strip_comments));
    let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    &FILES[i]
}

#[cfg(feature = "ssr")]
fn strip_comments(lang: Lang) -> String {
    source(lang)
        .lines()
        .filter(|line| !line.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A hash of every language's file: part of the files' names, so a name always holds the same
/// words. The same in every process serving one build.
#[cfg(feature = "ssr")]
pub fn version() -> &'static str {
    use std::hash::Hasher;
    use std::sync::LazyLock;
    static VERSION: LazyLock<String> = LazyLock::new(|| {
        let mut hasher = std::hash::DefaultHasher::new();
        for lang in Lang::ALL {
            hasher.write(file(lang).as_bytes());
        }
        format!("{:016x}", hasher.finish())
    });
    &VERSION
}

/// Where the browser finds `lang`'s file.
#[cfg(feature = "ssr")]
pub fn path(lang: Lang) -> String {
    format!("/words/{}.{}.ftl", lang.code(), version())
}

/// One language's messages, read from its file.
pub struct Words {
    bundle: FluentBundle<FluentResource>,
}

impl Words {
    /// Reads a catalogue file; None when it is not Fluent.
    pub fn read(lang: Lang, text: String) -> Option<Words> {
        let resource = FluentResource::try_new(text).ok()?;
        let mut bundle = FluentBundle::new(vec![lang.id().clone()]);
        // As on the server: no Unicode isolation marks around arguments.
        bundle.set_use_isolating(false);
        bundle.add_resource(resource).ok()?;
        Some(Words { bundle })
    }

    /// The message `key` (or `message.attribute`) with `args`; None when there is no such
    /// message or it cannot be put into words with these arguments.
    pub fn lookup(
        &self,
        key: &str,
        args: &[(Cow<'static, str>, FluentValue<'static>)],
    ) -> Option<String> {
        let (id, attribute) = match key.split_once('.') {
            Some((id, attribute)) => (id, Some(attribute)),
            None => (key, None),
        };
        let message = self.bundle.get_message(id)?;
        let pattern = match attribute {
            Some(name) => message.get_attribute(name)?.value(),
            None => message.value()?,
        };
        let args: Option<FluentArgs> = (!args.is_empty()).then(|| args.iter().cloned().collect());
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, args.as_ref(), &mut errors);
        errors.is_empty().then(|| text.into_owned())
    }
}

#[cfg(not(feature = "ssr"))]
thread_local! {
    static LOADED: std::cell::RefCell<Option<Words>> = const { std::cell::RefCell::new(None) };
}

/// Keeps the page's language's words for every lookup of this page.
#[cfg(not(feature = "ssr"))]
pub fn keep(words: Words) {
    LOADED.with(|loaded| *loaded.borrow_mut() = Some(words));
}

/// A message of the page's words (see [`Words::lookup`]).
#[cfg(not(feature = "ssr"))]
pub fn lookup(key: &str, args: &[(Cow<'static, str>, FluentValue<'static>)]) -> Option<String> {
    LOADED.with(|loaded| loaded.borrow().as_ref().and_then(|w| w.lookup(key, args)))
}

/// Fetches the words the page names (`<link id="words">`) in the page's language (`<html lang>`)
/// and keeps them; false when they could not be had (the page then stays as the server wrote it).
#[cfg(feature = "hydrate")]
pub async fn fetch() -> bool {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let lang = document
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|l| Lang::parse(&l))
        .unwrap_or_default();
    let Some(href) = document
        .get_element_by_id("words")
        .and_then(|link| link.get_attribute("href"))
    else {
        return false;
    };
    let Some(window) = web_sys::window() else {
        return false;
    };
    let text = async {
        let response: web_sys::Response = JsFuture::from(window.fetch_with_str(&href))
            .await
            .ok()?
            .dyn_into()
            .ok()?;
        if !response.ok() {
            return None;
        }
        JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()
    };
    match text.await.and_then(|text| Words::read(lang, text)) {
        Some(words) => {
            keep(words);
            true
        }
        None => false,
    }
}
