//! The catalogue in the browser: only the reader's language, and only what their pages show.
//!
//! The server compiles in every language (`fluent-templates`: pages and mail for anyone). The
//! browser shows one language per page, so it does not carry the catalogue in its code: the server
//! serves each language as files of its own under names hashed from the catalogue
//! (`/words/de.<hash>.ftl`, kept by browsers for a year), the page names them
//! (`<link rel="preload" id="words">`), and the client reads them into a [`Words`] before it
//! hydrates. Comments (notes for translators) are left out of the files.
//!
//! Where a file lies says who reads it ([`Shelf`]): `app/locales/<lang>/` every page,
//! `<lang>/account/` the signed-out pages (signing in, registering, a new password), `<lang>/desk/`
//! the coordinators' and admins' pages (each group of pages reads its shelf before it shows one),
//! `<lang>/server/` no browser (mail, notifications, the API reference). A test checks each
//! message against the code that names it.

use super::Lang;
use fluent_templates::fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use std::borrow::Cow;

/// Who reads a part of the catalogue in the browser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shelf {
    /// Every page (`app/locales/<lang>/*.ftl`).
    Pages,
    /// The signed-out account pages (`<lang>/account/*.ftl`).
    Account,
    /// The coordinators' and admins' pages (`<lang>/desk/*.ftl`).
    Desk,
}

impl Shelf {
    pub const ALL: [Shelf; 3] = [Shelf::Pages, Shelf::Account, Shelf::Desk];

    /// What its file's name holds between the language and the hash (nothing for every page's),
    /// and the attribute of `<link id="words">` that names it.
    pub fn name(self) -> &'static str {
        match self {
            Shelf::Pages => "",
            Shelf::Account => "account",
            Shelf::Desk => "desk",
        }
    }
}

/// The files of one shelf in one language, one after another.
#[cfg(feature = "ssr")]
macro_rules! shelf {
    ($lang:literal, $folder:literal, [$($file:literal),*]) => {
        concat!($(include_str!(concat!("../../locales/", $lang, "/", $folder, $file, ".ftl")), "\n"),*)
    };
}

/// The catalogue's files, in every language (`app/locales/<lang>/<file>.ftl`), by who reads
/// them; a test checks the lists against the folders.
#[cfg(feature = "ssr")]
macro_rules! catalogue {
    (
        pages: [$($page:literal),* $(,)?],
        account: [$($account:literal),* $(,)?],
        desk: [$($desk:literal),* $(,)?],
        server: [$($server:literal),* $(,)?] $(,)?
    ) => {
        /// Every file, named from its language's folder, without `.ftl`.
        pub const FILES: &[&str] = &[
            $($page,)*
            $(concat!("account/", $account),)*
            $(concat!("desk/", $desk),)*
            $(concat!("server/", $server),)*
        ];

        /// The files of `shelf` in `lang`, as they are, comments included.
        fn source(lang: Lang, shelf: Shelf) -> &'static str {
            match (lang, shelf) {
                (Lang::En, Shelf::Pages) => shelf!("en", "", [$($page),*]),
                (Lang::En, Shelf::Account) => shelf!("en", "account/", [$($account),*]),
                (Lang::En, Shelf::Desk) => shelf!("en", "desk/", [$($desk),*]),
                (Lang::De, Shelf::Pages) => shelf!("de", "", [$($page),*]),
                (Lang::De, Shelf::Account) => shelf!("de", "account/", [$($account),*]),
                (Lang::De, Shelf::Desk) => shelf!("de", "desk/", [$($desk),*]),
                (Lang::It, Shelf::Pages) => shelf!("it", "", [$($page),*]),
                (Lang::It, Shelf::Account) => shelf!("it", "account/", [$($account),*]),
                (Lang::It, Shelf::Desk) => shelf!("it", "desk/", [$($desk),*]),
            }
        }
    };
}

#[cfg(feature = "ssr")]
catalogue! {
    pages: [
        "app",
        "categories",
        "coordination",
        "core",
        "errors",
        "history",
        "inbound",
        "knowledge",
        "notifications",
        "portal",
        "replies",
        "work",
    ],
    account: ["signing-in"],
    desk: ["admin", "board", "inbound", "projects", "recurring", "reports"],
    server: ["api", "mail"],
}

/// The file the browser reads for `lang` and `shelf`: its files without comments (a comment is a
/// line starting with `#`; a message's text never does).
#[cfg(feature = "ssr")]
pub fn file(lang: Lang, shelf: Shelf) -> &'static str {
    use std::sync::LazyLock;
    static FILES: LazyLock<[[String; 3]; 3]> =
        LazyLock::new(|| Lang::ALL.map(|lang| Shelf::ALL.map(|shelf| strip_comments(lang, shelf))));
    let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    &FILES[i][shelf as usize]
}

