//! Server-side request timings: a latency histogram per route, from the moment a request reaches
//! its route to the moment its response is ready (queueing in the kernel and the client's own time
//! are not in it). Recorded with the `metrics` crate, exported at `GET /metrics` by
//! `metrics-exporter-prometheus`, and read by `make bench` for its server-side percentiles.
//!
//! Each application has its own recorder rather than the process-wide one: the integration tests
//! and the benchmark start several applications in one process, and each must count only its own
//! requests (a global recorder can also be installed only once).
//!
//! A long poll's time spent waiting for a change is left out: its timing is the work done.

use metrics_exporter_prometheus::{
    Matcher, PrometheusBuilder, PrometheusHandle, PrometheusRecorder,
};
use std::sync::Arc;
use std::time::Duration;

pub const REQUEST_DURATION: &str = "switchboard_request_duration_seconds";

tokio::task_local! {
    /// Microseconds the request being timed has spent waiting for a change.
    static WAITED: std::sync::atomic::AtomicU64;
}

/// Counts `d` as waiting, not working, for the request being timed (if any).
pub fn waited(d: Duration) {
    let _ = WAITED.try_with(|w| {
        w.fetch_add(
            u64::try_from(d.as_micros()).unwrap_or(u64::MAX),
            std::sync::atomic::Ordering::Relaxed,
        )
    });
}

/// Runs a request, answering its output and the time it spent waiting for a change.
pub async fn leaving_out_waits<F: std::future::Future>(request: F) -> (F::Output, Duration) {
    WAITED
        .scope(Default::default(), async move {
            let out = request.await;
            let us = WAITED.with(|w| w.load(std::sync::atomic::Ordering::Relaxed));
            (out, Duration::from_micros(us))
        })
        .await
}

/// Bucket bounds in seconds: ten a decade (a factor of about 1.26) from 10 µs to 100 s, rounded
/// to three digits so the export reads well.
fn bounds() -> Vec<f64> {
    (0..=70)
        .map(|i| {
            let b = 10f64.powf(i as f64 / 10.0 - 5.0);
            let scale = 10f64.powi(2 - b.log10().floor() as i32);
            (b * scale).round() / scale
        })
        .collect()
}

/// This application's request histograms.
#[derive(Clone)]
pub struct Timings {
    recorder: Arc<PrometheusRecorder>,
    handle: PrometheusHandle,
}

impl std::fmt::Debug for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Timings").finish_non_exhaustive()
    }
}

impl Default for Timings {
    fn default() -> Self {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full(REQUEST_DURATION.into()), &bounds())
            .expect("the bucket bounds are not empty")
            .build_recorder();
        metrics::with_local_recorder(&recorder, || {
            metrics::describe_histogram!(
                REQUEST_DURATION,
                metrics::Unit::Seconds,
                "Time from a request reaching its route to its response being ready."
            )
        });
        let handle = recorder.handle();
        Timings {
            recorder: Arc::new(recorder),
            handle,
        }
    }
}

impl Timings {
    /// Counts one request to `route` (a route pattern or a server function's path: a bounded set).
    pub fn record(&self, route: String, d: Duration) {
        metrics::with_local_recorder(&*self.recorder, || {
            metrics::histogram!(REQUEST_DURATION, "route" => route).record(d)
        });
    }

    /// Moves recorded samples into the histograms; without it they pile up between exports.
    pub fn upkeep(&self) {
        self.handle.run_upkeep();
    }

    /// Prometheus text format: `switchboard_request_duration_seconds` per route.
    pub fn prometheus(&self) -> String {
        self.handle.render()
    }

    /// Every route's counts together, as exported now.
    pub fn snapshot(&self) -> Buckets {
        Buckets::parse(&self.prometheus())
    }
}

/// Cumulative request counts by bucket bound (seconds), summed over routes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Buckets(Vec<(f64, u64)>);

