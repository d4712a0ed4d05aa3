use super::*;
use chrono::TimeZone;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Every file ending in `.{ext}` under `dir`, at any depth (the source scans here and in `api`).
pub(crate) fn files_under(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// The message ids of one language, per file name.
fn catalogue(lang: Lang) -> Vec<(String, BTreeSet<String>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(lang.code());
    let mut files = Vec::new();
    files_under(&dir, "ftl", &mut files);
    files.sort();
    files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            let ids = text
                .lines()
                .filter_map(|l| l.split_once(" ="))
                .map(|(id, _)| id)
                .filter(|id| {
                    id.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                })
                .map(str::to_string)
                .collect();
            // Named from the language's folder: `portal.ftl`, `desk/board.ftl`.
            let name = f.strip_prefix(&dir).unwrap().to_string_lossy().to_string();
            (name, ids)
        })
        .collect()
}

#[test]
fn every_language_has_every_message_in_the_same_files() {
    let english = catalogue(Lang::En);
    assert!(!english.is_empty());
    for lang in [Lang::De, Lang::It] {
        let other = catalogue(lang);
        let names =
            |c: &[(String, BTreeSet<String>)]| c.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        assert_eq!(names(&english), names(&other), "{lang}: the same files");
        for ((file, en), (_, theirs)) in english.iter().zip(&other) {
            let missing: Vec<_> = en.difference(theirs).collect();
            let extra: Vec<_> = theirs.difference(en).collect();
            assert!(missing.is_empty(), "{lang}/{file} lacks {missing:?}");
            assert!(extra.is_empty(), "{lang}/{file} has unknown {extra:?}");
        }
    }
}

/// The code that names messages: the app's, the server's (the REST API's field errors use the same
/// catalogue) and the mail templates.
fn code_naming_messages() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = Vec::new();
    files_under(&root.join("src"), "rs", &mut sources);
    files_under(&root.join("../server/src"), "rs", &mut sources);
    for ext in ["html", "txt"] {
        files_under(&root.join("templates"), ext, &mut sources);
    }
    sources
}

