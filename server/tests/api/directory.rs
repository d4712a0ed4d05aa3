//! Signing in with the company directory, against a real OpenLDAP (`support/slapd.rs`): directory
//! passwords on the page and the API, first sign-in creating or linking the account, groups giving
//! roles, people disabled or removed in the directory shut out at once and deactivated by the
//! sync, and the holes a directory opens (filter injection, the unauthenticated bind).

use crate::helpers::{me, page_sign_in as sign_in, TestApp, PASSWORD};
use crate::slapd::Slapd;
use app::domain::Role;
use reqwest::Client;
use serde_json::{json, Value};

async fn status(app: &TestApp, admin: &Client) -> Value {
    let r = admin
        .post(app.url("/api/directory_status"))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

/// The error a server function answered (its variant: `BadCredentials`, `Deactivated`, …).
fn code(answer: &str) -> String {
    match serde_json::from_str::<Value>(answer) {
        Ok(Value::String(variant)) => variant,
        Ok(Value::Object(map)) => map.keys().next().cloned().unwrap_or_default(),
        _ => answer.to_string(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn directory_people_sign_in_with_their_password_and_land_in_their_groups_role() {
    let slapd = Slapd::start().await;
    let app = TestApp::spawn_configured(false, |c| slapd.configure(c)).await;

    // By user name or by address; the account is made on the first sign-in.
    let (s, rita, _) = sign_in(&app, "rita", "rita-pass").await;
    assert_eq!(s, 200);
    let who = me(&app, &rita).await.expect("signed in");
    assert_eq!(who["email"], "rita@example.org");
    assert_eq!(who["name"], "Rita Rossi", "the display name");
    assert_eq!(who["role"], "requester");
    let (s, tina, _) = sign_in(&app, "TINA@example.org", "tina-pass").await;
    assert_eq!(s, 200);
    assert_eq!(me(&app, &tina).await.unwrap()["role"], "technician");
    let (s, cora, _) = sign_in(&app, "cora", "cora-pass").await;
    assert_eq!(s, 200);
    assert_eq!(me(&app, &cora).await.unwrap()["role"], "coordinator");

    // The REST API's token endpoint takes directory passwords the same way.
    let r = app
        .client
        .post(app.url("/api/v1/auth/token"))
        .json(&json!({"email": "tina", "password": "tina-pass", "name": "script"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());

    // Groups are re-read at every sign-in: rita joins IT staff.
    slapd.join("rita", "it-staff");
    let (_, rita, _) = sign_in(&app, "rita", "rita-pass").await;
    assert_eq!(me(&app, &rita).await.unwrap()["role"], "technician");

    // A wrong password is refused like any other, and throttled.
    let (s, _, answer) = sign_in(&app, "paul", "not-his").await;
    assert_eq!((s, code(&answer).as_str()), (401, "BadCredentials"));
    let mut last = 0;
    for _ in 0..6 {
        last = sign_in(&app, "paul", "still-not").await.0;
    }
    assert_eq!(last, 429, "repeated failures wait");

    // The admin page tells who the directory created and changed.
    app.user("admin@example.org", Role::Admin).await;
    let (_, admin, _) = sign_in(&app, "admin@example.org", PASSWORD).await;
    let st = status(&app, &admin).await;
    assert_eq!(st["ldap"]["security"], "ldaps");
    let changes = st["changes"].as_array().unwrap();
    let did = |email: &str, action: &str| {
        changes
            .iter()
            .any(|c| c["email"] == email && c["action"] == action)
    };
    assert!(did("rita@example.org", "created"), "{st}");
    assert!(did("cora@example.org", "created"));
    assert!(did("rita@example.org", "role"), "{st}");
    assert!(
        !did("paul@example.org", "created"),
        "no account for a wrong password"
    );
    // Nobody else may read it.
    let r = tina
        .post(app.url("/api/directory_status"))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_with_the_same_address_is_linked_and_its_own_password_stops_working() {
    let slapd = Slapd::start().await;
    let app = TestApp::spawn_configured(false, |c| slapd.configure(c)).await;
    app.user("rita@example.org", Role::Requester).await;
    let before = app
        .state
        .db
        .user_by_email("rita@example.org")
        .await
        .unwrap()
        .unwrap();
    // Before she signs in with the directory, her Switchboard password still works.
    assert_eq!(sign_in(&app, "rita@example.org", PASSWORD).await.0, 200);
    let (s, rita, _) = sign_in(&app, "rita", "rita-pass").await;
    assert_eq!(s, 200);
    assert_eq!(
        me(&app, &rita).await.unwrap()["id"],
        before.id,
        "the same account"
    );
    // From now on her password is the directory's alone.
    let (s, _, answer) = sign_in(&app, "rita@example.org", PASSWORD).await;
    assert_eq!((s, code(&answer).as_str()), (401, "BadCredentials"));

    // An admin's account is never linked: admins keep their own password for when the directory
    // is down, and a directory entry given their address does not take their account.
    app.user("cora@example.org", Role::Admin).await;
    let (s, _, answer) = sign_in(&app, "cora", "cora-pass").await;
    assert_eq!((s, code(&answer).as_str()), (409, "DirectoryConflict"));
    let (s, cora, _) = sign_in(&app, "cora@example.org", PASSWORD).await;
    assert_eq!(s, 200);
    assert_eq!(me(&app, &cora).await.unwrap()["role"], "admin");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people_disabled_or_removed_in_the_directory_are_shut_out_and_deactivated_by_the_sync() {
    let slapd = Slapd::start().await;
    let app = TestApp::spawn_configured(false, |c| slapd.configure(c)).await;
    app.user("admin@example.org", Role::Admin).await;
    let (_, admin, _) = sign_in(&app, "admin@example.org", PASSWORD).await;
    let (_, paul, _) = sign_in(&app, "paul", "paul-pass").await;
    let (_, rita, _) = sign_in(&app, "rita", "rita-pass").await;
    let (_, tina, _) = sign_in(&app, "tina", "tina-pass").await;
    assert!(me(&app, &rita).await.is_some() && me(&app, &paul).await.is_some());

    // Disabled (the filter leaves him out) or removed: refused from the next attempt.
    slapd.set("paul", "description", "disabled");
    slapd.remove("rita");
    assert_eq!(sign_in(&app, "paul", "paul-pass").await.0, 401);
    assert_eq!(sign_in(&app, "rita", "rita-pass").await.0, 401);

    // The sync also brings roles in line with the groups, without waiting for a sign-in.
    slapd.join("tina", "it-coordinators");

    // The sync switches their accounts off: their sessions end, their history stays.
    let r = admin
        .post(app.url("/api/sync_directory"))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    assert!(me(&app, &rita).await.is_none(), "rita's session ended");
    assert!(me(&app, &paul).await.is_none(), "paul's session ended");
    let tina_now = me(&app, &tina)
        .await
        .expect("tina is still in the directory");
    assert_eq!(
        tina_now["role"], "coordinator",
        "her new group's role, by the sync"
    );
    let st = status(&app, &admin).await;
    assert_eq!(st["last_sync"]["outcome"], "ok", "{st}");
    assert_eq!(st["last_sync"]["seen"], 2, "tina and cora are left");
    let deactivated: Vec<&str> = st["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["action"] == "deactivated")
        .map(|c| c["email"].as_str().unwrap())
        .collect();
    assert_eq!(deactivated.len(), 2);
    assert!(deactivated.contains(&"rita@example.org") && deactivated.contains(&"paul@example.org"));
    let rita_row = app
        .state
        .db
        .user_by_email("rita@example.org")
        .await
        .unwrap();
    assert!(rita_row.is_some(), "the account and its history stay");

    // Back in the directory, paul is still switched off until an admin says otherwise.
    slapd.set("paul", "description", "back");
    let (s, _, answer) = sign_in(&app, "paul", "paul-pass").await;
    assert_eq!((s, code(&answer).as_str()), (403, "Deactivated"));

    // A run is claimed once: the same claim does not run twice (several processes).
    assert!(app::server::directory::sync_ldap(&app.state, "claim-once")
        .await
        .unwrap());
    assert!(!app::server::directory::sync_ldap(&app.state, "claim-once")
        .await
        .unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn starttls_and_a_dn_template_sign_in_without_a_service_account() {
    let slapd = Slapd::start().await;
    let app = TestApp::spawn_configured(false, |c| {
        slapd.configure(c);
        c.ldap_url = Some(slapd.starttls_url());
        c.ldap_bind_dn = None;
        c.ldap_bind_password = None;
        c.ldap_user_dn_template = Some(format!("uid={{login}},{}", crate::slapd::PEOPLE));
    })
    .await;
    let (s, tina, _) = sign_in(&app, "tina", "tina-pass").await;
    assert_eq!(s, 200);
    assert_eq!(me(&app, &tina).await.unwrap()["role"], "technician");
    assert_eq!(sign_in(&app, "tina", "wrong").await.0, 401);
    assert_eq!(sign_in(&app, "nobody", "tina-pass").await.0, 401);
    app.user("admin@example.org", Role::Admin).await;
    let (_, admin, _) = sign_in(&app, "admin@example.org", PASSWORD).await;
    let st = status(&app, &admin).await;
    assert_eq!(st["ldap"]["security"], "starttls");
    assert_eq!(st["ldap"]["searches"], false);
    let r = admin
        .post(app.url("/api/sync_directory"))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400, "no sync without a service account");
}

/// One test per class of hole a directory opens: LDAP filter injection through the login, the
/// "unauthenticated bind" of an empty password, a certificate nobody vouches for, and telling a
/// down directory apart from a wrong password without locking out local admins.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_directory_cannot_be_tricked_and_its_failures_are_said_plainly() {
    let slapd = Slapd::start().await;
    let app = TestApp::spawn_configured(false, |c| slapd.configure(c)).await;
    for login in [
        "*",
        "rit*",
        "*)(uid=*",
        "rita)(|(uid=*",
        "rita\0",
        "uid=rita,ou=people,dc=example,dc=org",
    ] {
        let (s, _, _) = sign_in(&app, login, "rita-pass").await;
        assert_eq!(s, 401, "{login:?} signs nobody in");
    }
    let (s, _, _) = sign_in(&app, "rita", "").await;
    assert!(s == 401 || s == 400, "an empty password is no bind: {s}");
    drop(app);

    // Without the test CA, the directory's certificate is not trusted: nobody signs in that way.
    let untrusted = TestApp::spawn_configured(false, |c| {
        slapd.configure(c);
        c.ldap_ca_file = None;
    })
    .await;
    untrusted.user("admin@example.org", Role::Admin).await;
    let (s, _, answer) = sign_in(&untrusted, "rita", "rita-pass").await;
    assert_eq!((s, code(&answer).as_str()), (503, "DirectoryUnavailable"));
    // Local admins still come in while the directory cannot be reached.
    assert_eq!(
        sign_in(&untrusted, "admin@example.org", PASSWORD).await.0,
        200
    );
    // ... and guessing their password is throttled meanwhile like any other time.
    let mut last = 0;
    for _ in 0..7 {
        last = sign_in(&untrusted, "admin@example.org", "a guess").await.0;
    }
    assert_eq!(last, 429, "failures count while the directory is down");
    drop(untrusted);

    // Password sign-in for admins only: others are told to use the company account, but only
    // once they gave the right password.
    let admins_only = TestApp::spawn_configured(false, |c| {
        slapd.configure(c);
        c.password_sign_in = app::server::directory::PasswordSignIn::AdminsOnly;
    })
    .await;
    admins_only.user("admin@example.org", Role::Admin).await;
    admins_only.user("local@example.org", Role::Requester).await;
    let (s, _, answer) = sign_in(&admins_only, "local@example.org", PASSWORD).await;
    assert_eq!((s, code(&answer).as_str()), (403, "CompanySignInOnly"));
    let (s, _, answer) = sign_in(&admins_only, "local@example.org", "wrong").await;
    assert_eq!((s, code(&answer).as_str()), (401, "BadCredentials"));
    assert_eq!(
        sign_in(&admins_only, "admin@example.org", PASSWORD).await.0,
        200
    );
    assert_eq!(sign_in(&admins_only, "cora", "cora-pass").await.0, 200);
}
