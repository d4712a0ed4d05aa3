//! Each person's language and time zone: chosen on the account page or over the API, guessed
//! from the browser before sign-in, and used for pages and for each recipient's mail.

use crate::helpers::{body, Session, TestApp, PASSWORD};
use crate::smtp_sink::SmtpSink;
use crate::wire::{parse, Notifications};
use app::domain::Role;
use app::server::mail::deliver_due;
use serde_json::json;

/// A page fetched without a session, as a browser asking for `accept_language` would.
async fn anonymous_page(app: &TestApp, path: &str, accept_language: Option<&str>) -> String {
    let mut request = app.client.get(app.url(path));
    if let Some(lang) = accept_language {
        request = request.header("accept-language", lang);
    }
    request.send().await.unwrap().text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn language_and_zone_are_set_over_the_api_and_checked_at_the_field() {
    let app = TestApp::spawn().await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let me = body(rita.get("/me").await).await;
    assert_eq!(
        (me["language"].as_str(), me["time_zone"].as_str()),
        (Some("en"), Some("UTC"))
    );

    let r = rita
        .patch(
            "/me",
            None,
            json!({"language": "de", "time_zone": "Europe/Berlin"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let me = body(rita.get("/me").await).await;
    assert_eq!(me["language"], "de");
    assert_eq!(me["time_zone"], "Europe/Berlin");
    // A field left out keeps its value.
    let r = rita.patch("/me", None, json!({"language": "it"})).await;
    assert_eq!(body(r).await["time_zone"], "Europe/Berlin");

    // Every kind of bad value is refused at its field, with words, and changes nothing.
    for (bad, field) in [
        (json!({"language": "fr"}), "language"),
        (json!({"language": ""}), "language"),
        (json!({"language": "<script>alert(1)</script>"}), "language"),
        (json!({"time_zone": "Mars/Olympus"}), "time_zone"),
        (
            json!({"time_zone": "Europe/Rome'; DROP TABLE users; --"}),
            "time_zone",
        ),
        (json!({"time_zone": "../../etc/passwd"}), "time_zone"),
        (json!({"time_zone": "x".repeat(5000)}), "time_zone"),
    ] {
        let r = rita.patch("/me", None, bad.clone()).await;
        assert_eq!(r.status(), 422, "{bad}");
        let error = body(r).await;
        let message = error["error"]["fields"][field].as_str().unwrap_or_default();
        assert!(message.starts_with("Choose"), "{bad}: {error}");
    }
    let r = rita.patch("/me", None, json!({"language": 5})).await;
    assert_eq!(r.status(), 400, "the wrong type is a bad request");
    let r = rita.patch("/me", None, json!({"colour": "blue"})).await;
    assert_eq!(r.status(), 400, "unknown fields are refused");
    let me = body(rita.get("/me").await).await;
    assert_eq!(
        (me["language"].as_str(), me["time_zone"].as_str()),
        (Some("it"), Some("Europe/Berlin"))
    );

    // Without a token there is nobody to change.
    let r = app
        .client
        .patch(app.url("/api/v1/me"))
        .json(&json!({"language": "de"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_speak_the_persons_language_else_the_browsers_else_the_desks() {
    let app = TestApp::spawn_configured(false, |c| {
        c.default_language = app::i18n::Lang::De;
        c.time_zone = chrono_tz::Europe::Rome;
    })
    .await;
    // Before sign-in: the browser's language when Switchboard speaks it, else the desk's.
    let page = anonymous_page(&app, "/login", Some("it-IT,it;q=0.9,en;q=0.8")).await;
    assert!(page.contains(r#"<html lang="it""#), "{page}");
    assert!(page.contains("Accedi"));
    let page = anonymous_page(&app, "/login", Some("fr-FR,fr;q=0.9")).await;
    assert!(page.contains(r#"<html lang="de""#));
    assert!(page.contains(r#"data-tz="Europe/Rome""#));
    let page = anonymous_page(&app, "/nowhere", Some("en-GB")).await;
    assert!(page.contains(r#"<html lang="en""#));
    assert!(page.contains("There is nothing here"));

    // Signed in: their own choice, whatever the browser says.
    app.user("tom@example.org", Role::Technician).await;
    let tom = Session::new(&app, Some("tom@example.org")).await;
    let page = account_page_after_choosing(&app, &tom, "it", "America/New_York", "de-DE").await;
    assert!(page.contains(r#"<html lang="it""#));
    assert!(page.contains(r#"data-tz="America/New_York""#));
    assert!(page.contains("Il suo account"));
    // The account form refuses a zone that does not exist, at the field.
    let (status, error) = tom
        .call(
            "save_language_and_zone",
            &[("language", "it"), ("time_zone", "Europe/Atlantis")],
        )
        .await;
    assert_eq!(status, 422, "{error}");
    assert!(error.contains("time_zone"), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_browsers_zone_is_kept_at_the_first_sign_in_only() {
    let app = TestApp::spawn().await;
    app.user("nina@example.org", Role::Technician).await;
    let sign_in = |zone: &'static str| {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let url = app.url("/api/sign_in");
        async move {
            client
                .post(url)
                .header("accept", "application/json")
                .form(&[
                    ("email", "nina@example.org"),
                    ("password", PASSWORD),
                    ("time_zone", zone),
                ])
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert!(sign_in("Europe/Rome").await.is_success());
    let nina = app
        .state
        .db
        .user_by_email("nina@example.org")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(nina.time_zone.as_deref(), Some("Europe/Rome"));
    // A later sign-in from elsewhere does not move their clock; nonsense is ignored.
    assert!(sign_in("Asia/Tokyo").await.is_success());
    assert!(sign_in("not a zone").await.is_success());
    let nina = app
        .state
        .db
        .user_by_email("nina@example.org")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(nina.time_zone.as_deref(), Some("Europe/Rome"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_change_is_mailed_to_each_recipient_in_their_own_language() {
    let sink = SmtpSink::start().await;
    let port = sink.addr.port();
    let app = TestApp::spawn_configured(false, |c| {
        c.smtp_host = Some("127.0.0.1".into());
        c.smtp_port = port;
        c.smtp_security = "none".into();
        c.mail_interval_secs = 3600;
    })
    .await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let tina = app.api_user("tina@example.org", Role::Technician).await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    rita.patch(
        "/me",
        None,
        json!({"language": "it", "time_zone": "Europe/Rome"}),
    )
    .await;
    tina.patch(
        "/me",
        None,
        json!({"language": "de", "time_zone": "Europe/Berlin"}),
    )
    .await;

    let t = rita.file("Stampante guasta").await;
    deliver_due(&app.state).await.unwrap();
    let v = carla.ticket(&t.number).await.version;
    let r = carla
        .patch(
            &format!("/tickets/{}", t.number),
            Some(v),
            json!({"assignee": "tina@example.org"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    deliver_due(&app.state).await.unwrap();

    // One assignment: Rita reads Italian, Tina German, Carla (no choice) the desk's English.
    let subjects = |n: Notifications| {
        n.items
            .iter()
            .map(|i| i.subject.clone())
            .collect::<Vec<_>>()
    };
    let rita_heard = subjects(parse(rita.get("/notifications").await).await);
    assert!(
        rita_heard.contains(&format!("{} assegnata a tina", t.number)),
        "{rita_heard:?}"
    );
    assert!(rita_heard.contains(&format!("{} ricevuta", t.number)));
    let tina_heard = subjects(parse(tina.get("/notifications").await).await);
    assert_eq!(
        tina_heard,
        vec![format!("{} Ihnen zugewiesen (P2)", t.number)]
    );
    let carla_heard = subjects(parse(carla.get("/notifications").await).await);
    assert_eq!(carla_heard, vec![format!("New request {} (P2)", t.number)]);

    // And by email, greeting and all.
    let to_rita = sink.to("rita@example.org");
    let to_tina = sink.to("tina@example.org");
    assert_eq!((to_rita.len(), to_tina.len()), (2, 1));
    assert!(
        to_rita[1].data.contains("Gentile rita,"),
        "{}",
        to_rita[1].data
    );
    assert!(
        to_tina[0].data.contains("Guten Tag tina,"),
        "{}",
        to_tina[0].data
    );
    assert!(sink.to("carla@example.org")[0]
        .data
        .contains("Hello carla,"));
}

/// Berlin office hours, Monday to Friday 08:00–18:00, and ten working hours to solve anything.
async fn berlin_policy(admin: &crate::helpers::Api) {
    let targets: Vec<serde_json::Value> = (0..4)
        .map(|_| json!({"response_minutes": 60, "resolution_minutes": 600, "around_the_clock": false}))
        .collect();
    let r = admin
        .client
        .put(format!("{}/api/v1/sla/policies/1", admin.base))
        .bearer_auth(&admin.token)
        .json(&json!({
            "name": "Standard", "categories": "", "time_zone": "Europe/Berlin",
            "hours": "mon-fri 08:00-18:00", "holidays": "", "targets": targets,
            "at_risk_percent": 75, "rules": "",
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_berlin_service_level_across_both_clock_changes_reads_the_same_on_the_page_as_in_the_api()
{
    use chrono::{DateTime, Utc};
    let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
    // Friday 26 March 2027, 16:00 in Berlin; summer time starts on Sunday the 28th.
    let app = TestApp::spawn_at(at("2027-03-26T15:00:00Z")).await;
    let admin = app.api_user("admin@example.org", Role::Admin).await;
    berlin_policy(&admin).await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    rita.patch(
        "/me",
        None,
        json!({"language": "de", "time_zone": "Europe/Berlin"}),
    )
    .await;
    let berlin = app::i18n::Locale::new(app::i18n::Lang::De, chrono_tz::Europe::Berlin);
    let page = Session::new(&app, Some("rita@example.org")).await;

    // Two hours on Friday, eight on Monday: Monday 16:00 summer time, 14:00 UTC.
    let spring = rita.file("Drucker offline").await;
    let api = body(rita.get(&format!("/tickets/{}", spring.number)).await).await;
    let due = api["sla"]["resolution_due"].as_str().unwrap().to_string();
    // (The desk's clock has run on for a moment since: minutes are what people read.)
    assert!(
        due.starts_with("2027-03-29T14:00:"),
        "the API speaks UTC: {due}"
    );
    let shown = berlin.when(at(&due));
    assert_eq!(shown, "29.03.2027, 16:00 CEST");
    let html = page.page(&format!("/tickets/{}", spring.number)).await;
    assert!(html.contains(&shown), "{shown} not on the page");

    // Friday 29 October 2027, 17:00 in Berlin; winter time returns on Sunday the 31st.
    let now = app.state.clock.now();
    app.state
        .clock
        .advance((at("2027-10-29T15:00:00Z") - now).to_std().unwrap());
    // Seven months on, the old session and token have expired: sign in again.
    let rita = crate::helpers::Api {
        base: app.base.clone(),
        client: app.client.clone(),
        token: app.token("rita@example.org").await,
    };
    let page = Session::new(&app, Some("rita@example.org")).await;
    // One hour on Friday, nine on Monday: Monday 17:00 winter time, 16:00 UTC.
    let autumn = rita.file("Bildschirm flackert").await;
    let api = body(rita.get(&format!("/tickets/{}", autumn.number)).await).await;
    let due = api["sla"]["resolution_due"].as_str().unwrap().to_string();
    assert!(due.starts_with("2027-11-01T16:00:"), "{due}");
    let shown = berlin.when(at(&due));
    assert_eq!(shown, "01.11.2027, 17:00 CET");
    let html = page.page(&format!("/tickets/{}", autumn.number)).await;
    assert!(html.contains(&shown), "{shown} not on the page");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_link_is_mailed_in_the_language_the_browser_asked_for() {
    let sink = SmtpSink::start().await;
    let port = sink.addr.port();
    let app = TestApp::spawn_configured(false, |c| {
        c.smtp_host = Some("127.0.0.1".into());
        c.smtp_port = port;
        c.smtp_security = "none".into();
        c.mail_interval_secs = 3600;
    })
    .await;
    let post = |endpoint: &str, lang: &str, form: Vec<(&'static str, &'static str)>| {
        app.client
            .post(app.url(&format!("/api/{endpoint}")))
            .header("accept", "application/json")
            .header("accept-language", lang)
            .form(&form)
            .send()
    };
    // Someone registers from a German browser: the link, and what they read later, is German.
    let r = post(
        "register",
        "de-DE,de;q=0.9,en;q=0.5",
        vec![
            ("email", "greta@example.org"),
            ("name", "Greta Gans"),
            ("password", "a long password"),
        ],
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    // Someone who never chose a language asks for a reset from an Italian browser.
    app.user("paolo@example.org", Role::Requester).await;
    let r = post(
        "request_reset",
        "it-IT",
        vec![("email", "paolo@example.org")],
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    deliver_due(&app.state).await.unwrap();
    let greta = sink.to("greta@example.org");
    assert!(
        greta[0].data.contains("Guten Tag Greta,"),
        "{}",
        greta[0].data
    );
    let stored = app
        .state
        .db
        .user_by_email("greta@example.org")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.language, Some(app::i18n::Lang::De));
    let paolo = sink.to("paolo@example.org");
    assert!(
        paolo[0].data.contains("Gentile paolo,"),
        "{}",
        paolo[0].data
    );
    // The reset did not choose for him.
    let stored = app
        .state
        .db
        .user_by_email("paolo@example.org")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.language, None);
}

/// `who` chooses a language and a zone on the account page, then opens it again from a browser
/// asking for `accept_language`.
async fn account_page_after_choosing(
    app: &TestApp,
    who: &Session,
    language: &str,
    zone: &str,
    accept_language: &str,
) -> String {
    let (status, text) = who
        .call(
            "save_language_and_zone",
            &[("language", language), ("time_zone", zone)],
        )
        .await;
    assert!((200..400).contains(&status), "{status} {text}");
    who.client
        .get(app.url("/account"))
        .header("accept-language", accept_language)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// The value of the first `name="…"` attribute in `html` after `after`.
fn attribute<'a>(html: &'a str, after: &str, name: &str) -> &'a str {
    let start = html.find(after).unwrap_or_else(|| panic!("no {after}"));
    let rest = &html[start..];
    let value = rest
        .split_once(&format!(r#"{name}=""#))
        .unwrap_or_else(|| panic!("no {name} after {after}"))
        .1;
    &value[..value.find('"').unwrap()]
}

/// A page carries what its client needs to show it in the reader's words and zone, and no more:
/// the reader's zone's changes (not the time zone database) and the address of their language's
/// words (not every language), which the server serves as a file kept for a year.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_carries_its_readers_zone_and_names_their_languages_words() {
    let app = TestApp::spawn().await;
    app.user("tom@example.org", Role::Technician).await;
    let tom = Session::new(&app, Some("tom@example.org")).await;
    let page = account_page_after_choosing(&app, &tom, "de", "Europe/Berlin", "en").await;
    // From 1 January 2000 (CET), then each change between CEST and CET.
    let zone = attribute(&page, "<html", "data-zone");
    assert!(zone.starts_with("946684800 3600 CET;"), "{zone}");
    assert!(zone.contains(";954032400 7200 CEST;"), "{zone}");
    assert!(zone.len() < 4000, "{} bytes", zone.len());

    let words = attribute(&page, r#"id="words""#, "href").to_string();
    let hash = words
        .strip_prefix("/words/de.")
        .and_then(|w| w.strip_suffix(".ftl"))
        .unwrap_or_else(|| panic!("{words}"))
        .to_string();
    assert_eq!(hash.len(), 16, "{words}");
    let r = app.client.get(app.url(&words)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(r.headers()["content-type"], "text/plain; charset=utf-8");
    let text = r.text().await.unwrap();
    assert!(text.contains("format-months = Januar Februar"));
    assert!(!text.contains("format-months = January"));
    assert!(
        !text.lines().any(|l| l.starts_with('#')),
        "comments left out"
    );

    // Every page's words hold no page group's own and none of the server's (mail); the
    // signed-out pages and the desk's pages find theirs where the page says.
    assert!(
        text.contains("nav-board = "),
        "the header's words are every page's"
    );
    assert!(
        !text.contains("\nboard-"),
        "the board's words are the desk's"
    );
    assert!(
        !text.contains("\naccount-"),
        "signing in has words of its own"
    );
    assert!(
        !text.contains("mail-greeting"),
        "mail's words are the server's"
    );
    for (shelf, has, lacks) in [
        ("account", "account-", "board-"),
        ("desk", "board-", "account-"),
    ] {
        let path = attribute(&page, r#"id="words""#, &format!("data-{shelf}")).to_string();
        assert_eq!(path, format!("/words/de.{shelf}.{hash}.ftl"));
        let r = app.client.get(app.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
        assert_eq!(
            r.headers()["cache-control"],
            "public, max-age=31536000, immutable"
        );
        let shelf_text = r.text().await.unwrap();
        assert!(shelf_text.contains(&format!("\n{has}")), "{path}");
        assert!(!shelf_text.contains(&format!("\n{lacks}")), "{path}");
        assert!(!shelf_text.contains("nav-board = "), "{path}: only its own");
    }

    // Brotli for browsers that take it, the same words; not for one that refuses it.
    for (accept, brotli) in [
        ("gzip, deflate, br, zstd", true),
        ("br;q=1.0, gzip;q=0.8", true),
        ("gzip, br;q=0", false),
        ("identity", false),
    ] {
        let r = app
            .client
            .get(app.url(&words))
            .header("accept-encoding", accept)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{accept}");
        assert_eq!(r.headers()["vary"], "accept-encoding", "{accept}");
        let encoding = r
            .headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap().to_string());
        let bytes = r.bytes().await.unwrap();
        if brotli {
            assert_eq!(encoding.as_deref(), Some("br"), "{accept}");
            let mut read = Vec::new();
            brotli::BrotliDecompress(&mut &bytes[..], &mut read).unwrap();
            assert_eq!(String::from_utf8(read).unwrap(), text, "{accept}");
            assert!(bytes.len() < text.len() / 3, "{} bytes", bytes.len());
        } else {
            assert_ne!(encoding.as_deref(), Some("br"), "{accept}");
        }
    }

    // Each language by the same hash; nothing else is found under /words.
    let other = "0".repeat(16);
    for (path, status) in [
        (format!("/words/it.{hash}.ftl"), 200),
        (format!("/words/fr.{hash}.ftl"), 404),
        (format!("/words/de.{other}.ftl"), 404),
        (format!("/words/de.{hash}"), 404),
        ("/words/de.ftl".to_string(), 404),
        // The server's own words (mail, the API reference) are no browser's.
        (format!("/words/de.server.{hash}.ftl"), 404),
        (format!("/words/de.mail.{hash}.ftl"), 404),
        (format!("/words/de..{hash}.ftl"), 404),
        (format!("/words/de.desk.desk.{hash}.ftl"), 404),
        ("/words/..%2F..%2FCargo.toml".to_string(), 404),
        (format!("/words/%3Cscript%3E.{hash}.ftl"), 404),
    ] {
        let r = app.client.get(app.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), status, "{path}");
    }
}

/// A ticket's category and its questions read in the reader's language for as long as the desk
/// keeps the seeded words, in the order the category asks them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tickets_category_and_its_questions_read_in_the_readers_language() {
    let app = TestApp::spawn_configured(false, |c| c.default_language = app::i18n::Lang::De).await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let r = rita
        .post(
            "/tickets",
            json!({"title": "Dose tot", "description": "Kein Netz am Platz", "category": "network",
                   "impact": "low", "urgency": "low",
                   "fields": {"building": "B2", "room": "214", "outlet": "17-3"}}),
        )
        .await;
    assert_eq!(r.status(), 201, "{}", body(r).await);
    let page = Session::new(&app, Some("rita@example.org"))
        .await
        .page("/tickets/SB-1001")
        .await;
    for words in [
        "<dd>Netzwerk<",
        "<dt>Gebäude<",
        "<dt>Raum<",
        "<dt>Nummer der Netzwerkdose<",
    ] {
        assert!(
            page.contains(words),
            "{words} missing from the page: {page}"
        );
    }
    assert!(!page.contains("<dd>network<") && !page.contains("<dt>outlet<"));
    // In the order the category asks them.
    let at = |words: &str| page.find(words).unwrap();
    assert!(at("<dt>Gebäude<") < at("<dt>Raum<") && at("<dt>Raum<") < at("<dt>Nummer der"));
    // The reports name it so too, in their filter and in their table by category.
    app.user("carla@example.org", Role::Coordinator).await;
    let reports = Session::new(&app, Some("carla@example.org"))
        .await
        .page("/reports")
        .await;
    assert!(
        reports.contains(r#"<option value="network">Netzwerk<"#),
        "the filter: {reports}"
    );
    assert!(
        reports.contains(r#"<th scope="row">Netzwerk<"#),
        "the table: {reports}"
    );
}
