//! Webhooks: other tools hear about tickets. An admin registers an address, the events it wants and
//! a secret; each event is written as a delivery in the transaction of the change that caused it
//! (`TicketWrite::tell`), and a worker sends it: a JSON body (the event and the ticket as the API
//! shows it to staff) signed with HMAC-SHA256 over a timestamp and the body, retried with back-off
//! for more than a day, once per event, in order per ticket. Only `https://` addresses that resolve
//! to public addresses are reached, unless the desk allows plain HTTP or a host for a lab; the
//! address checked is the one connected to, redirects are not followed, and answers are read only
//! as far as a short excerpt.

use super::db::{Conn, Db, DeliveryRow, DueDelivery, WebhookRow};
use super::state::{AppState, Settings};
use crate::domain::sla::Rule;
use crate::domain::{NoteVisibility, Status, Ticket, TicketEvent, User};
use crate::error::AppError;
use crate::i18n::Locale;
use chrono::{DateTime, Duration, Utc};
use serde_json::json;
use std::net::{IpAddr, SocketAddr};

pub use crate::domain::webhook::{EVENTS, FORMATS};

/// What outbound requests may reach, beyond public `https://` addresses.
#[derive(Clone, Debug, Default)]
pub struct Outbound {
    /// Plain `http://` too (a lab).
    pub allow_http: bool,
    /// Hosts (names or addresses, lower case) that may resolve to internal addresses.
    pub allow_hosts: Vec<String>,
}

/// How long a claimed delivery is reserved for the worker that claimed it.
const LEASE_SECONDS: i64 = 60;
/// Attempts before a delivery is given up on: with the back-off, about 32 hours.
const MAX_ATTEMPTS: i64 = 16;
/// How much of a receiver's answer is kept.
const RESPONSE_EXCERPT: usize = 1024;
const URL_MAX: usize = 2000;

/// The webhook events a ticket's change raises.
pub fn event_names(event: &TicketEvent) -> Vec<&'static str> {
    match event {
        TicketEvent::Created { .. } => vec!["ticket.filed"],
        TicketEvent::Assigned { .. } => vec!["ticket.assigned"],
        TicketEvent::Status { to, .. } if *to == Status::Resolved => {
            vec!["ticket.status_changed", "ticket.resolved"]
        }
        TicketEvent::Status { .. } => vec!["ticket.status_changed"],
        TicketEvent::Priority { .. } => vec!["ticket.priority_changed"],
        TicketEvent::Escalated { .. } => vec!["ticket.escalated"],
        TicketEvent::Sla { rule, .. } => match Rule::parse(rule) {
            Ok(r) if r.percent >= 100 => vec!["ticket.sla_breached"],
            Ok(_) => vec!["ticket.sla_at_risk"],
            Err(_) => Vec::new(),
        },
        TicketEvent::Note { visibility, .. } => match visibility {
            NoteVisibility::Public => vec!["ticket.note_public"],
            NoteVisibility::Internal => vec!["ticket.note_internal"],
        },
        _ => Vec::new(),
    }
}

/// Slack reads `&`, `<` and `>` as markup (links, `<!channel>` mentions): a title shows them.
fn slack_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// What a chat channel shows of `event` on ticket `t`: the event, the ticket's number and title,
/// its priority and status, and a link to it, in the desk's language. The title goes where the
/// channel shows it as plain text, so no one files a ticket that mentions a whole channel.
fn chat_message(format: &str, event: &str, t: &Ticket, settings: &Settings) -> serde_json::Value {
    let locale = Locale::new(settings.default_language, settings.time_zone);
    let what =
        crate::domain::webhook::event_key(event).map_or_else(|| event.to_string(), |k| locale.t(k));
    let link = format!("{}/tickets/{}", settings.public_url, t.number);
    let (priority, status) = (
        locale.t(t.priority.label_key()),
        locale.t(t.status.label_key()),
    );
    let (priority_name, status_name) = (
        locale.t("webhook-card-priority"),
        locale.t("webhook-card-status"),
    );
    let named = format!("{} {}", t.number, t.title);
    match format {
        "slack" => json!({
            "text": slack_text(&format!("{what}: {named}")),
            "blocks": [
                {"type": "section", "text": {"type": "mrkdwn", "text": format!(
                    "*{}*\n<{link}|{}>", slack_text(&what), slack_text(&named)
                )}},
                {"type": "context", "elements": [{"type": "mrkdwn", "text": slack_text(&format!(
                    "{priority_name}: {priority} \u{00b7} {status_name}: {status}"
                ))}]},
            ],
        }),
        _ => json!({
            "type": "message",
            "attachments": [{
                "contentType": "application/vnd.microsoft.card.adaptive",
                "content": {
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "type": "AdaptiveCard",
                    "version": "1.4",
                    "body": [
                        {"type": "TextBlock", "text": what, "weight": "Bolder", "wrap": true},
                        // A text run is never read as Markdown, unlike a text block.
                        {"type": "RichTextBlock", "inlines": [{"type": "TextRun", "text": named}]},
                        {"type": "FactSet", "facts": [
                            {"title": priority_name, "value": priority},
                            {"title": status_name, "value": status},
                        ]},
                    ],
                    "actions": [{"type": "Action.OpenUrl", "title": locale.t("mail-open-ticket"), "url": link}],
                },
            }],
        }),
    }
}

