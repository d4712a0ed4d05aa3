//! The attachment scenarios of `switchboard-bench`: a 5 MB file up and down (throughput, and the
//! growth of the server process's peak memory), then the board's first load and a ticket page
//! before and after 10,000 files are stored.

use super::{load, Conn, Stats, Target};
use app::server::db::{Db, NewAttachment};
use sha2::{Digest, Sha256};
use std::time::Instant;

const FIVE_MB: usize = 5 * 1024 * 1024;
const BOUNDARY: &str = "sb-bench-boundary";

/// A multipart body with one file of `size` bytes, different for every `seed` (so none is
/// stored once for another).
fn upload_body(seed: usize, size: usize) -> Vec<u8> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"capture-{seed}.log\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    let mut x = seed as u64 ^ 0x9e37_79b9_7f4a_7c15;
    body.reserve(size + 64);
    for _ in 0..size / 8 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        body.extend_from_slice(&x.to_le_bytes());
    }
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// The process's peak resident memory so far, in MB.
fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .unwrap_or(0.0)
        / 1024.0
}

/// The board's first load and one ticket's page, as a coordinator.
async fn pages(t: &Target, when: &str, number: &str) -> Vec<Stats> {
    let cookie = t.cookie.clone();
    let board = move |_: usize, _: usize| {
        (
            "POST".to_string(),
            "/api/get_board".to_string(),
            vec![
                ("cookie".to_string(), cookie.clone()),
                (
                    "content-type".to_string(),
                    "application/x-www-form-urlencoded".to_string(),
                ),
                ("accept".to_string(), "application/json".to_string()),
                ("accept-encoding".to_string(), "gzip".to_string()),
            ],
            Vec::new(),
        )
    };
    let cookie = t.cookie.clone();
    let path = format!("/tickets/{number}");
    let page = move |_: usize, _: usize| {
        (
            "GET".to_string(),
            path.clone(),
            vec![("cookie".to_string(), cookie.clone())],
            Vec::new(),
        )
    };
    vec![
        load(
            &format!("POST /api/get_board, first load (gzip), {when}"),
            &t.addr,
            1,
            30,
            board,
        )
        .await,
        load(
            &format!("GET /tickets/{{n}} page, {when}"),
            &t.addr,
            1,
            100,
            page,
        )
        .await,
    ]
}

pub async fn files(t: &Target) -> (Vec<Stats>, Vec<String>) {
    let mut notes = Vec::new();
    let number = "SB-1001";
    let mut rows = pages(t, "before 10,000 files", number).await;

    // Up: twenty different 5 MB files, one at a time, over one connection.
    let mut conn = Conn::open(&t.addr).await;
    let path = format!("/api/v1/tickets/{number}/attachments");
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let peak_before = peak_mb();
    let (mut up, mut ids) = (Vec::new(), Vec::new());
    for i in 0..20 {
        let body = upload_body(i, FIVE_MB);
        let started = Instant::now();
        let (status, out, _) = conn
            .request(
                "POST",
                &path,
                &[
                    ("authorization", t.bearer.as_str()),
                    ("content-type", content_type.as_str()),
                ],
                &body,
            )
            .await;
        up.push(started.elapsed());
        assert_eq!(status, 201, "{}", String::from_utf8_lossy(&out));
        let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
        ids.push(
            v["items"][0]["url"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
        );
    }
    let peak_up = peak_mb();
    // Down: each of them back.
    let mut down = Vec::new();
    for url in &ids {
        let started = Instant::now();
        let (status, out, _) = conn
            .request("GET", url, &[("authorization", t.bearer.as_str())], &[])
            .await;
        down.push(started.elapsed());
        assert!(
            status == 200 && out.len() == FIVE_MB,
            "{status} {}",
            out.len()
        );
    }
    let peak_down = peak_mb();
    let rate = |times: &mut Vec<std::time::Duration>| {
        times.sort();
        let p50 = times[times.len() / 2].as_secs_f64();
        (p50 * 1000.0, FIVE_MB as f64 / 1024.0 / 1024.0 / p50)
    };
    let (up_ms, up_rate) = rate(&mut up);
    let (down_ms, down_rate) = rate(&mut down);
    notes.push(format!(
        "5 MB upload: p50 {up_ms:.0} ms ({up_rate:.0} MB/s); download: p50 {down_ms:.0} ms \
         ({down_rate:.0} MB/s); peak memory of the process {peak_before:.0} MB before, \
         {peak_up:.0} MB after 20 uploads, {peak_down:.0} MB after 20 downloads"
    ));

    // 10,000 small files stored on a thousand tickets, then the same pages again.
    let started = Instant::now();
    let uploader = t.coordinator.id;
    let now = t.state.clock.now();
    let mut tx = t.state.db.begin_write().await.expect("tx");
    for i in 0..10_000u32 {
        let bytes: Vec<u8> = format!("line {i}\n").repeat(100).into_bytes();
        let sha = hex::encode(Sha256::digest(&bytes));
        let public_id = format!("{i:032x}");
        Db::insert_attachment(
            &mut tx,
            &NewAttachment {
                public_id: &public_id,
                ticket_id: i64::from(i % 1000) + 2,
                note_id: None,
                uploader_id: uploader,
                file_name: "seed.log",
                media_type: "text/plain; charset=utf-8",
                sha256: &sha,
                bytes: &bytes,
                internal: i % 3 == 0,
            },
            now,
        )
        .await
        .expect("attachment");
    }
    tx.commit().await.expect("commit");
    notes.push(format!(
        "stored 10,000 files on 1,000 tickets in {:.1} s",
        started.elapsed().as_secs_f64()
    ));
    rows.extend(pages(t, "after 10,000 files", "SB-1003").await);
    (rows, notes)
}
