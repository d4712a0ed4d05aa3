//! Keeping a page current by polling: fast while the tab is visible, slow while hidden, and
//! backing off after failures. Only the browser polls; the server renders once. The board, the
//! technician's lists and the requester's ticket page poll long: the server holds each poll
//! until something changes (or `LONG_POLL_MS`), so a change shows at once and a quiet page asks
//! every 25 s.

/// How long a long poll may wait on the server (the server caps it at the same 25 s).
pub const LONG_POLL_MS: u32 = 25_000;

/// Calls `tick` repeatedly until the owning component is gone. `tick` returns whether the last
/// poll succeeded (false backs off) and whether to poll again at once (more changes waiting).
#[cfg(feature = "hydrate")]
pub fn poll<F, Fut>(visible_ms: u32, hidden_ms: u32, tick: F)
where
    F: Fn() -> Fut + 'static,
    Fut: std::future::Future<Output = (bool, bool)> + 'static,
{
    use crate::api::account::SignOut;
    use leptos::prelude::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let alive = Arc::new(AtomicBool::new(true));
    let stop = alive.clone();
    on_cleanup(move || stop.store(false, Ordering::Relaxed));
    // Someone signing out is no longer anyone the server answers: polls stop from the click
    // on, rather than be refused until the page changes.
    let sign_out = use_context::<ServerAction<SignOut>>();
    let signing_out = move || {
        sign_out.is_some_and(|a| {
            a.pending().try_get_untracked() == Some(true)
                || matches!(a.value().try_get_untracked(), Some(Some(Ok(()))))
        })
    };
    leptos::task::spawn_local(async move {
        let mut failures: u32 = 0;
        let mut wait = visible_ms;
        loop {
            gloo_timers::future::TimeoutFuture::new(wait).await;
            if !alive.load(Ordering::Relaxed) || signing_out() {
                break;
            }
            let hidden = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
            if hidden {
                wait = hidden_ms;
                continue;
            }
            // A page left while its poll waits on the server: drop the poll rather than let
            // it touch the page's signals, which are gone.
            let still = alive.clone();
            let Some((ok, again)) =
                while_still(tick(), move || still.load(Ordering::Relaxed)).await
            else {
                break;
            };
            failures = if ok { 0 } else { failures.saturating_add(1) };
            wait = if failures > 0 {
                (visible_ms
                    .max(1000)
                    .saturating_mul(2u32.saturating_pow(failures.min(5))))
                .min(30_000)
            } else if again {
                10
            } else {
                visible_ms
            };
        }
    });
}

#[cfg(not(feature = "hydrate"))]
pub fn poll<F, Fut>(_visible_ms: u32, _hidden_ms: u32, _tick: F)
where
    F: Fn() -> Fut + 'static,
    Fut: std::future::Future<Output = (bool, bool)> + 'static,
{
}

/// Awaits `request` while `still()` holds (checked every 250 ms): `None` once it stops holding,
/// so a long poll for something no longer shown (another ticket in the drawer) is not awaited.
pub async fn while_still<T>(
    request: impl std::future::Future<Output = T>,
    still: impl Fn() -> bool,
) -> Option<T> {
    use std::future::Future;
    use std::task::Poll;
    #[cfg(feature = "hydrate")]
    let gone = async move {
        while still() {
            gloo_timers::future::TimeoutFuture::new(250).await;
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let gone = {
        let _ = still;
        std::future::pending::<()>()
    };
    let (mut request, mut gone) = (std::pin::pin!(request), std::pin::pin!(gone));
    std::future::poll_fn(|cx| {
        if let Poll::Ready(out) = request.as_mut().poll(cx) {
            Poll::Ready(Some(out))
        } else if gone.as_mut().poll(cx).is_ready() {
            Poll::Ready(None)
        } else {
            Poll::Pending
        }
    })
    .await
}

/// Keeps text being typed in the browser's local storage, so it survives a reload or a failed
/// send.
pub fn save_draft(key: &str, text: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = if text.is_empty() {
            storage.remove_item(key)
        } else {
            storage.set_item(key, text)
        };
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (key, text);
}

pub fn load_draft(key: &str) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .and_then(|s| s.get_item(key).ok().flatten())
            .filter(|t| !t.is_empty())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = key;
        None
    }
}

pub fn forget_draft(key: &str) {
    save_draft(key, "");
}