impl Buckets {
    /// Reads the request histogram's buckets from a Prometheus text export.
    pub fn parse(text: &str) -> Buckets {
        let prefix = format!("{REQUEST_DURATION}_bucket{{");
        let mut by_bound: Vec<(f64, u64)> = Vec::new();
        for line in text.lines().filter(|l| l.starts_with(&prefix)) {
            let parsed = line.rsplit_once("le=\"").and_then(|(_, rest)| {
                let (le, rest) = rest.split_once('"')?;
                let count = rest.rsplit(' ').next()?.parse::<u64>().ok()?;
                let le = if le == "+Inf" {
                    f64::INFINITY
                } else {
                    le.parse().ok()?
                };
                Some((le, count))
            });
            if let Some((le, count)) = parsed {
                match by_bound.iter_mut().find(|(b, _)| *b == le) {
                    Some((_, c)) => *c += count,
                    None => by_bound.push((le, count)),
                }
            }
        }
        by_bound.sort_by(|a, b| a.0.total_cmp(&b.0));
        Buckets(by_bound)
    }

    /// The counts since `earlier` (a benchmark measures one scenario at a time).
    pub fn since(&self, earlier: &Buckets) -> Buckets {
        Buckets(
            self.0
                .iter()
                .map(|&(le, c)| {
                    let before = earlier.0.iter().find(|(b, _)| *b == le).map_or(0, |e| e.1);
                    (le, c.saturating_sub(before))
                })
                .collect(),
        )
    }

    pub fn count(&self) -> u64 {
        self.0.last().map_or(0, |b| b.1)
    }

    /// The upper bound of the bucket holding the `q` quantile (within 26 % of the true value).
    pub fn quantile(&self, q: f64) -> Option<Duration> {
        let total = self.count();
        if total == 0 {
            return None;
        }
        let want = ((q.clamp(0.0, 1.0) * total as f64).ceil() as u64).max(1);
        let (le, _) = self.0.iter().find(|(_, c)| *c >= want)?;
        Duration::try_from_secs_f64(*le).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_come_from_the_bucket_bounds() {
        let t = Timings::default();
        assert_eq!(t.snapshot().quantile(0.5), None);
        for us in 1..=100u64 {
            t.record("/api/poll_board".into(), Duration::from_micros(us * 10));
        }
        let all = t.snapshot();
        assert_eq!(all.count(), 100);
        let p50 = all.quantile(0.5).unwrap().as_secs_f64() * 1e6;
        let p99 = all.quantile(0.99).unwrap().as_secs_f64() * 1e6;
        assert!((500.0..=500.0 * 1.27).contains(&p50), "{p50}");
        assert!((990.0..=990.0 * 1.27).contains(&p99), "{p99}");
        t.record("/api/poll_board".into(), Duration::from_secs(1));
        let later = t.snapshot().since(&all);
        assert_eq!(later.count(), 1);
        assert_eq!(later.quantile(0.5), Some(Duration::from_secs(1)));
    }

    #[test]
    fn routes_are_kept_apart_and_exported() {
        let t = Timings::default();
        t.record("/api/poll_board".into(), Duration::from_micros(40));
        t.record("/api/poll_board".into(), Duration::from_micros(60));
        t.record("/api/v1/tickets".into(), Duration::from_millis(3));
        let text = t.prometheus();
        assert!(
            text.contains(
                "switchboard_request_duration_seconds_count{route=\"/api/poll_board\"} 2"
            ),
            "{text}"
        );
        assert!(text.contains(
            "switchboard_request_duration_seconds_bucket{route=\"/api/v1/tickets\",le=\"+Inf\"} 1"
        ));
        assert_eq!(t.snapshot().count(), 3);
    }

    #[test]
    fn each_application_counts_its_own_requests() {
        let (a, b) = (Timings::default(), Timings::default());
        a.record("/healthz".into(), Duration::from_millis(1));
        assert_eq!(a.snapshot().count(), 1);
        assert_eq!(b.snapshot().count(), 0);
    }
}