/// Every message is used: its id appears as a string literal in the code or the mail templates.
#[test]
fn every_message_is_used_by_the_code() {
    let code: String = code_naming_messages()
        .iter()
        .filter(|p| !p.ends_with("i18n/tests.rs"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let unused: Vec<String> = catalogue(Lang::En)
        .into_iter()
        .flat_map(|(_, ids)| ids)
        .filter(|id| !code.contains(&format!("\"{id}\"")))
        .collect();
    assert!(unused.is_empty(), "messages no code uses: {unused:?}");
}

/// Every id the code asks for exists: `t("…")`, `t_with("…"`, `Msg::new("…")` and `"err-…"` keys.
#[test]
fn every_message_the_code_asks_for_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = Vec::new();
    files_under(&root.join("src"), "rs", &mut sources);
    // The REST API's field errors (server/src) use the same catalogue.
    files_under(&root.join("../server/src"), "rs", &mut sources);
    let known: BTreeSet<String> = catalogue(Lang::En)
        .into_iter()
        .flat_map(|(_, ids)| ids)
        .collect();
    let mut missing = Vec::new();
    for path in sources.iter().filter(|p| !p.ends_with("i18n/tests.rs")) {
        let text = std::fs::read_to_string(path).unwrap();
        for call in ["t(\"", "t_with(\""] {
            for (at, _) in text.match_indices(call) {
                let before = text[..at].chars().next_back().unwrap_or(' ');
                if before.is_alphanumeric() || before == '_' {
                    continue;
                }
                let rest = &text[at + call.len()..];
                let id = &rest[..rest.find('"').unwrap()];
                if !known.contains(id) {
                    missing.push(format!("{}: {id}", path.display()));
                }
            }
        }
        // Messages built on the server to be put into words later: `Msg::new("…")`.
        let call = "Msg::new(\"";
        for (at, _) in text.match_indices(call) {
            let rest = &text[at + call.len()..];
            let id = &rest[..rest.find('"').unwrap()];
            if !known.contains(id) {
                missing.push(format!("{}: {id}", path.display()));
            }
        }
        // Error messages handed out as keys (`AppError::field("title", "err-…")`, a domain
        // check's `Err("err-…")`): every string literal that starts with `err-`.
        for (at, _) in text.match_indices("\"err-") {
            let rest = &text[at + 1..];
            let Some(end) = rest.find('"') else {
                continue;
            };
            let id = &rest[..end];
            let is_key = id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
            if is_key && !known.contains(id) {
                missing.push(format!("{}: {id}", path.display()));
            }
        }
    }
    assert!(missing.is_empty(), "ids without a message: {missing:?}");
}

#[test]
fn accept_language_picks_the_best_language_we_speak() {
    assert_eq!(
        Lang::from_accept_language("it-IT,it;q=0.9,en;q=0.8"),
        Some(Lang::It)
    );
    assert_eq!(
        Lang::from_accept_language("fr-FR, de;q=0.7, en;q=0.5"),
        Some(Lang::De)
    );
    assert_eq!(
        Lang::from_accept_language("en;q=0.2, de-CH;q=0.9"),
        Some(Lang::De)
    );
    assert_eq!(Lang::from_accept_language("fr, es"), None);
    assert_eq!(Lang::from_accept_language("de;q=0"), None);
    assert_eq!(Lang::from_accept_language(""), None);
    assert_eq!(Lang::from_accept_language(";;q=,,"), None);
}

#[test]
fn messages_are_translated_with_plurals_by_the_languages_rules() {
    let de = Locale::new(Lang::De, Tz::UTC);
    let it = Locale::new(Lang::It, Tz::UTC);
    assert_eq!(de.t("status-in-progress"), "In Bearbeitung");
    assert_eq!(it.t("status-in-progress"), "In lavorazione");
    let wait = |l: &Locale, n: i64| l.t_with("error-rate_limited", &[("seconds", n.into())]);
    assert!(
        wait(&de, 1).ends_with("in einer Sekunde erneut"),
        "{}",
        wait(&de, 1)
    );
    assert!(wait(&de, 30).contains("30 Sekunden"));
    assert!(wait(&it, 1).ends_with("tra un secondo"));
    // Text written by a person passes through untouched, even when it looks like a word.
    assert_eq!(de.text("printer-on-fire"), "printer-on-fire");
    assert_eq!(de.text("err-time-zone"), de.t("err-time-zone"));
    assert_eq!(de.text("Drucker <b>"), "Drucker <b>");
}

#[test]
fn times_are_shown_in_the_readers_zone_across_daylight_saving() {
    let berlin = Locale::new(Lang::De, parse_zone("Europe/Berlin").unwrap());
    let rome = Locale::new(Lang::It, parse_zone("Europe/Rome").unwrap());
    let new_york = Locale::new(Lang::En, parse_zone("America/New_York").unwrap());
    // 25 October 2026, the last Sunday of October: Europe leaves summer time at 01:00 UTC.
    let before = Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).unwrap();
    let after = Utc.with_ymd_and_hms(2026, 10, 25, 1, 30, 0).unwrap();
    assert_eq!(berlin.when(before), "25.10.2026, 02:30 CEST");
    assert_eq!(berlin.when(after), "25.10.2026, 02:30 CET");
    assert_eq!(rome.when(after), "25 ott 2026, 02:30 CET");
    assert_eq!(new_york.when(after), "24 Oct 2026, 21:30 EDT");
    // 29 March 2026: summer time starts at 01:00 UTC.
    let spring = Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap();
    assert_eq!(berlin.when(spring), "29.03.2026, 03:00 CEST");
    assert_eq!(
        berlin.date(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()),
        "1. Dezember 2026"
    );
    assert_eq!(
        rome.date(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()),
        "1 dicembre 2026"
    );
}

#[test]
fn today_is_the_readers_today() {
    let tokyo = Locale::new(Lang::En, parse_zone("Asia/Tokyo").unwrap());
    let now = Utc.with_ymd_and_hms(2026, 12, 1, 14, 0, 0).unwrap();
    // 23:30 Tokyo time on 1 December is "today" there; 15:30 UTC on 1 December is 00:30 on the
    // 2nd in Tokyo, which is not.
    let evening = Utc.with_ymd_and_hms(2026, 12, 1, 14, 30, 0).unwrap();
    assert_eq!(tokyo.soon_from(evening, now), "23:30");
    let next_day = Utc.with_ymd_and_hms(2026, 12, 1, 15, 30, 0).unwrap();
    assert_eq!(tokyo.soon_from(next_day, now), "Wed 00:30");
}

