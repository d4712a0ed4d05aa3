//! What the throwaway servers of the tests share (Dovecot, OpenLDAP): a free loopback port, a
//! command that must succeed, and a certificate authority of the test's own with a server
//! certificate for 127.0.0.1, made by openssl. (Included by path at the root of `tests/api` and of
//! `src/bin/bench_mail.rs`, beside `dovecot.rs` and `slapd.rs`, which use it.)
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// Runs a command, failing the test with its error output when it fails.
pub fn run(cmd: &mut Command) {
    let out = cmd.output().expect("the command runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Writes `ca.pem` (a certificate authority of the test's own) and `server.pem` / `server.key`
/// (its certificate for 127.0.0.1) into `dir`: ECDSA P-256, valid two days.
pub fn certificates(dir: &Path) {
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    run(Command::new("openssl")
        .current_dir(dir)
        .args(["req", "-x509"])
        .args(ec)
        .args(["-keyout", "ca.key", "-out", "ca.pem", "-days", "2"])
        .args(["-subj", "/CN=Switchboard test CA"])
        .args(["-addext", "basicConstraints=critical,CA:TRUE"])
        .args(["-addext", "keyUsage=critical,keyCertSign,cRLSign"]));
    run(Command::new("openssl")
        .current_dir(dir)
        .arg("req")
        .args(ec)
        .args(["-keyout", "server.key", "-out", "server.csr"])
        .args(["-subj", "/CN=127.0.0.1"]));
    std::fs::write(
        dir.join("server.ext"),
        "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n",
    )
    .unwrap();
    run(Command::new("openssl")
        .current_dir(dir)
        .args(["x509", "-req", "-in", "server.csr", "-CA", "ca.pem"])
        .args(["-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem"])
        .args(["-days", "2", "-extfile", "server.ext"]));
}
