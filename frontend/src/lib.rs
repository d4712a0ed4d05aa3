//! The browser entry point: hydrate the server-rendered page and nothing else.

use wasm_bindgen::prelude::wasm_bindgen;

/// Reads the page's words, then hydrates the page as `leptos::mount::hydrate_lazy` does (a page's code may first have to be
/// fetched: the client is split by page), then marks it as interactive (`data-hydrated`, which
/// the browser tests wait for) once its page has hydrated too, not only the shell.
#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    let Some(body) = leptos::prelude::document().body() else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        // The page's words come first (the client carries no catalogue of its own). Without
        // them the page stays as the server wrote it: its links and forms work without us.
        if !app::i18n::words::fetch().await {
            leptos::logging::warn!("the page's words could not be read: not hydrated");
            return;
        }
        leptos::mount::hydrate_from_async(body.clone(), app::App)
            .await
            .forget();
        let _ = body.set_attribute("data-hydrated", "true");
    });
}