#[test]
fn zones_and_languages_are_read_strictly() {
    assert_eq!(parse_zone("Europe/Rome"), Some(chrono_tz::Europe::Rome));
    for bad in [
        "",
        "Mars/Olympus",
        "Europe/Rome; DROP TABLE users",
        "../../etc/passwd",
        "<b>",
    ] {
        assert_eq!(parse_zone(bad), None, "{bad}");
    }
    assert_eq!(Lang::parse("de-CH"), Some(Lang::De));
    assert_eq!(Lang::parse("fr"), None);
}

#[test]
fn numbers_follow_the_languages_separators() {
    let en = Locale::default();
    let de = Locale::new(Lang::De, Tz::UTC);
    let it = Locale::new(Lang::It, Tz::UTC);
    assert_eq!(en.number(1234.5, 1), "1,234.5");
    assert_eq!(de.number(1234.5, 2), "1.234,50");
    assert_eq!(it.number(4.0, 2), "4,00");
    assert_eq!(de.number(1_234_567.0, 0), "1.234.567");
    assert_eq!(en.number(-0.04, 1), "0.0");
    assert_eq!(en.number(-12.5, 1), "-12.5");
    assert_eq!(it.number(999.0, 0), "999");
}

/// Month and weekday names are the catalogue's, twelve and seven in every language, and a pattern's
/// other fields (and a literal `%`) are chrono's as before.
#[test]
fn months_and_weekdays_are_named_in_each_language() {
    for lang in Lang::ALL {
        let locale = Locale::new(lang, Tz::UTC);
        for (key, count) in [
            ("format-months", 12),
            ("format-months-short", 12),
            ("format-weekdays", 7),
            ("format-weekdays-short", 7),
        ] {
            assert_eq!(
                locale.t(key).split_whitespace().count(),
                count,
                "{lang} {key}"
            );
        }
    }
    // Wednesday 2 December 2026.
    let day = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let named = |lang| Locale::new(lang, Tz::UTC).named("%A %a, %-d %B (%b) 100%%", day);
    assert_eq!(
        day.format(&named(Lang::En)).to_string(),
        "Wednesday Wed, 2 December (Dec) 100%"
    );
    assert_eq!(
        day.format(&named(Lang::De)).to_string(),
        "Mittwoch Mi, 2 Dezember (Dez) 100%"
    );
    assert_eq!(
        day.format(&named(Lang::It)).to_string(),
        "mercoledì mer, 2 dicembre (dic) 100%"
    );
    let march = Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap();
    let berlin = Locale::new(Lang::De, parse_zone("Europe/Berlin").unwrap());
    assert_eq!(berlin.date(march.date_naive()), "1. März 2026");
    assert_eq!(
        berlin.soon_from(march, march + chrono::Duration::days(3)),
        "So, 13:00"
    );
}

/// The browser's zone (`zone::SpanZone`, read from what the server writes on the page) shows the
/// offsets and abbreviations the server's time zone database does, and reads wall-clock times
/// the same way, across every change from 2000 to 2070: half-hour and 45-minute offsets,
/// numeric abbreviations, a zone that dropped daylight saving, Morocco's Ramadan changes.
#[test]
fn the_browsers_zone_agrees_with_the_time_zone_database() {
    use super::zone::{describe, SpanZone, FIRST, LAST};
    use chrono::{LocalResult, Offset, TimeZone};
    for name in [
        "Europe/Berlin",
        "Europe/Rome",
        "America/New_York",
        "Asia/Kolkata",
        "Asia/Kathmandu",
        "Australia/Lord_Howe",
        "America/Sao_Paulo",
        "Africa/Casablanca",
        "Pacific/Apia",
        "UTC",
    ] {
        let tz: Tz = name.parse().unwrap();
        let description = describe(tz);
        let zone = SpanZone::read(name, &description).unwrap();
        assert_eq!(zone.name(), name);
        let changes: Vec<i64> = description
            .split(';')
            .map(|s| s.split(' ').next().unwrap().parse().unwrap())
            .collect();
        let mut instants: Vec<i64> = (FIRST..LAST).step_by(11 * 3600 + 17).collect();
        instants.extend(changes.iter().flat_map(|c| [c - 1, *c, c + 1]));
        for t in instants {
            let utc = DateTime::from_timestamp(t, 0).unwrap().naive_utc();
            let (theirs, ours) = (
                tz.offset_from_utc_datetime(&utc),
                zone.offset_from_utc_datetime(&utc),
            );
            assert_eq!(
                (theirs.fix(), theirs.to_string()),
                (ours.fix(), ours.to_string()),
                "{name} at {utc}"
            );
            // Wall-clock times near each instant: the same gaps and repeated hours.
            for wall in [
                utc + chrono::Duration::hours(1),
                utc - chrono::Duration::minutes(30),
            ] {
                let instants = |r: LocalResult<DateTime<_>>| match r {
                    LocalResult::None => vec![],
                    LocalResult::Single(a) => vec![a.timestamp()],
                    LocalResult::Ambiguous(a, b) => vec![a.timestamp(), b.timestamp()],
                };
                assert_eq!(
                    instants(tz.from_local_datetime(&wall).map(|d| d.with_timezone(&Utc))),
                    instants(
                        zone.from_local_datetime(&wall)
                            .map(|d| d.with_timezone(&Utc))
                    ),
                    "{name}, wall clock {wall}"
                );
            }
        }
    }
    // What a page may carry that is not a zone is no zone: the page then shows UTC.
    for (name, description) in [
        ("", "0 0 UTC"),
        ("Europe/", "0 0 UTC"),
        ("/Berlin", "0 0 UTC"),
        ("Europe//Berlin", "0 0 UTC"),
        ("<b>Berlin</b>", "0 0 UTC"),
        ("Europe/Berlin\"", "0 0 UTC"),
        ("Europe/Berlin", ""),
        ("Europe/Berlin", "x"),
        ("Europe/Berlin", "0 3600"),
        ("Europe/Berlin", "10 3600 CET;5 7200 CEST"),
        ("Europe/Berlin", "0 99999999 CET"),
        ("Europe/Berlin", "0 3600 CET DROP TABLE"),
    ] {
        assert_eq!(SpanZone::read(name, description), None, "{description}");
    }
}