/// Writes a delivery for each webhook that wants one of `events` of ticket `ticket_id` (now
/// `ticket`), in the change's transaction: they go out only if the change commits. The body is
/// written as it will be sent, so the deliveries an admin reads are what the receiver got.
pub async fn enqueue(
    conn: &mut Conn,
    settings: &Settings,
    ticket_id: i64,
    ticket: &Ticket,
    events: &[TicketEvent],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let names: Vec<&str> = events.iter().flat_map(event_names).collect();
    if names.is_empty() {
        return Ok(());
    }
    let hooks = Db::webhooks_in(conn).await?;
    if hooks.is_empty() {
        return Ok(());
    }
    let shown = super::ticket_json::ticket_json(ticket, now);
    for name in names {
        for hook in hooks.iter().filter(|h| h.events.iter().any(|e| e == name)) {
            let body = match hook.format.as_str() {
                "json" => json!({
                    "event": name,
                    "occurred_at": now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                    "ticket": shown,
                }),
                chat => chat_message(chat, name, ticket, settings),
            }
            .to_string();
            Db::insert_delivery(conn, hook.id, ticket_id, name, &body, now).await?;
        }
    }
    Ok(())
}

/// HMAC-SHA256 (RFC 2104) of `message` under `key`.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    const BLOCK: usize = 64;
    let mut k = [0u8; BLOCK];
    if key.len() > BLOCK {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(k.map(|b| b ^ 0x36));
    inner.update(message);
    let inner = inner.finalize();
    let mut outer = Sha256::new();
    outer.update(k.map(|b| b ^ 0x5c));
    outer.update(inner);
    outer.finalize().into()
}

/// The `Switchboard-Signature` header of `body` sent at `at`: `t=<unix seconds>,v1=<hex HMAC of
/// "<t>.<body>">`, so a receiver checks both and refuses an old one replayed.
pub fn signature(secret: &str, at: DateTime<Utc>, body: &str) -> String {
    let t = at.timestamp();
    let mac = hmac_sha256(secret.as_bytes(), format!("{t}.{body}").as_bytes());
    format!("t={t},v1={}", hex::encode(mac))
}

/// Whether an address is one outbound requests must not reach unless allowed: loopback, private,
/// link-local (cloud metadata), shared, unique-local, multicast and reserved ranges, and an IPv4
/// address of those inside an IPv6 one (mapped, compatible, NAT64 or 6to4).
pub fn internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(a) => {
            let [o0, o1, o2, _] = a.octets();
            a.is_loopback()
                || a.is_private()
                || a.is_link_local()
                || a.is_unspecified()
                || a.is_broadcast()
                || a.is_multicast()
                || a.is_documentation()
                || o0 == 0
                || o0 >= 240
                || (o0 == 100 && (o1 & 0xc0) == 64)
                || (o0 == 198 && (o1 & 0xfe) == 18)
                // IETF protocol assignments (192.0.0.0/24) and the 6to4 relays (192.88.99.0/24).
                || (o0 == 192 && o1 == 0 && o2 == 0)
                || (o0 == 192 && o1 == 88 && o2 == 99)
        }
        IpAddr::V6(a) => {
            let s = a.segments();
            a.is_loopback()
                || a.is_unspecified()
                || a.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80
                || (s[0] == 0x64 && s[1] == 0xff9b)
                || (s[0] == 0x2001 && s[1] == 0xdb8)
                // Teredo tunnels (2001::/32) carry their IPv4 end hidden.
                || (s[0] == 0x2001 && s[1] == 0)
                // 6to4 (2002::/16): the IPv4 address is the next 32 bits.
                || (s[0] == 0x2002 && {
                    let [hi, lo] = [s[1].to_be_bytes(), s[2].to_be_bytes()];
                    internal(IpAddr::V4(std::net::Ipv4Addr::new(hi[0], hi[1], lo[0], lo[1])))
                })
                // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d).
                || a.to_ipv4().is_some_and(|v4| internal(IpAddr::V4(v4)))
        }
    }
}

