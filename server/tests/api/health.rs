use crate::helpers::{Session, TestApp};
use crate::wire::{parse, IssuedToken, TicketPage};
use app::domain::Role;
use serde::Deserialize;

/// `GET /healthz`.
#[derive(Deserialize)]
struct Health {
    status: String,
    schema_version: i64,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_reports_the_schema_version() {
    let app = TestApp::spawn().await;
    let r = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let health: Health = parse(r).await;
    assert_eq!(health.status, "ok");
    assert!(health.schema_version >= 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_render_on_the_server() {
    let app = TestApp::spawn().await;
    let r = app.client.get(app.url("/")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("IT help, without the phone tag"));
    assert!(
        html.contains("/pkg/switchboard.js"),
        "hydration script is linked"
    );
    let r = app
        .client
        .get(app.url("/no/such/page"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let r = app.client.get(app.url("/login")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("x-content-type-options").is_some());
}

/// Starting a server works out its pages' routes by rendering the app with every resource held
/// back, by a flag leptos keeps for the whole process (leptos-rs/leptos#4773). Pages another server
/// of the same process renders meanwhile must still finish: the tests run many servers at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_finish_while_another_server_starts_in_the_same_process() {
    let app = TestApp::spawn().await;
    app.user("rita@example.org", Role::Requester).await;
    let rita = Session::new(&app, Some("rita@example.org")).await;
    let state = app.state.clone();
    let starting = tokio::task::spawn_blocking(move || {
        for _ in 0..300 {
            drop(switchboard::startup::router(state.clone()));
        }
    });
    let mut pages = 0;
    while !starting.is_finished() || pages < 20 {
        tokio::time::timeout(std::time::Duration::from_secs(10), rita.page("/requests"))
            .await
            .unwrap_or_else(|_| panic!("page {pages} did not finish while servers were starting"));
        pages += 1;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_data_has_tickets_in_every_state() {
    let app = TestApp::spawn_with(true).await;
    let api = crate::helpers::Api {
        base: app.base.clone(),
        client: app.client.clone(),
        token: {
            let r = app.client.post(app.url("/api/v1/auth/token")).json(&serde_json::json!({"email": "admin@example.org", "password": app::server::demo::DEMO_PASSWORD})).send().await.unwrap();
            parse::<IssuedToken>(r).await.token
        },
    };
    for s in [
        "new",
        "assigned",
        "in_progress",
        "waiting",
        "resolved",
        "closed",
        "cancelled",
    ] {
        let found: TicketPage = parse(api.get(&format!("/tickets?status={s}&limit=1")).await).await;
        assert_eq!(found.items.len(), 1, "demo lacks a {s} ticket");
        assert_eq!(found.items[0].status, s);
    }
    // Months of finished tickets give the reports a past, without touching today's board.
    let open: TicketPage = parse(api.get("/tickets?status=open&limit=200").await).await;
    assert!(open.items.len() < 20);
    let closed: TicketPage = parse(api.get("/tickets?status=closed&limit=200").await).await;
    assert!(closed.items.len() >= 100);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_timings_are_exported_for_admins_only() {
    let app = TestApp::spawn().await;
    let admin = app.api_user("ada@example.org", Role::Admin).await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let t = rita.file("Keyboard missing keys").await;
    let number = t.number.as_str();
    assert_eq!(rita.get(&format!("/tickets/{number}")).await.status(), 200);
    assert_eq!(
        app.client
            .get(app.url("/metrics"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    assert_eq!(carla.get_path("/metrics").await.status(), 403);
    let r = admin.get_path("/metrics").await;
    assert_eq!(r.status(), 200);
    let text = r.text().await.unwrap();
    // Requests are labelled by the route they matched, not their path, so routes stay few.
    assert!(
        text.contains(
            "switchboard_request_duration_seconds_count{route=\"/api/v1/tickets/{number}\"} 1"
        ),
        "{text}"
    );
    assert!(
        text.contains("switchboard_request_duration_seconds_count{route=\"/api/v1/tickets\"} 1")
    );
    assert!(!text.contains(number));
}

/// The client's files: named by a hash of their content and kept a year, the compressed copy a
/// build left beside a file sent to browsers that take it, another build's name never answered;
/// pages themselves are never reused without asking.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_files_are_named_by_content_and_cached_for_a_year() {
    let site = crate::helpers::fresh_dir();
    let pkg = site.join("pkg");
    std::fs::create_dir_all(pkg.join("snippets")).unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(pkg.join(name), bytes).unwrap();
    write("switchboard.js", b"export default function init() {}");
    write("switchboard.wasm", b"\0asm\x01\0\0\0");
    write("switchboard.css", b"body { margin: 0 }");
    write("switchboard.css.br", b"brotli bytes");
    write("switchboard.css.gz", b"gzip bytes");
    write("snippets/inline0.js", b"export const x = 1;");
    let root = site.to_str().unwrap().to_string();
    let app = TestApp::spawn_configured(false, |c| c.site_root = root.clone()).await;

    let r = app.client.get(app.url("/login")).send().await.unwrap();
    assert_eq!(
        r.headers()["cache-control"],
        "private, no-cache",
        "a page is never reused without asking"
    );
    let html = r.text().await.unwrap();
    let script = client_file(&html, ".js");
    let hash = script
        .trim_start_matches("/pkg/switchboard.")
        .trim_end_matches(".js")
        .to_string();
    assert_eq!(hash.len(), 16, "{script}");
    let css = format!("/pkg/switchboard.{hash}.css");
    assert!(html.contains(&css), "the stylesheet carries the same hash");

    let get = |path: String, encoding: &'static str| encoded(&app, path, encoding);
    let r = get(script.clone(), "identity").await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(
        r.bytes().await.unwrap().as_ref(),
        b"export default function init() {}"
    );
    let r = get(css.clone(), "br, gzip").await;
    assert_eq!(r.headers()["content-encoding"], "br");
    assert_eq!(r.bytes().await.unwrap().as_ref(), b"brotli bytes");
    let r = get(css.clone(), "gzip").await;
    assert_eq!(r.headers()["content-encoding"], "gzip");
    assert_eq!(r.bytes().await.unwrap().as_ref(), b"gzip bytes");

    // Another build's name is gone rather than answered with this build's bytes.
    let r = get("/pkg/switchboard.0123456789abcdef.js".into(), "identity").await;
    assert_eq!(r.status(), 404);
    // Files without the hash are asked for again each time.
    let r = get("/pkg/snippets/inline0.js".into(), "identity").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-cache");
    for hostile in [
        "/pkg/../Cargo.toml",
        "/pkg/%2e%2e/%2e%2e/etc/passwd",
        "/pkg/switchboard.js%00.css",
    ] {
        let r = get(hostile.into(), "identity").await;
        assert_eq!(r.status(), 404, "{hostile}");
    }

    // A new build is a new name; the old one is no longer served.
    write(
        "switchboard.js",
        b"export default function init() { /* v2 */ }",
    );
    let next = TestApp::spawn_configured(false, |c| c.site_root = root.clone()).await;
    let html = page_text(&next, "/login").await;
    assert!(!html.contains(&script), "the name follows the content");
    let r = next.client.get(next.url(&script)).send().await.unwrap();
    assert_eq!(r.status(), 404);

    // Compressed copies older than their file (a debug build over a release) are not sent.
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(pkg.join("switchboard.css.br"))
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    let stale = TestApp::spawn_configured(false, |c| c.site_root = root.clone()).await;
    let html = page_text(&stale, "/login").await;
    let css = client_file(&html, ".css");
    let r = stale
        .client
        .get(stale.url(&css))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("content-encoding").is_none());
    assert_eq!(r.bytes().await.unwrap().as_ref(), b"body { margin: 0 }");
}

/// A client split by page: the split parts import the client's script by its plain name, and the
/// page maps that name to the hashed one, so both are one module; a part that changes makes a new
/// build (a new name) like the client's own files; parts are asked for again each time.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_split_clients_parts_load_the_pages_script_and_belong_to_its_build() {
    let site = crate::helpers::fresh_dir();
    let pkg = site.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(pkg.join(name), bytes).unwrap();
    write("switchboard.js", b"export default function init() {}");
    write("switchboard.wasm", b"\0asm\x01\0\0\0");
    write("switchboard.css", b"body { margin: 0 }");
    let link = "__wasm_split.______________________.js";
    write(link, b"import { initSync } from \"./switchboard.js\";");
    write("chunk_1.wasm", b"\0asm\x01\0\0\0 one");
    let root = site.to_str().unwrap().to_string();
    let app = TestApp::spawn_configured(false, |c| c.site_root = root.clone()).await;

    let html = page_text(&app, "/login").await;
    let script = client_file(&html, ".js");
    let map = html
        .split(r#"<script type="importmap""#)
        .nth(1)
        .and_then(|rest| rest.split_once('>'))
        .and_then(|(_, body)| body.split_once("</script>"))
        .map(|(body, _)| body)
        .expect("the page has an import map");
    let map: serde_json::Value = serde_json::from_str(map).unwrap();
    assert_eq!(map["imports"]["/pkg/switchboard.js"], script.as_str());
    assert!(
        html.find("importmap").unwrap() < html.find("modulepreload").unwrap(),
        "the map comes before the script is loaded"
    );
    for part in [format!("/pkg/{link}"), "/pkg/chunk_1.wasm".to_string()] {
        let r = encoded(&app, part.clone(), "identity").await;
        assert_eq!(r.status(), 200, "{part}");
        assert_eq!(r.headers()["cache-control"], "no-cache", "{part}");
    }

    write("chunk_1.wasm", b"\0asm\x01\0\0\0 two");
    let next = TestApp::spawn_configured(false, |c| c.site_root = root.clone()).await;
    let html = page_text(&next, "/login").await;
    assert_ne!(
        client_file(&html, ".js"),
        script,
        "a changed part is a new build"
    );
}

/// Without a build's compressed copies, files are compressed as they are sent, except one too large
/// to compress for every request (a debug build's client, ~50 MB): that one goes as it is.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_files_of_a_reasonable_size_are_compressed_on_the_fly() {
    let site = crate::helpers::fresh_dir();
    let pkg = site.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(pkg.join(name), bytes).unwrap();
    write("switchboard.js", b"export default function init() {}");
    let huge = 16 * 1024 * 1024 + 1;
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    wasm.resize(huge, 0);
    write("switchboard.wasm", &wasm);
    write(
        "switchboard.css",
        "body { margin: 0 }\n".repeat(64).as_bytes(),
    );
    let root = site.to_str().unwrap().to_string();
    let app = TestApp::spawn_configured(false, |c| c.site_root = root.clone()).await;
    let html = page_text(&app, "/login").await;
    let get = |path: String| encoded(&app, path, "gzip");

    let r = get(client_file(&html, ".css")).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-encoding"], "gzip");
    // The page names the wasm `<hash>_bg.wasm` in a build without cargo-leptos's output name.
    let wasm = client_file(&html, ".js").replace(".js", ".wasm");
    let r = get(wasm).await;
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("content-encoding").is_none());
    assert_eq!(r.bytes().await.unwrap().len(), huge);
}

/// The address of the client's file ending in `ext` that the page links.
fn client_file(html: &str, ext: &str) -> String {
    html.split('"')
        .find(|s| {
            s.strip_prefix("/pkg/switchboard.")
                .and_then(|rest| rest.strip_suffix(ext))
                .is_some_and(|hash| hash.len() == 16)
        })
        .unwrap_or_else(|| panic!("the page links no {ext} file of the client"))
        .to_string()
}

/// `path` asked for with `accept-encoding: encoding`.
async fn encoded(app: &TestApp, path: String, encoding: &str) -> reqwest::Response {
    app.client
        .get(app.url(&path))
        .header("accept-encoding", encoding)
        .send()
        .await
        .unwrap()
}

/// A page's HTML as a visitor without a session gets it.
async fn page_text(app: &TestApp, path: &str) -> String {
    let r = app.client.get(app.url(path)).send().await.unwrap();
    r.text().await.unwrap()
}