/// Who reads a file of the catalogue, by where it lies (`words::Shelf`): "pages", "account",
/// "desk" or "server".
fn shelf_of(file: &str) -> &'static str {
    match file.split_once('/') {
        Some(("account", _)) => "account",
        Some(("desk", _)) => "desk",
        Some(("server", _)) => "server",
        _ => "pages",
    }
}

/// Every message is read where the code that names it runs. A file's folder says who reads it
/// (`words`): code of the browser that names a message of the desk's (or the signed-out pages')
/// outside those pages would show its id there, and code that names a server's message anywhere
/// but in mail, notifications and the API reference would show its id to a browser.
#[test]
fn every_message_is_read_where_its_code_runs() {
    // The browser's code only the signed-out account pages run, and how other pages' code would
    // reach it.
    const ACCOUNT_CODE: &[&str] = &["src/ui/account.rs"];
    const ACCOUNT_MODULES: &[&str] = &["ui::account", "super::account"];
    // The browser's code only the desk's pages run (their group in `ui::lazy_pages!`; below, no
    // other browser code names these modules).
    const DESK_CODE: &[&str] = &[
        "src/ui/board/",
        "src/ui/admin/directory.rs",
        "src/ui/admin/people.rs",
        "src/ui/admin/roster.rs",
        "src/ui/admin/webhooks.rs",
        "src/ui/mail.rs",
        "src/ui/projects.rs",
        "src/ui/recurring.rs",
        "src/ui/reports.rs",
        "src/ui/service_levels.rs",
        "src/domain/inbound",
        "src/domain/report/",
        "src/domain/webhook.rs",
    ];
    // How a page's code would reach them; the router's table (`ui/mod.rs`) and `ui/admin/mod.rs`
    // are where the desk's group is made of them.
    const DESK_MODULES: &[&str] = &[
        "board::",
        "admin::directory",
        "admin::people",
        "admin::roster",
        "admin::webhooks",
        "mail::",
        "projects::",
        "recurring::",
        "reports::",
        "service_levels::",
        "domain::inbound",
        "domain::report",
        "domain::webhook",
    ];
    // The server's code that writes mail, notifications, a webhook's message or the API
    // reference: the only code that names the server's messages.
    const SERVER_WRITERS: &[&str] = &[
        "src/server/notify.rs",
        "src/server/mail.rs",
        "src/server/sla.rs",
        "src/server/webhooks.rs",
        "src/server/coordination/facility.rs",
        "templates/",
        "../server/src/rest/reference.rs",
    ];
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sources = code_naming_messages();
    let shelves: Vec<(String, &str)> = catalogue(Lang::En)
        .into_iter()
        .flat_map(|(file, ids)| ids.into_iter().map(move |id| (id, shelf_of(&file))))
        .filter(|(_, shelf)| *shelf != "pages")
        .collect();
    let mut wrong = Vec::new();
    for path in sources.iter().filter(|p| !p.ends_with("tests.rs")) {
        let name = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let browser = name.starts_with("src/") && !name.starts_with("src/server/");
        let desk = DESK_CODE.iter().any(|d| name.starts_with(d));
        let account = ACCOUNT_CODE.iter().any(|d| name.starts_with(d));
        let writer = SERVER_WRITERS.iter().any(|w| name.starts_with(w));
        for (id, shelf) in &shelves {
            if !text.contains(&format!("\"{id}\"")) && !text.contains(&format!("\"{id}.")) {
                continue;
            }
            let fine = match *shelf {
                "desk" => !browser || desk,
                "account" => !browser || account,
                _ => writer,
            };
            if !fine {
                wrong.push(format!("{name} names {shelf}'s {id}"));
            }
        }
        let wiring = ["src/ui/mod.rs", "src/ui/admin/mod.rs"].contains(&name.as_str());
        let reaches: &[&[&str]] = match (desk, account) {
            (false, false) => &[DESK_MODULES, ACCOUNT_MODULES],
            (true, _) => &[ACCOUNT_MODULES],
            (_, true) => &[DESK_MODULES],
        };
        if name.starts_with("src/ui/") && !wiring {
            for module in reaches.iter().copied().flatten() {
                // `super::reports::…`, `crate::ui::board::…`, `crate::domain::report::…`; not
                // the server functions of `crate::api::board`.
                let named = text.match_indices(module).any(|(at, _)| {
                    let before = &text[..at];
                    let whole = !before.ends_with(|c: char| c.is_alphanumeric() || c == '_');
                    whole && !before.ends_with("api::")
                });
                if named {
                    wrong.push(format!("{name} runs {module}, another group's"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// The browser's words (`words::Words`, read from the files the server serves for one language)
/// put every message into the same words as the server's catalogue, plurals and selections
/// included; the files are every page's, the signed-out pages' and the desk's parts of the
/// catalogue, without their translators' comments, and nothing of the server's own.
#[test]
fn the_browsers_words_say_what_the_server_says() {
    use super::words::{file, Shelf, Words, FILES};
    let english = catalogue(Lang::En);
    let listed: Vec<String> = FILES.iter().map(|f| format!("{f}.ftl")).collect();
    let mut found: Vec<String> = english.iter().map(|(name, _)| name.clone()).collect();
    let mut listed_sorted = listed.clone();
    listed_sorted.sort();
    found.sort();
    assert_eq!(
        listed_sorted, found,
        "words::FILES lists every file of the catalogue"
    );
    for lang in Lang::ALL {
        let [pages, account, desk] = Shelf::ALL.map(|shelf| file(lang, shelf));
        for text in [pages, account, desk] {
            assert!(
                !text.lines().any(|l| l.starts_with('#')),
                "{lang}: comments left out"
            );
        }
        let mut words = Words::read(lang, pages.to_string()).unwrap();
        // Every variable any message uses, as a number, so that plural selectors choose too.
        let mut names = BTreeSet::new();
        for part in format!("{pages}{account}{desk}").split("{ $").skip(1) {
            let name: String = part
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            names.insert(name);
        }
        let catalogue = catalogue(lang);
        for (name, ids) in &catalogue {
            for id in ids {
                let shelf = shelf_of(name);
                assert_eq!(
                    words.has(id),
                    shelf == "pages",
                    "{lang}/{name}: {id} on every page's words"
                );
            }
        }
        assert!(
            words.add(account.to_string()),
            "{lang}: the account pages' words add up"
        );
        assert!(
            words.add(desk.to_string()),
            "{lang}: the desk's words add up"
        );
        for value in [1, 3] {
            let args: Vec<(Cow<'static, str>, FluentValue<'static>)> = names
                .iter()
                .map(|n| (Cow::Owned(n.clone()), FluentValue::from(value)))
                .collect();
            let map: HashMap<Cow<'static, str>, FluentValue<'static>> =
                args.iter().cloned().collect();
            for (name, ids) in &catalogue {
                for id in ids {
                    let browser = words.lookup(id, &args);
                    match shelf_of(name) {
                        "server" => assert_eq!(browser, None, "{lang}/{name}: {id}"),
                        _ => assert_eq!(
                            browser,
                            LOCALES.try_lookup_with_args(lang.id(), id, &map),
                            "{lang}/{name}: {id}"
                        ),
                    }
                }
            }
        }
    }
    assert!(Words::read(Lang::De, "{ not fluent".to_string()).is_none());
}