impl Outbound {
    /// Where `url` may be reached: its addresses, each checked, or why not (a catalogue key).
    pub async fn resolve(&self, url: &str) -> Result<(reqwest::Url, Vec<SocketAddr>), String> {
        let parsed = reqwest::Url::parse(url.trim()).map_err(|_| "err-webhook-url".to_string())?;
        match parsed.scheme() {
            "https" => {}
            "http" if self.allow_http => {}
            _ => return Err("err-webhook-https".into()),
        }
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err("err-webhook-credentials".into());
        }
        let host = parsed
            .host_str()
            .ok_or_else(|| "err-webhook-url".to_string())?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_lowercase();
        let port = parsed
            .port_or_known_default()
            .filter(|port| *port != 0)
            .ok_or_else(|| "err-webhook-url".to_string())?;
        let addrs: Vec<SocketAddr> = match host.parse::<IpAddr>() {
            Ok(ip) => vec![SocketAddr::new(ip, port)],
            Err(_) => tokio::time::timeout(
                std::time::Duration::from_secs(5),
                tokio::net::lookup_host((host.as_str(), port)),
            )
            .await
            .map_err(|_| "err-webhook-resolve".to_string())?
            .map_err(|_| "err-webhook-resolve".to_string())?
            .collect(),
        };
        if addrs.is_empty() {
            return Err("err-webhook-resolve".into());
        }
        let allowed = self.allow_hosts.contains(&host);
        if !allowed && addrs.iter().any(|a| internal(a.ip())) {
            return Err("err-webhook-internal".into());
        }
        Ok((parsed, addrs))
    }
}

/// What a receiver answered: its status (none when it could not be reached) and an excerpt.
struct Answer {
    ok: bool,
    status: Option<i64>,
    text: String,
}

/// Sends one delivery to the addresses checked for it.
async fn send(outbound: &Outbound, d: &DueDelivery, at: DateTime<Utc>) -> Answer {
    let unreachable = |text: String| Answer {
        ok: false,
        status: None,
        text,
    };
    let (url, addrs) = match outbound.resolve(&d.url).await {
        Ok(found) => found,
        Err(key) => return unreachable(key),
    };
    let mut client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(std::time::Duration::from_secs(5))
        .timeout(std::time::Duration::from_secs(10))
        .user_agent("Switchboard-Webhooks/1");
    if let Some(host) = url.host_str() {
        // Connect to exactly the addresses checked, not to what a second lookup might say.
        client = client.resolve_to_addrs(host, &addrs);
    }
    let client = match client.build() {
        Ok(c) => c,
        Err(_) => return unreachable("err-webhook-request".to_string()),
    };
    let sent = client
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header("Switchboard-Event", d.event.as_str())
        .header("Switchboard-Delivery", d.id.to_string())
        .header("Switchboard-Signature", signature(&d.secret, at, &d.body))
        .body(d.body.clone())
        .send()
        .await;
    let mut response = match sent {
        Ok(r) => r,
        Err(e) => return unreachable(without_url(&e)),
    };
    let status = response.status();
    let mut excerpt = Vec::new();
    while excerpt.len() < RESPONSE_EXCERPT {
        match response.chunk().await {
            Ok(Some(chunk)) => excerpt.extend_from_slice(&chunk),
            _ => break,
        }
    }
    excerpt.truncate(RESPONSE_EXCERPT);
    Answer {
        ok: status.is_success(),
        status: Some(i64::from(status.as_u16())),
        text: String::from_utf8_lossy(&excerpt).into_owned(),
    }
}

/// Why a request failed, as a catalogue key (never the address, which may carry a token).
fn without_url(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "err-webhook-timeout"
    } else if e.is_connect() {
        "err-webhook-connect"
    } else {
        "err-webhook-request"
    }
    .to_string()
}

