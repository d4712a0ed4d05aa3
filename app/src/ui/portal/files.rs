//! The files of a ticket page: pictures as thumbnails that open full size, other files to
//! download, and a form to attach more that works without JavaScript (a multipart post that
//! comes back to the page, with a refusal shown at the field).

use super::*;
use crate::domain::attachment::{size_words, Attachment, MAX_FILES_PER_POST};
use crate::i18n::Msg;

/// The refusal a post without JavaScript came back with (`?attach_error=`), in words.
fn refusal(code: &str, detail: &TicketDetail) -> Option<Msg> {
    Some(match code {
        "too-large" => {
            Msg::new("err-attachment-too-large").number("max", detail.attachment_max_mb as i64)
        }
        "count" => Msg::new("err-attachment-count").number("max", MAX_FILES_PER_POST as i64),
        "ticket-full" => Msg::new("err-attachment-ticket-full")
            .number("max", detail.attachment_ticket_max_mb as i64),
        "none" | "empty" => Msg::new("err-attachment-none"),
        "note" => Msg::new("err-note-too-long"),
        "upload" => Msg::new("err-attachment-upload"),
        _ => return None,
    })
}

#[component]
pub(super) fn Files(detail: TicketDetail, number: String) -> impl IntoView {
    let loc = use_locale();
    let query = use_query_map();
    let error = query
        .read_untracked()
        .get("attach_error")
        .and_then(|code| refusal(&code, &detail))
        .map(|m| m.render(&loc));
    // Files chosen on the request form follow the ticket filed from it.
    let filed = query.read_untracked().get("filed").is_some();
    let uploading = RwSignal::new(false);
    if filed && detail.can_attach {
        let number = number.clone();
        Effect::new(move |_| {
            #[cfg(feature = "hydrate")]
            {
                let files = crate::ui::upload::take_pending();
                if !files.is_empty() {
                    uploading.set(true);
                    let number = number.clone();
                    leptos::task::spawn_local(async move {
                        let fallback = format!("/tickets/{number}?attach_error=upload#attach");
                        let to = crate::ui::upload::post(&number, files, None, Some("public"))
                            .await
                            .unwrap_or(fallback);
                        crate::ui::upload::go(&to);
                    });
                }
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (&number, uploading);
        });
    }
    if detail.attachments.is_empty() && !detail.can_attach {
        return ().into_any();
    }
    let here = format!("/tickets/{number}");
    let files = detail
        .attachments
        .iter()
        .map(|a| view! { <FileItem file=a.clone() here=here.clone() /> })
        .collect_view();
    view! {
        <section class="files" id="files">
            <h2>{loc.t("attachment-heading")}</h2>
            {move || {
                uploading
                    .get()
                    .then(|| {
                        view! {
                            <p class="notice" role="status">
                                {use_locale().t("attachment-uploading")}
                            </p>
                        }
                    })
            }}
            {if detail.attachments.is_empty() {
                Some(view! { <p class="muted">{loc.t("attachment-none")}</p> })
            } else {
                None
            }}
            <ul class="file-list">{files}</ul>
            {detail
                .can_attach
                .then(|| {
                    view! {
                        <AttachForm
                            number=number.clone()
                            here=here.clone()
                            staff=detail.staff_view
                            max_mb=detail.attachment_max_mb
                            error=error.clone()
                        />
                    }
                })}
        </section>
    }
    .into_any()
}

/// One file: a thumbnail for a picture, else its name, kind and size; removable by its uploader
/// or a coordinator.
#[component]
fn FileItem(file: Attachment, here: String) -> impl IntoView {
    let loc = use_locale();
    let url = file.url();
    let facts = format!(
        "{} · {} · {}",
        loc.t(file.kind().label_key()),
        size_words(&loc, file.size),
        Msg::new("attachment-by")
            .text("name", file.uploader.name.clone())
            .render(&loc)
    );
    let shown = if file.kind().inline() {
        view! {
            <a
                href=url.clone()
                target="_blank"
                rel="external noopener"
                aria-label=Msg::new("attachment-open").text("name", file.name.clone()).render(&loc)
            >
                <img class="thumb" src=url.clone() alt=file.name.clone() loading="lazy" />
            </a>
        }
        .into_any()
    } else {
        ().into_any()
    };
    view! {
        <li class="file" class:internal=file.internal>
            {shown}
            <div class="file-facts">
                <a href=url.clone() download=file.name.clone() rel="external">
                    {file.name.clone()}
                </a>
                {file
                    .internal
                    .then(|| view! { <span class="badge">{loc.t("attachment-internal")}</span> })}
                <span class="muted">{facts}</span>
            </div>
            {file
                .can_remove
                .then(|| {
                    view! {
                        <form method="post" action=format!("{url}/remove") class="inline">
                            <input type="hidden" name="return_to" value=here.clone() />
                            <button type="submit" class="link">
                                {loc.t("attachment-remove")}
                            </button>
                        </form>
                    }
                })}
        </li>
    }
}

/// Attaching files, with an optional message: a plain multipart form.
#[component]
fn AttachForm(
    number: String,
    here: String,
    staff: bool,
    max_mb: u64,
    error: Option<String>,
) -> impl IntoView {
    let loc = use_locale();
    let sending = RwSignal::new(false);
    // With JavaScript the chosen (and shrunk) files are posted with the form's other fields,
    // then the page loads where the server sends it.
    let submit = {
        let number = number.clone();
        move |ev: leptos::ev::SubmitEvent| {
            #[cfg(feature = "hydrate")]
            {
                use wasm_bindgen::JsCast;
                ev.prevent_default();
                let form: Option<web_sys::HtmlFormElement> =
                    ev.target().and_then(|t| t.dyn_into().ok());
                let number = number.clone();
                sending.set(true);
                leptos::task::spawn_local(async move {
                    let files = crate::ui::upload::chosen_files();
                    let fallback = format!("/tickets/{number}?attach_error=upload#attach");
                    let to = crate::ui::upload::post(&number, files, form, None)
                        .await
                        .unwrap_or(fallback);
                    crate::ui::upload::go(&to);
                });
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (ev, &number);
        }
    };
    view! {
        <form
            id="attach"
            class="form attach"
            method="post"
            enctype="multipart/form-data"
            action=format!("/api/v1/tickets/{number}/attachments")
            on:submit=submit
        >
            <h3>{loc.t("attachment-add")}</h3>
            <input type="hidden" name="return_to" value=here />
            <crate::ui::upload::FilePicker max_mb=max_mb named=true />
            {error
                .map(|m| {
                    view! {
                        <p class="field-error" id="file-error" role="alert">
                            {m}
                        </p>
                    }
                })}
            {staff
                .then(|| {
                    view! {
                        <label for="attach-visibility">{loc.t("attachment-visibility")}</label>
                        <select id="attach-visibility" name="visibility">
                            <option value="internal">{loc.t("attachment-for-staff")}</option>
                            <option value="public">{loc.t("attachment-for-everyone")}</option>
                        </select>
                    }
                })}
            <label for="attach-note">{loc.t("attachment-note")}</label>
            <textarea id="attach-note" name="note" rows="2"></textarea>
            <button type="submit" class="primary" disabled=move || sending.get()>
                {move || {
                    if sending.get() {
                        use_locale().t("attachment-sending")
                    } else {
                        use_locale().t("attachment-send")
                    }
                }}
            </button>
        </form>
    }
}
