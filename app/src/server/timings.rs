//! Server-side request timings: a latency histogram per route, from the moment a request reaches
//! the router to the moment its response is ready (queueing in the kernel and the client's own
//! time are not in it). Exported at `GET /metrics` in Prometheus' text format, and read by
//! `make bench` for its server-side percentiles.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// Buckets per decade of microseconds; bucket `i` holds durations up to 10^(i/STEPS) µs.
const STEPS: usize = 20;
/// 1 µs to 100 s.
const BUCKETS: usize = 8 * STEPS + 1;

fn bound_us(i: usize) -> f64 {
    10f64.powf(i as f64 / STEPS as f64)
}

fn bucket(d: Duration) -> usize {
    let us = d.as_secs_f64() * 1e6;
    if us <= 1.0 {
        return 0;
    }
    ((us.log10() * STEPS as f64).ceil() as usize).min(BUCKETS - 1)
}

/// Counts of requests per duration bucket, updated without locks.
#[derive(Debug)]
pub struct Histogram {
    counts: Vec<AtomicU64>,
    sum_ns: AtomicU64,
}

impl Default for Histogram {
    fn default() -> Self {
        Histogram {
            counts: (0..BUCKETS).map(|_| AtomicU64::new(0)).collect(),
            sum_ns: AtomicU64::new(0),
        }
    }
}

impl Histogram {
    pub fn record(&self, d: Duration) {
        self.counts[bucket(d)].fetch_add(1, Ordering::Relaxed);
        self.sum_ns
            .fetch_add(d.as_nanos().min(u64::MAX as u128) as u64, Ordering::Relaxed);
    }

    pub fn count(&self) -> u64 {
        self.counts.iter().map(|c| c.load(Ordering::Relaxed)).sum()
    }

    /// The upper bound of the bucket holding the `q` quantile (within 12 % of the true value).
    pub fn quantile(&self, q: f64) -> Option<Duration> {
        let total = self.count();
        if total == 0 {
            return None;
        }
        let want = ((q.clamp(0.0, 1.0) * total as f64).ceil() as u64).max(1);
        let mut seen = 0;
        for (i, c) in self.counts.iter().enumerate() {
            seen += c.load(Ordering::Relaxed);
            if seen >= want {
                return Some(Duration::from_secs_f64(bound_us(i) / 1e6));
            }
        }
        None
    }
}

/// Histograms by route (the route's pattern, or a server function's path).
#[derive(Clone, Debug, Default)]
pub struct Timings {
    routes: Arc<RwLock<HashMap<String, Arc<Histogram>>>>,
}

impl Timings {
    pub fn record(&self, route: &str, d: Duration) {
        /// Requests for made-up paths must not grow the map without end.
        const MOST_ROUTES: usize = 200;
        let found = self.routes.read().ok().and_then(|r| r.get(route).cloned());
        let histogram = match found {
            Some(h) => h,
            None => match self.routes.write() {
                Ok(mut r) => {
                    let key = if r.len() < MOST_ROUTES {
                        route
                    } else {
                        "other"
                    };
                    r.entry(key.to_string()).or_default().clone()
                }
                Err(_) => return,
            },
        };
        histogram.record(d);
    }

    pub fn route(&self, route: &str) -> Option<Arc<Histogram>> {
        self.routes.read().ok()?.get(route).cloned()
    }

    /// Every route's counts together.
    pub fn overall(&self) -> Histogram {
        let all = Histogram::default();
        if let Ok(routes) = self.routes.read() {
            for h in routes.values() {
                for (sum, c) in all.counts.iter().zip(&h.counts) {
                    sum.fetch_add(c.load(Ordering::Relaxed), Ordering::Relaxed);
                }
                all.sum_ns
                    .fetch_add(h.sum_ns.load(Ordering::Relaxed), Ordering::Relaxed);
            }
        }
        all
    }

    /// Forgets every count (a benchmark measures one scenario at a time).
    pub fn reset(&self) {
        if let Ok(mut r) = self.routes.write() {
            r.clear();
        }
    }

    /// Prometheus text format: `switchboard_request_duration_seconds` per route.
    pub fn prometheus(&self) -> String {
        let Ok(routes) = self.routes.read() else {
            return String::new();
        };
        let mut names: Vec<&String> = routes.keys().collect();
        names.sort();
        let mut out = String::from(
            "# HELP switchboard_request_duration_seconds Time from a request reaching the router to its response being ready.\n\
             # TYPE switchboard_request_duration_seconds histogram\n",
        );
        for name in names {
            let h = &routes[name];
            let label = name.replace('\\', "\\\\").replace('"', "\\\"");
            let mut cumulative = 0;
            // Every fourth bucket (a factor of about 1.6) keeps the export short.
            for (i, c) in h.counts.iter().enumerate() {
                cumulative += c.load(Ordering::Relaxed);
                if i % 4 == 0 {
                    out.push_str(&format!(
                        "switchboard_request_duration_seconds_bucket{{route=\"{label}\",le=\"{:e}\"}} {cumulative}\n",
                        bound_us(i) / 1e6
                    ));
                }
            }
            out.push_str(&format!(
                "switchboard_request_duration_seconds_bucket{{route=\"{label}\",le=\"+Inf\"}} {cumulative}\n\
                 switchboard_request_duration_seconds_sum{{route=\"{label}\"}} {}\n\
                 switchboard_request_duration_seconds_count{{route=\"{label}\"}} {cumulative}\n",
                h.sum_ns.load(Ordering::Relaxed) as f64 / 1e9
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_come_from_the_bucket_bounds() {
        let h = Histogram::default();
        assert_eq!(h.quantile(0.5), None);
        for us in 1..=100u64 {
            h.record(Duration::from_micros(us * 10));
        }
        let p50 = h.quantile(0.5).unwrap().as_secs_f64() * 1e6;
        let p99 = h.quantile(0.99).unwrap().as_secs_f64() * 1e6;
        assert!((500.0..=500.0 * 1.13).contains(&p50), "{p50}");
        assert!((990.0..=990.0 * 1.13).contains(&p99), "{p99}");
        assert_eq!(h.count(), 100);
    }

    #[test]
    fn routes_are_kept_apart_and_exported() {
        let t = Timings::default();
        t.record("/api/poll_board", Duration::from_micros(40));
        t.record("/api/poll_board", Duration::from_micros(60));
        t.record("/api/v1/tickets", Duration::from_millis(3));
        assert_eq!(t.route("/api/poll_board").unwrap().count(), 2);
        let text = t.prometheus();
        assert!(text
            .contains("switchboard_request_duration_seconds_count{route=\"/api/poll_board\"} 2"));
        assert!(text.contains(
            "switchboard_request_duration_seconds_bucket{route=\"/api/v1/tickets\",le=\"+Inf\"} 1"
        ));
        t.reset();
        assert!(t.route("/api/poll_board").is_none());
    }
}