/// Sends every due delivery. Returns how many went out.
pub async fn deliver_due(state: &AppState) -> Result<usize, AppError> {
    let now = state.clock.now();
    let due = state.db.due_deliveries(now, 50).await?;
    let mut sent = 0;
    for d in due {
        if !state
            .db
            .claim_delivery(d.id, now, now + Duration::seconds(LEASE_SECONDS))
            .await?
        {
            continue;
        }
        let answer = send(&state.settings.outbound, &d, state.clock.now()).await;
        let now = state.clock.now();
        let retry_at = (!answer.ok && d.attempts + 1 < MAX_ATTEMPTS)
            .then(|| now + super::mail::backoff(d.attempts));
        if answer.ok {
            sent += 1;
        } else {
            tracing::info!(delivery = d.id, status = ?answer.status, "webhook delivery failed");
        }
        state
            .db
            .delivery_attempted(d.id, answer.ok, retry_at, answer.status, &answer.text, now)
            .await?;
    }
    Ok(sent)
}

// ---- administration ------------------------------------------------------------------------------

fn admin(actor: &User) -> Result<(), AppError> {
    if actor.role == crate::domain::Role::Admin {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A webhook as an admin writes it.
#[derive(Clone, Debug, Default)]
pub struct WebhookDraft {
    pub url: String,
    pub events: Vec<String>,
    pub format: Option<String>,
    /// A secret of the admin's choosing; none: Switchboard makes one (on creation) or keeps the
    /// current one (on a change).
    pub secret: Option<String>,
}

/// Checks a draft: the address (reachable as the rules allow), known events, a known format and a
/// secret long enough. Returns the events and format to store.
async fn check(state: &AppState, draft: &WebhookDraft) -> Result<(Vec<String>, String), AppError> {
    let url = draft.url.trim();
    if url.is_empty() {
        return Err(AppError::field("url", "err-webhook-url"));
    }
    if url.len() > URL_MAX {
        return Err(AppError::field("url", "err-webhook-url"));
    }
    // An address is one line without spaces (a parser would drop a line break quietly and the
    // address stored would not be the one checked).
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(AppError::field("url", "err-webhook-url"));
    }
    state
        .settings
        .outbound
        .resolve(url)
        .await
        .map_err(|key| AppError::field("url", key))?;
    let mut events: Vec<String> = Vec::new();
    for e in &draft.events {
        let e = e.trim();
        if !EVENTS.contains(&e) {
            return Err(AppError::field("events", "err-webhook-event"));
        }
        if !events.iter().any(|k| k == e) {
            events.push(e.to_string());
        }
    }
    if events.is_empty() {
        return Err(AppError::field("events", "err-webhook-no-events"));
    }
    let format = draft.format.as_deref().unwrap_or("json").trim();
    if !FORMATS.contains(&format) {
        return Err(AppError::field("format", "err-webhook-format"));
    }
    if let Some(secret) = &draft.secret {
        if secret.len() < 16 || secret.len() > 200 {
            return Err(AppError::field("secret", "err-webhook-secret"));
        }
    }
    Ok((events, format.to_string()))
}

/// Registers a webhook; returns it with its secret, shown this once.
pub async fn create(
    state: &AppState,
    actor: &User,
    draft: WebhookDraft,
) -> Result<WebhookRow, AppError> {
    admin(actor)?;
    let (events, format) = check(state, &draft).await?;
    let secret = draft.secret.unwrap_or_else(|| super::auth::new_token().0);
    let id = state
        .db
        .insert_webhook(
            draft.url.trim(),
            &secret,
            &events,
            &format,
            actor.id,
            state.clock.now(),
        )
        .await?;
    tracing::info!(webhook = id, "webhook registered");
    state.db.webhook(id).await?.ok_or(AppError::Internal)
}

pub async fn list(state: &AppState, actor: &User) -> Result<Vec<WebhookRow>, AppError> {
    admin(actor)?;
    state.db.webhooks().await
}

pub async fn get(state: &AppState, actor: &User, id: i64) -> Result<WebhookRow, AppError> {
    admin(actor)?;
    state.db.webhook(id).await?.ok_or(AppError::NotFound)
}

pub async fn update(
    state: &AppState,
    actor: &User,
    id: i64,
    draft: WebhookDraft,
) -> Result<WebhookRow, AppError> {
    admin(actor)?;
    let (events, format) = check(state, &draft).await?;
    if !state
        .db
        .update_webhook(
            id,
            draft.url.trim(),
            &events,
            &format,
            draft.secret.as_deref(),
        )
        .await?
    {
        return Err(AppError::NotFound);
    }
    state.db.webhook(id).await?.ok_or(AppError::NotFound)
}

pub async fn delete(state: &AppState, actor: &User, id: i64) -> Result<(), AppError> {
    admin(actor)?;
    if state.db.delete_webhook(id).await? {
        tracing::info!(webhook = id, "webhook removed");
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// A webhook's latest deliveries (at most 100), the newest first.
pub async fn deliveries(
    state: &AppState,
    actor: &User,
    id: i64,
) -> Result<Vec<DeliveryRow>, AppError> {
    get(state, actor, id).await?;
    state.db.deliveries(id, 100).await
}

/// Sends a delivery again, as soon as the worker gets to it.
/// Every webhook with its latest deliveries, as the admin page shows them.
pub async fn overview(
    state: &AppState,
    actor: &User,
) -> Result<Vec<crate::types::WebhookView>, AppError> {
    let mut shown = Vec::new();
    for w in list(state, actor).await? {
        let deliveries = state.db.deliveries(w.id, 20).await?;
        let mut v = view(w, false);
        v.deliveries = deliveries.into_iter().map(delivery_view).collect();
        shown.push(v);
    }
    Ok(shown)
}

/// A webhook as its admin page shows it; the secret only when `with_secret` (just created).
pub fn view(w: WebhookRow, with_secret: bool) -> crate::types::WebhookView {
    crate::types::WebhookView {
        id: w.id,
        url: w.url,
        events: w.events,
        format: w.format,
        created_at: w.created_at,
        secret: with_secret.then_some(w.secret),
        deliveries: Vec::new(),
    }
}

/// A delivery as the admin page shows it: without an answer, `response` is the catalogue key of
/// what kept it from arriving.
pub fn delivery_view(d: DeliveryRow) -> crate::types::DeliveryView {
    crate::types::DeliveryView {
        id: d.id,
        event: d.event,
        status: d.status,
        attempts: d.attempts,
        response_status: d.response_status,
        response: d.response,
        created_at: d.created_at,
        sent_at: d.sent_at,
    }
}

pub async fn resend(
    state: &AppState,
    actor: &User,
    id: i64,
    delivery: i64,
) -> Result<(), AppError> {
    admin(actor)?;
    if state
        .db
        .resend_delivery(id, delivery, state.clock.now())
        .await?
    {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231() {
        // Test case 2: a short key.
        assert_eq!(
            hex::encode(hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Test case 6: a key longer than the block is hashed first.
        assert_eq!(
            hex::encode(hmac_sha256(
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            )),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn internal_addresses_are_named() {
        for a in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fe80::1",
            "fd00:ec2::254",
            "::ffff:127.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "192.0.0.1",
            "192.0.0.8",
            "192.88.99.1",
            "2002:7f00:1::",
            "2002:a9fe:a9fe::",
            "2002:c0a8:101::1",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2",
            "::127.0.0.1",
            "::a9fe:a9fe",
        ] {
            assert!(internal(a.parse().unwrap()), "{a}");
        }
        for a in [
            "93.184.216.34",
            "1.1.1.1",
            "2606:4700:4700::1111",
            // 6to4 of a public address.
            "2002:5db8:d822::1",
        ] {
            assert!(!internal(a.parse().unwrap()), "{a}");
        }
    }

    #[test]
    fn every_event_a_ticket_change_raises_is_one_a_webhook_can_ask_for() {
        let events = [
            TicketEvent::Created {
                status: Status::New,
                via: "web".into(),
            },
            TicketEvent::Status {
                from: Status::InProgress,
                to: Status::Resolved,
                waiting_on: None,
                why: None,
            },
            TicketEvent::Escalated {
                to: None,
                why: "stuck".into(),
            },
            TicketEvent::Note {
                id: 1,
                visibility: NoteVisibility::Internal,
            },
        ];
        let names: Vec<&str> = events.iter().flat_map(event_names).collect();
        assert_eq!(
            names,
            [
                "ticket.filed",
                "ticket.status_changed",
                "ticket.resolved",
                "ticket.escalated",
                "ticket.note_internal"
            ]
        );
        assert!(names.iter().all(|n| EVENTS.contains(n)));
    }

    #[test]
    fn slack_markup_in_a_title_is_shown_not_read() {
        assert_eq!(
            slack_text("<!here> & <a|b>"),
            "&lt;!here&gt; &amp; &lt;a|b&gt;"
        );
    }
}
