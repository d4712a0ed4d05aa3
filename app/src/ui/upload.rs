//! Choosing files in the browser, when JavaScript runs: each chosen file is listed with its size
//! and a remove button before anything is sent, and a photo is shrunk to at most 2,560 px on its
//! longest side (which also drops its EXIF) so a phone does not upload 12 MB over the air.
//!
//! Without JavaScript the same inputs post as a plain multipart form (the ticket page) or are not
//! shown (the request form, whose files are attached on the ticket page that follows).

use crate::domain::attachment::{size_words, MAX_FILES_PER_POST};
use crate::ui::use_locale;
use leptos::prelude::*;

/// A chosen file as the page lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Chosen {
    pub id: u32,
    pub name: String,
    pub size: f64,
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::*;
    use std::cell::RefCell;
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{Blob, File, FilePropertyBag};

    /// The longest side a photo keeps.
    const PHOTO_MAX_PX: u32 = 2560;

    thread_local! {
        /// The files chosen on this page, in order, with their list ids.
        static FILES: RefCell<Vec<(u32, File)>> = const { RefCell::new(Vec::new()) };
        /// Files chosen on the request form, waiting for the ticket filed from it.
        static PENDING: RefCell<Vec<File>> = const { RefCell::new(Vec::new()) };
        static NEXT: RefCell<u32> = const { RefCell::new(0) };
    }

    pub fn clear() {
        FILES.with(|f| f.borrow_mut().clear());
    }

    pub fn remove(id: u32) {
        FILES.with(|f| f.borrow_mut().retain(|(i, _)| *i != id));
    }

    pub fn listed() -> Vec<Chosen> {
        FILES.with(|f| {
            f.borrow()
                .iter()
                .map(|(id, file)| Chosen {
                    id: *id,
                    name: file.name(),
                    size: file.size(),
                })
                .collect()
        })
    }

    /// Keeps the chosen files for the ticket the request form is about to file.
    pub fn keep_for_filing() {
        let files: Vec<File> = FILES.with(|f| f.borrow().iter().map(|(_, f)| f.clone()).collect());
        PENDING.with(|p| *p.borrow_mut() = files);
    }

    pub fn chosen_files() -> Vec<File> {
        FILES.with(|f| f.borrow().iter().map(|(_, f)| f.clone()).collect())
    }

    pub fn take_pending() -> Vec<File> {
        PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()))
    }

    /// Adds the files of an input (photos shrunk first), then empties the input so the same file
    /// may be chosen again after a removal.
    pub async fn add_from(input: web_sys::HtmlInputElement) {
        let Some(list) = input.files() else { return };
        let files: Vec<File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        input.set_value("");
        for file in files {
            let file = shrink(file.clone()).await.unwrap_or(file);
            let id = NEXT.with(|n| {
                let mut n = n.borrow_mut();
                *n += 1;
                *n
            });
            FILES.with(|f| f.borrow_mut().push((id, file)));
        }
    }

    /// A photo larger than `PHOTO_MAX_PX` redrawn at that size as a JPEG; other files as they are.
    async fn shrink(file: File) -> Result<File, JsValue> {
        let kind = file.type_();
        if !matches!(kind.as_str(), "image/jpeg" | "image/png" | "image/webp") {
            return Ok(file);
        }
        let window = web_sys::window().ok_or(JsValue::NULL)?;
        let bitmap: web_sys::ImageBitmap =
            JsFuture::from(window.create_image_bitmap_with_blob(&file)?)
                .await?
                .dyn_into()?;
        let (w, h) = (bitmap.width(), bitmap.height());
        let longest = w.max(h);
        if longest <= PHOTO_MAX_PX {
            return Ok(file);
        }
        let scale = f64::from(PHOTO_MAX_PX) / f64::from(longest);
        let (nw, nh) = (
            (f64::from(w) * scale).round() as u32,
            (f64::from(h) * scale).round() as u32,
        );
        let document = window.document().ok_or(JsValue::NULL)?;
        let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
        canvas.set_width(nw);
        canvas.set_height(nh);
        let context: web_sys::CanvasRenderingContext2d =
            canvas.get_context("2d")?.ok_or(JsValue::NULL)?.dyn_into()?;
        context.draw_image_with_image_bitmap_and_dw_and_dh(
            &bitmap,
            0.0,
            0.0,
            f64::from(nw),
            f64::from(nh),
        )?;
        let encoded = js_sys::Promise::new(&mut |resolve, _reject| {
            let done = Closure::once_into_js(move |blob: JsValue| {
                let _ = resolve.call1(&JsValue::NULL, &blob);
            });
            let _ = canvas.to_blob_with_type_and_encoder_options(
                done.unchecked_ref(),
                "image/jpeg",
                &JsValue::from_f64(0.85),
            );
        });
        let blob: Blob = JsFuture::from(encoded).await?.dyn_into()?;
        let stem = file
            .name()
            .rsplit_once('.')
            .map(|(s, _)| s.to_string())
            .unwrap_or_else(|| file.name());
        let options = FilePropertyBag::new();
        options.set_type("image/jpeg");
        File::new_with_blob_sequence_and_options(
            &js_sys::Array::of1(&blob),
            &format!("{stem}.jpg"),
            &options,
        )
    }

    /// Posts `files` to a ticket (with the other fields of `form`, when given) as the page's
    /// form would; answers the address the server sent the browser on to.
    pub async fn post(
        number: &str,
        files: Vec<File>,
        form: Option<web_sys::HtmlFormElement>,
        visibility: Option<&str>,
    ) -> Result<String, JsValue> {
        let data = match &form {
            Some(f) => web_sys::FormData::new_with_form(f)?,
            None => web_sys::FormData::new()?,
        };
        data.delete("file");
        for file in &files {
            data.append_with_blob_and_filename("file", file, &file.name())?;
        }
        if let Some(v) = visibility {
            data.set_with_str("visibility", v)?;
        }
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_body(&data);
        let headers = web_sys::Headers::new()?;
        headers.set("accept", "text/html")?;
        init.set_headers(&headers);
        let window = web_sys::window().ok_or(JsValue::NULL)?;
        let url = format!("/api/v1/tickets/{number}/attachments");
        let response: web_sys::Response =
            JsFuture::from(window.fetch_with_str_and_init(&url, &init))
                .await?
                .dyn_into()?;
        Ok(response.url())
    }

    /// Sends the browser to `url` with a full load (the page shows what the server now holds).
    pub fn go(url: &str) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().assign(url);
        }
    }
}

