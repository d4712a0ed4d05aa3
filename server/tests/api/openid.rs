//! Signing in with an OpenID provider, against a real one (`support/oidc_provider.rs`, the certified
//! `oidc-provider`): the code flow with PKCE through the provider's own login form, first
//! sign-in creating or linking the account, groups giving roles; and every answer that must not
//! let anyone in — a wrong or missing `state`, a replayed code, a code or token for another
//! client, an expired ID token, a wrong nonce, issuer or signature, an unverified address.

use crate::helpers::{browser, me, page_sign_in, TestApp, PASSWORD};
use crate::oidc_provider::Provider;
use app::domain::Role;
use reqwest::{Client, Url};
use serde_json::Value;

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .unwrap_or_else(|| panic!("{} without a location", r.status()))
        .to_str()
        .unwrap()
        .to_string()
}

/// Leaves the app for the provider: the provider's authorization address.
async fn start(app: &TestApp, client: &Client) -> Url {
    let r = client
        .get(app.url("/auth/oidc/start"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let set = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        set.contains("sb_oidc=") && set.contains("HttpOnly") && set.contains("SameSite=Lax"),
        "{set}"
    );
    Url::parse(&location(&r)).unwrap()
}

/// Signs in at the provider's form from its authorization address; answers the query the
/// provider sends the browser back to the app with (code, state, iss — or error).
async fn at_provider(client: &Client, authorize: Url, login: &str, password: &str) -> String {
    let r = client.get(authorize.clone()).send().await.unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let interaction = authorize.join(&location(&r)).unwrap();
    let form = client.get(interaction.clone()).send().await.unwrap();
    assert_eq!(form.status(), 200);
    let r = client
        .post(interaction.clone())
        .form(&[("login", login), ("password", password)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{login}: the provider took the password");
    let resume = interaction.join(&location(&r)).unwrap();
    let r = client.get(resume).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let back = Url::parse(&location(&r)).unwrap();
    assert_eq!(back.path(), "/auth/oidc/callback");
    back.query().unwrap_or_default().to_string()
}

/// Brings the provider's answer to the app; where the app sends the browser next.
async fn callback(app: &TestApp, client: &Client, query: &str) -> String {
    let r = client
        .get(app.url(&format!("/auth/oidc/callback?{query}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "the callback always redirects");
    assert_eq!(
        r.headers().get("cache-control").unwrap(),
        "no-store",
        "nothing about the sign-in is kept"
    );
    location(&r)
}

/// The whole way, as a browser goes it: where the browser lands, and its cookies.
async fn sign_in(app: &TestApp, login: &str) -> (String, Client) {
    let client = browser();
    let authorize = start(app, &client).await;
    let base = login.split('+').next().unwrap();
    let query = at_provider(&client, authorize, login, &format!("{base}-pass")).await;
    (callback(app, &client, &query).await, client)
}

async fn server_fn(app: &TestApp, client: &Client, endpoint: &str) -> Value {
    let r = client
        .post(app.url(&format!("/api/{endpoint}")))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{endpoint}");
    r.json().await.unwrap()
}

/// An admin's session, made on first use.
async fn admin(app: &TestApp) -> Client {
    if app
        .state
        .db
        .credentials("root@example.net")
        .await
        .unwrap()
        .is_none()
    {
        app.user("root@example.net", Role::Admin).await;
    }
    let (s, admin, _) = page_sign_in(app, "root@example.net", PASSWORD).await;
    assert_eq!(s, 200);
    admin
}

/// Accounts the provider made or linked, as the admin page lists them.
async fn changes(app: &TestApp) -> Vec<(String, String)> {
    let admin = admin(app).await;
    let status = server_fn(app, &admin, "directory_status").await;
    status["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["email"].as_str().unwrap().to_string(),
                c["action"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people_sign_in_with_the_provider_and_land_in_their_groups_role() {
    let op = Provider::start();
    let app = TestApp::spawn_configured(false, |c| op.configure(c)).await;

    // The sign-in page offers the provider by its name.
    let options = server_fn(&app, &browser(), "sign_in_options").await;
    assert_eq!(options["provider"], "Example Corp");

    for (login, role, name, home) in [
        ("cora", "coordinator", "Cora Coordinator", "/board"),
        ("tina", "technician", "Tina Technician", "/work"),
        ("rita", "requester", "Rita Requester", "/requests"),
    ] {
        let (landed, client) = sign_in(&app, login).await;
        assert_eq!(
            landed, home,
            "{login} lands on their start page, nothing in the address"
        );
        let who = me(&app, &client).await.expect("signed in");
        assert_eq!(who["email"], format!("{login}@example.org"));
        assert_eq!(who["name"], name);
        assert_eq!(who["role"], role, "{login}");
        // The session is the usual one: signing out ends it.
        let r = client
            .post(app.url("/api/sign_out"))
            .header("accept", "application/json")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert!(me(&app, &client).await.is_none(), "{login} signed out");
    }
    // A second sign-in finds the same account (by the provider's subject).
    let (_, again) = sign_in(&app, "cora").await;
    assert_eq!(me(&app, &again).await.unwrap()["role"], "coordinator");

    // A token without the groups claim at all (the scope not granted; Entra ID leaves it out
    // for people in too many groups) says nothing about groups: the role stays.
    let mut config = app.stop().await;
    op.configure(&mut config);
    config.oidc_scopes = "openid email profile".into();
    let app = TestApp::start(config, std::time::Duration::ZERO).await;
    let (landed, client) = sign_in(&app, "cora").await;
    assert_eq!(landed, "/board");
    assert_eq!(me(&app, &client).await.unwrap()["role"], "coordinator");

    let admin_status = server_fn(&app, &admin(&app).await, "directory_status").await;
    let oidc = &admin_status["oidc"];
    assert_eq!(oidc["issuer"], op.issuer.as_str());
    assert_eq!(oidc["client_id"], "switchboard");
    assert!(oidc["redirect_url"]
        .as_str()
        .unwrap()
        .ends_with("/auth/oidc/callback"));
    assert!(
        !admin_status.to_string().contains("switchboard-test-secret"),
        "the client secret is never shown"
    );
    let created: Vec<_> = admin_status["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["action"] == "created")
        .map(|c| c["email"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        created.len(),
        3,
        "{created:?}: one account each, the second sign-in made none"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_with_the_verified_address_is_linked_and_its_password_stops() {
    let op = Provider::start();
    let app = TestApp::spawn_configured(false, |c| op.configure(c)).await;
    app.user("tina@example.org", Role::Requester).await;
    let (s, _, _) = page_sign_in(&app, "tina@example.org", PASSWORD).await;
    assert_eq!(s, 200, "the local password works before the link");

    let (landed, client) = sign_in(&app, "tina").await;
    assert_eq!(landed, "/work");
    let who = me(&app, &client).await.unwrap();
    assert_eq!(who["email"], "tina@example.org");
    assert_eq!(
        who["role"], "technician",
        "the group's role, read at sign-in"
    );
    assert!(changes(&app)
        .await
        .contains(&("tina@example.org".to_string(), "linked".to_string())));
    let (s, _, _) = page_sign_in(&app, "tina@example.org", PASSWORD).await;
    assert_eq!(s, 401, "a linked account opens through the provider only");

    // An admin's account is never taken over by an address at the provider.
    app.user("paul@example.org", Role::Admin).await;
    let (landed, client) = sign_in(&app, "paul").await;
    assert_eq!(landed, "/login?signin=conflict");
    assert!(me(&app, &client).await.is_none());
    let (s, _, _) = page_sign_in(&app, "paul@example.org", PASSWORD).await;
    assert_eq!(s, 200, "the admin keeps their password");

    // A deactivated account stays shut.
    app.user("rita@example.org", Role::Requester).await;
    let (_, rita) = sign_in(&app, "rita").await;
    let id = me(&app, &rita).await.unwrap()["id"].as_i64().unwrap();
    let admin = app.api_user("boss@example.net", Role::Admin).await;
    let r = admin
        .post(&format!("/users/{id}/deactivate"), serde_json::json!({}))
        .await;
    assert_eq!(r.status(), 204);
    assert!(me(&app, &rita).await.is_none(), "the session ended");
    let (landed, client) = sign_in(&app, "rita").await;
    assert_eq!(landed, "/login?signin=deactivated");
    assert!(me(&app, &client).await.is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_the_provider_did_not_verify_is_not_taken_unless_trusted() {
    let op = Provider::start();
    let app = TestApp::spawn_configured(false, |c| op.configure(c)).await;
    app.user("uma@example.org", Role::Requester).await;
    let (landed, client) = sign_in(&app, "uma").await;
    assert_eq!(landed, "/login?signin=unverified");
    assert!(me(&app, &client).await.is_none());
    assert!(
        changes(&app).await.is_empty(),
        "nobody created or linked by an unverified address"
    );

    // A desk whose provider assigns the addresses itself (Entra ID) may trust them.
    let trusting = TestApp::spawn_configured(false, |c| {
        op.configure(c);
        c.oidc_trust_email = true;
    })
    .await;
    let (landed, client) = sign_in(&trusting, "uma").await;
    assert_eq!(landed, "/work");
    assert_eq!(me(&trusting, &client).await.unwrap()["role"], "technician");

    // A desk whose provider has accounts for anyone (Google) admits its own domains only.
    let own = TestApp::spawn_configured(false, |c| {
        op.configure(c);
        c.oidc_email_domains = "example.net, @corp.example.net".into();
    })
    .await;
    let (landed, client) = sign_in(&own, "rita").await;
    assert_eq!(landed, "/login?signin=outside");
    assert!(me(&own, &client).await.is_none());
    assert!(changes(&own).await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_that_do_not_check_out_let_no_one_in() {
    let op = Provider::start();
    let app = TestApp::spawn_configured(false, |c| op.configure(c)).await;

    // ID tokens broken in one way each, signed by the provider's key unless the signature is
    // the broken part.
    for broken in ["expired", "wrong-aud", "bad-nonce", "bad-iss", "bad-sig"] {
        let (landed, client) = sign_in(&app, &format!("tina+{broken}")).await;
        assert_eq!(landed, "/login?signin=refused", "{broken}");
        assert!(me(&app, &client).await.is_none(), "{broken}");
    }
    assert!(
        changes(&app).await.is_empty(),
        "no account from a bad token"
    );

    // A state this browser did not start.
    let client = browser();
    let authorize = start(&app, &client).await;
    let query = at_provider(&client, authorize, "cora", "cora-pass").await;
    let forged = rewrite(&query, "state", "forged-state");
    assert_eq!(
        callback(&app, &client, &forged).await,
        "/login?signin=refused"
    );
    assert!(me(&app, &client).await.is_none());
    // Without the state at all (this browser's own code: only the state is wrong).
    let client2 = browser();
    let authorize = start(&app, &client2).await;
    let own = at_provider(&client2, authorize, "cora", "cora-pass").await;
    let without = drop_param(&own, "state");
    assert_eq!(
        callback(&app, &client2, &without).await,
        "/login?signin=refused"
    );
    assert!(me(&app, &client2).await.is_none());
    let client2 = browser();
    let authorize = start(&app, &client2).await;
    let _ = at_provider(&client2, authorize, "cora", "cora-pass").await;
    assert_eq!(
        callback(&app, &client2, &without).await,
        "/login?signin=refused"
    );

    // A browser that never started a sign-in (an attacker's answer sent to a victim).
    let stranger = browser();
    assert_eq!(
        callback(&app, &stranger, &query).await,
        "/login?signin=expired"
    );
    assert!(me(&app, &stranger).await.is_none());

    // A code used once: the same answer again, then that code under a fresh sign-in's state.
    let client = browser();
    let authorize = start(&app, &client).await;
    let used = at_provider(&client, authorize, "cora", "cora-pass").await;
    assert_eq!(callback(&app, &client, &used).await, "/board");
    let replay = browser();
    assert_eq!(
        callback(&app, &replay, &used).await,
        "/login?signin=expired"
    );
    let authorize = start(&app, &replay).await;
    let state = param(authorize.query().unwrap(), "state");
    let replayed = rewrite(&used, "state", &state);
    assert_eq!(
        callback(&app, &replay, &replayed).await,
        "/login?signin=refused"
    );
    assert!(me(&app, &replay).await.is_none());

    // A code issued to another application, brought back with this sign-in's state.
    let client = browser();
    let mut authorize = start(&app, &client).await;
    let pairs: Vec<(String, String)> = authorize
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == "client_id" {
                "other-app".into()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    authorize.query_pairs_mut().clear().extend_pairs(pairs);
    let foreign = at_provider(&client, authorize, "tina", "tina-pass").await;
    assert_eq!(
        callback(&app, &client, &foreign).await,
        "/login?signin=refused"
    );
    assert!(me(&app, &client).await.is_none());

    // An answer naming another issuer (a mix-up between providers).
    let client = browser();
    let authorize = start(&app, &client).await;
    let answer = at_provider(&client, authorize, "tina", "tina-pass").await;
    let mixed = rewrite(&answer, "iss", "https://evil.example.net");
    assert_eq!(
        callback(&app, &client, &mixed).await,
        "/login?signin=refused"
    );

    // Cancelled at the provider; and answers that are plain garbage.
    let client = browser();
    let authorize = start(&app, &client).await;
    let state = param(authorize.query().unwrap(), "state");
    let cancelled = format!("error=access_denied&state={state}");
    assert_eq!(
        callback(&app, &client, &cancelled).await,
        "/login?signin=cancelled"
    );
    let long = "x".repeat(20_000);
    for garbage in [
        "",
        "code=&state=",
        "code=%00&state=%00",
        "state=a&state=b&code=c",
        &format!("code={long}&state={long}"),
        "code=<script>alert(1)</script>&state=' OR 1=1 --",
    ] {
        let client = browser();
        let _ = start(&app, &client).await;
        let landed = callback(&app, &client, garbage).await;
        assert!(
            landed.starts_with("/login?signin="),
            "{garbage:.40}: {landed}"
        );
        assert!(me(&app, &client).await.is_none());
    }
    assert_eq!(
        changes(&app).await,
        [("cora@example.org".to_string(), "created".to_string())],
        "only the one sign-in that checked out made an account"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_provider_out_of_reach_or_not_configured_is_said_so() {
    let down = TestApp::spawn_configured(false, |c| {
        c.oidc_issuer = Some(format!("http://127.0.0.1:{}", crate::test_ca::free_port()));
        c.oidc_client_id = "switchboard".into();
    })
    .await;
    let client = browser();
    let r = client
        .get(down.url("/auth/oidc/start"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/login?signin=unavailable");
    // Password sign-in still works meanwhile.
    down.user("rita@example.org", Role::Requester).await;
    assert_eq!(
        page_sign_in(&down, "rita@example.org", PASSWORD).await.0,
        200
    );

    let none = TestApp::spawn().await;
    let r = browser()
        .get(none.url("/auth/oidc/start"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let options = server_fn(&none, &browser(), "sign_in_options").await;
    assert!(options["provider"].is_null());
}

fn pairs(query: &str) -> Vec<(String, String)> {
    Url::parse(&format!("http://x/?{query}"))
        .unwrap()
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn encode(pairs: impl IntoIterator<Item = (String, String)>) -> String {
    let mut url = Url::parse("http://x/").unwrap();
    url.query_pairs_mut().extend_pairs(pairs);
    url.query().unwrap_or_default().to_string()
}

fn param(query: &str, name: &str) -> String {
    pairs(query)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
        .unwrap_or_default()
}

fn rewrite(query: &str, name: &str, value: &str) -> String {
    let mut all = pairs(query);
    match all.iter_mut().find(|(k, _)| k == name) {
        Some(pair) => pair.1 = value.to_string(),
        None => all.push((name.to_string(), value.to_string())),
    }
    encode(all)
}

fn drop_param(query: &str, name: &str) -> String {
    encode(pairs(query).into_iter().filter(|(k, _)| k != name))
}