#[cfg(feature = "ssr")]
fn strip_comments(lang: Lang, shelf: Shelf) -> String {
    source(lang, shelf)
        .lines()
        .filter(|line| !line.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A hash of every file a browser reads: part of the files' names, so a name always holds the
/// same words. The same in every process serving one build.
#[cfg(feature = "ssr")]
pub fn version() -> &'static str {
    use std::hash::Hasher;
    use std::sync::LazyLock;
    static VERSION: LazyLock<String> = LazyLock::new(|| {
        let mut hasher = std::hash::DefaultHasher::new();
        for lang in Lang::ALL {
            for shelf in Shelf::ALL {
                hasher.write(file(lang, shelf).as_bytes());
            }
        }
        format!("{:016x}", hasher.finish())
    });
    &VERSION
}

/// Where the browser finds `lang`'s words for `shelf`: `/words/de.<hash>.ftl`,
/// `/words/de.desk.<hash>.ftl`.
#[cfg(feature = "ssr")]
pub fn path(lang: Lang, shelf: Shelf) -> String {
    match shelf {
        Shelf::Pages => format!("/words/{}.{}.ftl", lang.code(), version()),
        _ => format!("/words/{}.{}.{}.ftl", lang.code(), shelf.name(), version()),
    }
}

/// The language and shelf a file's name (`de.desk.<hash>.ftl`) asks for, if it names this
/// build's words.
#[cfg(feature = "ssr")]
pub fn parse_path(file: &str) -> Option<(Lang, Shelf)> {
    let rest = file.strip_suffix(".ftl")?.strip_suffix(version())?;
    let rest = rest.strip_suffix('.')?;
    let (code, shelf) = match rest.split_once('.') {
        Some((code, name)) => (code, Shelf::ALL.into_iter().find(|s| s.name() == name)?),
        None => (rest, Shelf::Pages),
    };
    if shelf == Shelf::Pages && rest.contains('.') {
        return None;
    }
    let lang = Lang::ALL.into_iter().find(|l| l.code() == code)?;
    Some((lang, shelf))
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

    /// Whether it has the message `id` (with a value or only attributes).
    #[cfg(test)]
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// Adds another shelf's file; false when it is not Fluent or repeats a message it has.
    pub fn add(&mut self, text: String) -> bool {
        FluentResource::try_new(text)
            .ok()
            .is_some_and(|resource| self.bundle.add_resource(resource).is_ok())
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

/// The page's words in the browser, and which shelves they hold so far.
#[cfg(not(feature = "ssr"))]
struct Loaded {
    words: Words,
    read: [bool; 3],
}

#[cfg(not(feature = "ssr"))]
thread_local! {
    static LOADED: std::cell::RefCell<Option<Loaded>> = const { std::cell::RefCell::new(None) };
}

/// A message of the page's words (see [`Words::lookup`]).
#[cfg(not(feature = "ssr"))]
pub fn lookup(key: &str, args: &[(Cow<'static, str>, FluentValue<'static>)]) -> Option<String> {
    LOADED.with(|loaded| {
        loaded
            .borrow()
            .as_ref()
            .and_then(|l| l.words.lookup(key, args))
    })
}

/// Where the page says a shelf's words are: `<link id="words">`, its `href` every page's, its
/// `data-account` and `data-desk` the others'.
#[cfg(feature = "hydrate")]
fn address(shelf: Shelf) -> Option<String> {
    let attribute = match shelf {
        Shelf::Pages => "href",
        Shelf::Account => "data-account",
        Shelf::Desk => "data-desk",
    };
    web_sys::window()?
        .document()?
        .get_element_by_id("words")?
        .get_attribute(attribute)
}

/// Reads the words every page shows in the page's language (`<html lang>`) and keeps them; false
/// when they could not be had (the page then stays as the server wrote it).
#[cfg(feature = "hydrate")]
pub async fn fetch() -> bool {
    let lang = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|l| Lang::parse(&l))
        .unwrap_or_default();
    let Some(href) = address(Shelf::Pages) else {
        return false;
    };
    match read(&href).await.and_then(|text| Words::read(lang, text)) {
        Some(words) => {
            let read = [true, false, false];
            LOADED.with(|loaded| *loaded.borrow_mut() = Some(Loaded { words, read }));
            true
        }
        None => false,
    }
}

/// Makes sure the words of `shelf` are read before a page of its group shows (the router waits
/// for this as for the group's code); false when they could not be had.
#[cfg(feature = "hydrate")]
pub async fn need(shelf: Shelf) -> bool {
    let has = || LOADED.with(|l| l.borrow().as_ref().is_some_and(|l| l.read[shelf as usize]));
    if has() {
        return true;
    }
    let Some(href) = address(shelf) else {
        return false;
    };
    let Some(text) = read(&href).await else {
        leptos::logging::warn!("the page's words ({}) could not be read", shelf.name());
        return false;
    };
    // Asked for twice at once (the router preloads, then shows): the first answer counts.
    if has() {
        return true;
    }
    LOADED.with(|loaded| match loaded.borrow_mut().as_mut() {
        Some(l) => {
            l.read[shelf as usize] = l.words.add(text);
            l.read[shelf as usize]
        }
        None => false,
    })
}

/// The server has every word: nothing to wait for.
#[cfg(not(feature = "hydrate"))]
pub async fn need(_: Shelf) -> bool {
    true
}

/// The text of a file of words, if the server sends it.
#[cfg(feature = "hydrate")]
async fn read(href: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window()?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(href))
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
}