#[cfg(feature = "hydrate")]
pub use browser::{chosen_files, go, post, take_pending};

/// The file inputs and, once JavaScript runs, the list of chosen files with their sizes and a
/// remove button each. `named` inputs post with a plain form when JavaScript does not run.
#[component]
pub fn FilePicker(max_mb: u64, named: bool) -> impl IntoView {
    let loc = use_locale();
    let chosen = RwSignal::new(Vec::<Chosen>::new());
    let too_many = move || chosen.with(|c| c.len() > MAX_FILES_PER_POST);
    // `max_mb` 0: the limit is the server's to tell (the request form).
    let too_large = move || {
        chosen.with(|c| {
            c.iter()
                .find(|f| max_mb > 0 && f.size > (max_mb * 1024 * 1024) as f64)
                .map(|f| f.name.clone())
        })
    };
    // A fresh form starts with nothing chosen, and nothing left waiting from a form that was
    // left without filing.
    #[cfg(feature = "hydrate")]
    {
        browser::clear();
        if !named {
            browser::keep_for_filing();
        }
    }
    let added = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let input: Option<web_sys::HtmlInputElement> =
                ev.target().and_then(|t| t.dyn_into().ok());
            if let Some(input) = input {
                leptos::task::spawn_local(async move {
                    browser::add_from(input).await;
                    chosen.set(browser::listed());
                    if !named {
                        browser::keep_for_filing();
                    }
                });
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let removed = move |id: u32| {
        #[cfg(feature = "hydrate")]
        {
            browser::remove(id);
            chosen.set(browser::listed());
            if !named {
                browser::keep_for_filing();
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = id;
    };
    let name = named.then_some("file");
    let limit = if max_mb > 0 {
        crate::i18n::Msg::new("attachment-limit")
            .number("count", MAX_FILES_PER_POST as i64)
            .number("max", max_mb as i64)
    } else {
        crate::i18n::Msg::new("attachment-limit-count").number("count", MAX_FILES_PER_POST as i64)
    }
    .render(&loc);
    view! {
        <label for="attach-file">{loc.t("attachment-choose")}</label>
        <input
            id="attach-file"
            type="file"
            name=name
            multiple
            aria-describedby="attach-limit file-error"
            on:change=added
        />
        <label for="attach-photo" class="photo">
            {loc.t("attachment-take-photo")}
        </label>
        <input
            id="attach-photo"
            type="file"
            name=name
            accept="image/*"
            capture="environment"
            on:change=added
        />
        <p class="muted" id="attach-limit">
            {limit}
        </p>
        <ul class="chosen" aria-live="polite">
            <For each=move || chosen.get() key=|c| c.id let:file>
                <li>
                    <span class="chosen-name">{file.name.clone()}</span>
                    <span class="muted">{size_words(&use_locale(), file.size as i64)}</span>
                    <button
                        type="button"
                        class="link"
                        aria-label=crate::i18n::Msg::new("attachment-remove-chosen")
                            .text("name", file.name.clone())
                            .render(&use_locale())
                        on:click=move |_| removed(file.id)
                    >
                        {use_locale().t("attachment-remove")}
                    </button>
                </li>
            </For>
        </ul>
        {move || {
            too_many()
                .then(|| {
                    crate::i18n::Msg::new("err-attachment-count")
                        .number("max", MAX_FILES_PER_POST as i64)
                })
                .or_else(|| {
                    too_large()
                        .map(|_| {
                            crate::i18n::Msg::new("err-attachment-too-large")
                                .number("max", max_mb as i64)
                        })
                })
                .map(|m| {
                    view! {
                        <p class="field-error" role="alert">
                            {m.render(&use_locale())}
                        </p>
                    }
                })
        }}
    }
}
