//! Files on tickets over the API and the page's form: who may attach and read what, how files
//! are served so they cannot run, photos without their position, limits, and one copy per
//! content.

use crate::helpers::{Api, Session, TestApp};
use app::domain::Role;
use reqwest::StatusCode;
use serde_json::Value;

/// A multipart body: `(field, file name, bytes)`, a part without a file name being a text field.
pub fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "sb-test-boundary-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (field, file, bytes) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(name) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\n\
                     Content-Type: image/png\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{field}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

pub async fn upload(
    api: &Api,
    number: &str,
    parts: &[(&str, Option<&str>, &[u8])],
) -> reqwest::Response {
    let (content_type, body) = multipart(parts);
    api.client
        .post(format!("{}/api/v1/tickets/{number}/attachments", api.base))
        .bearer_auth(&api.token)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn json(r: reqwest::Response) -> Value {
    r.json().await.unwrap()
}

/// The smallest valid PNG: one transparent pixel.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\x0f\x00\x01\x01\x01\x00\x18\xdd\x8d\xb0\0\0\0\0IEND\xaeB`\x82";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn who_may_see_a_file_is_who_may_see_its_note_or_ticket() {
    let app = TestApp::spawn().await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let paul = app.api_user("paul@example.org", Role::Requester).await;
    let tina = app.api_user("tina@example.org", Role::Technician).await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    let t = rita.file("Printer shows an error").await;

    // The requester attaches a screenshot with a reply; the file is public.
    let r = upload(
        &rita,
        &t.number,
        &[
            ("file", Some("error dialog.png"), PNG),
            ("note", None, b"Here is the message"),
            ("visibility", None, b"internal"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let shot = json(r).await["items"][0].clone();
    assert_eq!(shot["visibility"], "public", "a requester's file is public");
    assert_eq!(shot["media_type"], "image/png");
    assert_eq!(shot["name"], "error dialog.png");
    let shot_url = shot["url"].as_str().unwrap().to_string();

    // The coordinator adds an internal log.
    let r = upload(
        &carla,
        &t.number,
        &[
            ("file", Some("printer.log"), b"12:00 paper jam tray 2\n"),
            ("visibility", None, b"internal"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let log = json(r).await["items"][0].clone();
    assert_eq!(log["visibility"], "internal");
    let log_url = log["url"].as_str().unwrap().to_string();

    // Every list shows what the single read shows.
    let listed = |api: Api| {
        let number = t.number.clone();
        async move {
            let v = json(api.get(&format!("/tickets/{number}/attachments")).await).await;
            v["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["name"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(listed(rita.clone()).await, ["error dialog.png"]);
    assert_eq!(
        listed(carla.clone()).await,
        ["error dialog.png", "printer.log"]
    );
    let bytes = |api: &Api, url: &str| {
        api.client
            .get(format!("{}{url}", api.base))
            .bearer_auth(&api.token)
            .send()
    };
    assert_eq!(bytes(&rita, &shot_url).await.unwrap().status(), 200);
    assert_eq!(bytes(&carla, &log_url).await.unwrap().status(), 200);
    // The requester cannot read the internal file; another requester reads nothing; an unknown
    // id answers the same. (A technician whose queue holds the new ticket may read it.)
    assert_eq!(bytes(&tina, &shot_url).await.unwrap().status(), 200);
    for (who, url) in [
        (&rita, &log_url),
        (&paul, &log_url),
        (&paul, &shot_url),
        (
            &paul,
            &"/api/v1/attachments/0123456789abcdef0123456789abcdef".to_string(),
        ),
        (
            &paul,
            &"/api/v1/attachments/..%2f..%2fetc%2fpasswd".to_string(),
        ),
    ] {
        let r = bytes(who, url).await.unwrap();
        assert_eq!(r.status(), 404, "{url}");
    }
    assert_eq!(
        paul.get(&format!("/tickets/{}/attachments", t.number))
            .await
            .status(),
        404
    );
    // Without signing in: nothing.
    let r = app.client.get(app.url(&shot_url)).send().await.unwrap();
    assert_eq!(r.status(), 401);
    // Attaching needs the same right as writing a note.
    let r = upload(&paul, &t.number, &[("file", Some("x.png"), PNG)]).await;
    assert_eq!(r.status(), 404);

    // The requester removes their file; the coordinator may remove anyone's; the history keeps
    // that both existed (the internal one for IT only).
    let id = shot["id"].as_str().unwrap();
    let r = carla
        .client
        .delete(format!("{}/api/v1/attachments/{id}", carla.base))
        .bearer_auth(&paul.token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        404,
        "someone who cannot see it cannot remove it"
    );
    let r = rita
        .client
        .delete(format!("{}/api/v1/attachments/{id}", rita.base))
        .bearer_auth(&rita.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(bytes(&rita, &shot_url).await.unwrap().status(), 404);
    let events = json(rita.get(&format!("/tickets/{}/events", t.number)).await).await;
    let kinds: Vec<&str> = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"attachment") && kinds.contains(&"attachment_removed"));
    let staff_events = json(carla.get(&format!("/tickets/{}/events", t.number)).await).await;
    assert!(staff_events.to_string().contains("printer.log"));
    assert!(!events.to_string().contains("printer.log"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_are_served_so_they_cannot_run() {
    let app = TestApp::spawn().await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let t = rita.file("Strange files").await;
    let svg =
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script></svg>";
    let html_as_png = b"<html><body><script>alert(1)</script></body></html>";
    let r = upload(
        &rita,
        &t.number,
        &[
            ("file", Some("logo.svg"), svg),
            ("file", Some("screenshot.png"), html_as_png),
            ("file", Some("real.png"), crate::attachments::PNG),
            (
                "file",
                Some("..\\..\\etc\\passwd<script>.txt"),
                b"root:x:0:0\n",
            ),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let items = json(r).await["items"].as_array().unwrap().clone();
    let fetch = |i: usize| {
        rita.client
            .get(format!(
                "{}{}",
                rita.base,
                items[i]["url"].as_str().unwrap()
            ))
            .bearer_auth(&rita.token)
            .send()
    };
    for (i, inline, media_type) in [
        (0, false, "application/octet-stream"),
        (1, false, "application/octet-stream"),
        (2, true, "image/png"),
        (3, false, "text/plain; charset=utf-8"),
    ] {
        let r = fetch(i).await.unwrap();
        let h = r.headers();
        let header = |n: &str| h.get(n).unwrap().to_str().unwrap().to_string();
        assert_eq!(header("content-type"), media_type, "{i}");
        assert_eq!(header("x-content-type-options"), "nosniff");
        assert!(header("content-security-policy").contains("sandbox"));
        assert_eq!(
            header("content-disposition").starts_with("inline;"),
            inline,
            "{}",
            header("content-disposition")
        );
    }
    // The name is cleaned for the page and for the header.
    assert_eq!(items[3]["name"], "passwdscript.txt");
    let r = fetch(3).await.unwrap();
    assert_eq!(r.bytes().await.unwrap().as_ref(), b"root:x:0:0\n");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_photo_loses_its_position_on_the_way_in_and_a_file_is_stored_once() {
    let app = TestApp::spawn().await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let a = rita.file("Wall socket dead").await;
    let b = rita.file("Second socket dead").await;
    let photo = phone_photo();
    for number in [&a.number, &b.number] {
        let r = upload(&rita, number, &[("file", Some("IMG_2041.jpg"), &photo)]).await;
        assert_eq!(r.status(), StatusCode::CREATED);
    }
    let items = json(
        rita.get(&format!("/tickets/{}/attachments", a.number))
            .await,
    )
    .await;
    let url = items["items"][0]["url"].as_str().unwrap().to_string();
    let served = rita
        .client
        .get(format!("{}{url}", rita.base))
        .bearer_auth(&rita.token)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let contains = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
    // The latitude's seconds (1234/100) were in the photo and are not in the stored file.
    assert!(contains(&photo, &1234u32.to_le_bytes()));
    assert!(!contains(&served, &1234u32.to_le_bytes()));
    assert!(!contains(&served, b"xmpmeta"));
    assert!(served.starts_with(b"\xff\xd8\xff"));
    // The same photo on two tickets: two files, one stored content.
    assert_eq!(app.state.db.attachment_counts().await.unwrap(), (2, 1));

    // A file of several stored pieces comes back whole and in order, also when it is the
    // second copy of a content already stored.
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut archive = b"PK\x03\x04".to_vec();
    archive.extend((0..3_500_000).map(|_| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 24) as u8
    }));
    for number in [&a.number, &b.number] {
        let r = upload(&rita, number, &[("file", Some("logs.zip"), &archive)]).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let items = json(rita.get(&format!("/tickets/{number}/attachments")).await).await;
        let url = items["items"][1]["url"].as_str().unwrap().to_string();
        let served = rita
            .client
            .get(format!("{}{url}", rita.base))
            .bearer_auth(&rita.token)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        assert_eq!(served.len(), archive.len());
        assert!(served == archive, "the file came back changed");
    }
    assert_eq!(app.state.db.attachment_counts().await.unwrap(), (4, 2));
}

/// A phone's JPEG: EXIF with a GPS position (52° 31' 12.34" N) and an XMP block naming it.
fn phone_photo() -> Vec<u8> {
    let mut tiff = b"II*\0\x08\0\0\0".to_vec();
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        t.extend_from_slice(&tag.to_le_bytes());
        t.extend_from_slice(&kind.to_le_bytes());
        t.extend_from_slice(&count.to_le_bytes());
        t.extend_from_slice(&value.to_le_bytes());
    };
    tiff.extend_from_slice(&1u16.to_le_bytes());
    let gps_at = 8 + 2 + 12 + 4;
    entry(&mut tiff, 0x8825, 4, 1, gps_at);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(&1u16.to_le_bytes());
    entry(&mut tiff, 0x0002, 5, 3, gps_at + 2 + 12 + 4);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    for (n, d) in [(52u32, 1u32), (31, 1), (1234, 100)] {
        tiff.extend_from_slice(&n.to_le_bytes());
        tiff.extend_from_slice(&d.to_le_bytes());
    }
    let mut jpeg = vec![0xff, 0xd8];
    for payload in [
        [b"Exif\0\0".as_slice(), &tiff].concat(),
        b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta GPS=\"52,31N\"/>".to_vec(),
    ] {
        jpeg.extend_from_slice(&[0xff, 0xe1]);
        jpeg.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        jpeg.extend_from_slice(&payload);
    }
    jpeg.extend_from_slice(&[0xff, 0xda, 0, 2, 1, 2, 3, 0xff, 0xd9]);
    jpeg
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limits_are_refused_at_the_field() {
    let app = TestApp::spawn_configured(false, |c| {
        c.attachment_max_mb = 1;
        c.attachment_ticket_max_mb = 2;
    })
    .await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let t = rita.file("Big files").await;
    let big = vec![b'a'; 1024 * 1024 + 1];
    let fine = vec![b'b'; 900 * 1024];
    let field_error = |v: &Value| {
        v["error"]["fields"]["file"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    // One file over the limit: refused with the limit named, after the body was read.
    let r = upload(&rita, &t.number, &[("file", Some("big.log"), &big)]).await;
    assert_eq!(r.status(), 422);
    assert!(field_error(&json(r).await).contains("1 MB"));
    // Eleven files at once.
    let eleven: Vec<(&str, Option<&str>, &[u8])> = (0..11)
        .map(|_| ("file", Some("a.txt"), b"x".as_slice()))
        .collect();
    let r = upload(&rita, &t.number, &eleven).await;
    assert_eq!(r.status(), 422);
    assert!(field_error(&json(r).await).contains("10"));
    // Empty, and nothing at all.
    let r = upload(&rita, &t.number, &[("file", Some("empty.txt"), b"")]).await;
    assert_eq!(r.status(), 422);
    let r = upload(&rita, &t.number, &[("note", None, b"no file")]).await;
    assert_eq!(r.status(), 422);
    // Not multipart at all.
    let r = rita
        .post(
            &format!("/tickets/{}/attachments", t.number),
            serde_json::json!({}),
        )
        .await;
    assert_eq!(r.status(), 400);
    // The ticket's total: two fine files fit, the third does not.
    for _ in 0..2 {
        let r = upload(&rita, &t.number, &[("file", Some("part.log"), &fine)]).await;
        assert_eq!(r.status(), StatusCode::CREATED);
    }
    let r = upload(&rita, &t.number, &[("file", Some("part.log"), &fine)]).await;
    assert_eq!(r.status(), 422);
    assert!(field_error(&json(r).await).contains("2 MB"));
    // Nothing refused was stored.
    let items = json(
        rita.get(&format!("/tickets/{}/attachments", t.number))
            .await,
    )
    .await;
    assert_eq!(items["items"].as_array().unwrap().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ticket_page_attaches_without_javascript_and_shows_the_files() {
    let app = TestApp::spawn_configured(false, |c| c.attachment_max_mb = 1).await;
    app.user("rita@example.org", Role::Requester).await;
    let s = Session::new(&app, Some("rita@example.org")).await;
    let (status, body) = s
        .call(
            "file_request",
            &[
                ("title", "Socket dead"),
                ("description", "No power"),
                ("category", "other"),
                ("impact", "low"),
                ("urgency", "low"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let filed: Value = serde_json::from_str(&body).unwrap();
    let number = match &filed["number"] {
        Value::String(n) => n.clone(),
        n => format!("SB-{n}"),
    };
    let post = |parts: Vec<(&'static str, Option<&'static str>, Vec<u8>)>| {
        let parts: Vec<(&str, Option<&str>, &[u8])> = parts
            .iter()
            .map(|(f, n, b)| (*f, *n, b.as_slice()))
            .collect();
        let (content_type, body) = multipart(&parts);
        s.client
            .post(app.url(&format!("/api/v1/tickets/{number}/attachments")))
            .header("accept", "text/html")
            .header("origin", app.base.clone())
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let page = format!("/tickets/{number}");
    let r = post(vec![
        ("return_to", None, page.clone().into_bytes()),
        ("file", Some("socket.png"), crate::attachments::PNG.to_vec()),
        ("note", None, b"The socket by the window".to_vec()),
    ])
    .await
    .unwrap();
    // Back to the ticket page, which shows the picture and the note.
    let session = &s;
    let follow = |r: reqwest::Response| async move {
        assert_eq!(r.status(), 303);
        let to = r.headers()["location"].to_str().unwrap().to_string();
        let html = session.page(&to).await;
        (to, html)
    };
    let (to, html) = follow(r).await;
    assert!(to.starts_with(&page), "{to}");
    assert!(html.contains("socket.png") && html.contains("/api/v1/attachments/"));
    assert!(html.contains("The socket by the window"));
    // Too large: back to the form with the message at the field, in the reader's language.
    let r = post(vec![
        ("return_to", None, page.clone().into_bytes()),
        ("file", Some("huge.png"), vec![0u8; 1024 * 1024 + 10]),
    ])
    .await
    .unwrap();
    let (to, html) = follow(r).await;
    assert!(to.contains("attach_error=too-large"), "{to}");
    assert!(html.contains("Each file may be at most 1 MB"), "{html}");
    // A return address elsewhere is not followed.
    let r = post(vec![
        ("return_to", None, b"https://evil.example/".to_vec()),
        (
            "file",
            Some("socket2.png"),
            crate::attachments::PNG.to_vec(),
        ),
    ])
    .await
    .unwrap();
    let (to, _) = follow(r).await;
    assert!(to.starts_with(&page), "{to}");
    // Another site cannot post a file with the person's cookie.
    let (content_type, body) = multipart(&[("file", Some("x.png"), crate::attachments::PNG)]);
    let r = s
        .client
        .post(app.url(&format!("/api/v1/tickets/{number}/attachments")))
        .header("origin", "https://evil.example")
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_request_form_files_with_a_photo_without_javascript() {
    let app = TestApp::spawn_configured(false, |c| c.attachment_max_mb = 1).await;
    app.user("rita@example.org", Role::Requester).await;
    let s = Session::new(&app, Some("rita@example.org")).await;
    let post = |file: (&'static str, Vec<u8>)| {
        let form: Vec<(&str, Option<&str>, Vec<u8>)> = vec![
            ("title", None, "Socket dead by the window".into()),
            (
                "description",
                None,
                "No power since Monday; photo attached.".into(),
            ),
            ("category", None, b"other".to_vec()),
            ("impact", None, b"low".to_vec()),
            ("urgency", None, "high".into()),
            ("file", Some(file.0), file.1),
            // The second input (the camera) left empty.
            ("file", Some(""), Vec::new()),
        ];
        let parts: Vec<(&str, Option<&str>, &[u8])> = form
            .iter()
            .map(|(f, n, b)| (*f, *n, b.as_slice()))
            .collect();
        let (content_type, body) = multipart(&parts);
        s.client
            .post(app.url("/api/file_request"))
            .header("accept", "text/html")
            .header("origin", app.base.clone())
            .header("referer", app.url("/requests/new"))
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    // A file over the limit: nothing is filed, the form comes back with what was typed.
    let r = post(("huge.png", vec![0u8; 1024 * 1024 + 1]))
        .await
        .unwrap();
    assert!(r.status().is_redirection(), "{}", r.status());
    let to = r.headers()["location"].to_str().unwrap().to_string();
    assert!(
        to.contains("/requests/new?") && to.contains("__err="),
        "{to}"
    );
    assert_eq!(app.state.db.count_tickets().await.unwrap(), 0);
    let (_, draft) = s.call("request_draft", &[]).await;
    assert!(draft.contains("Socket dead by the window"), "{draft}");
    // Within the limit: filed, and the photo is on the ticket.
    let r = post(("socket.png", PNG.to_vec())).await.unwrap();
    assert!(r.status().is_redirection(), "{}", r.status());
    let to = r.headers()["location"].to_str().unwrap().to_string();
    assert!(
        to.contains("?filed=1") && !to.contains("attach_error"),
        "{to}"
    );
    let html = s.page(&to).await;
    assert!(html.contains("Socket dead by the window") && html.contains("socket.png"));
    let (files, _) = app.state.db.attachment_counts().await.unwrap();
    assert_eq!(files, 1);
    // Nobody's files are read before they are signed in.
    let (content_type, body) = multipart(&[("title", None, b"x"), ("file", Some("a.png"), PNG)]);
    let r = app
        .client
        .post(app.url("/api/file_request"))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tracking_link_shows_public_files_only() {
    let app = TestApp::spawn().await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    let t = rita.file("Projector flickers").await;
    for (name, visibility) in [("flicker.png", "public"), ("vendor-quote.txt", "internal")] {
        let bytes: &[u8] = if name.ends_with(".png") {
            PNG
        } else {
            b"EUR 1,200\n"
        };
        let r = upload(
            &carla,
            &t.number,
            &[
                ("file", Some(name), bytes),
                ("visibility", None, visibility.as_bytes()),
            ],
        )
        .await;
        assert_eq!(r.status(), StatusCode::CREATED);
    }
    let internal_id = json(
        carla
            .get(&format!("/tickets/{}/attachments", t.number))
            .await,
    )
    .await["items"][1]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let coordinator = Session::new(&app, Some("carla@example.org")).await;
    let (status, url) = coordinator
        .call("create_tracking_link", &[("number", &t.number)])
        .await;
    assert_eq!(status, 200);
    let url: String = serde_json::from_str(&url).unwrap();
    let token = url.rsplit('/').next().unwrap().to_string();
    let nobody = Session::new(&app, None).await;
    let (_, text) = nobody.call("tracked_ticket", &[("token", &token)]).await;
    let d: app::types::TicketDetail = serde_json::from_str(&text).unwrap();
    assert_eq!(
        d.attachments
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>(),
        ["flicker.png"]
    );
    assert!(!text.contains("@example.org"), "no addresses: {text}");
    let through = &d.attachments[0].url;
    assert!(through.starts_with(&format!("/api/v1/track/{token}/")));
    let r = app.client.get(app.url(through)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/png");
    // The internal file is not there through the link, nor a file of another ticket, nor with a
    // made-up token.
    let other = rita.file("Another ticket").await;
    let r = upload(&rita, &other.number, &[("file", Some("other.png"), PNG)]).await;
    let other_id = json(r).await["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    for path in [
        format!("/api/v1/track/{token}/attachments/{internal_id}"),
        format!("/api/v1/track/{token}/attachments/{other_id}"),
        format!(
            "/api/v1/track/{}/attachments/{}",
            "0".repeat(64),
            d.attachments[0].id
        ),
    ] {
        let r = app.client.get(app.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), 404, "{path}");
    }
}
