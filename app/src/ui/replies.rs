//! Canned replies: `/replies` where staff keep theirs (coordinators the shared ones too), and
//! the note box that offers them when `::` is typed.

use super::widgets::{action_error, not_field, ErrorBox, FieldMessage};
use super::{may_open, t, use_locale, Gate};
use crate::api::knowledge::{canned_replies, ticket_replies, DeleteCannedReply, SaveCannedReply};
use crate::domain::replies::{self, CannedReply, ReplyChoice, PLACEHOLDERS};
use crate::i18n::Lang;
use leptos::html::Textarea;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The most replies the note box lists at once.
const MENU_MAX: usize = 6;

#[component]
pub fn RepliesPage() -> impl IntoView {
    let save = ServerAction::<SaveCannedReply>::new();
    let delete = ServerAction::<DeleteCannedReply>::new();
    let list = Resource::new(
        move || (save.version().get(), delete.version().get()),
        |_| canned_replies(),
    );
    let query = use_query_map();
    let editing = move || {
        query
            .read()
            .get("edit")
            .and_then(|id| id.parse::<i64>().ok())
    };
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(_)) = save.value().get() {
            navigate("/replies", Default::default());
        }
    });
    view! {
        <Title text=t("reply-page-title") />
        <Gate
            allowed=may_open::staff
            children=move |user| {
                let coordinates = user.role.coordinates();
                view! {
                    <section class="panel wide replies">
                        <h1>{t("reply-heading")}</h1>
                        <p class="muted">{t("reply-lead")}</p>
                        <Transition fallback=move || {
                            view! { <p class="muted">{t("page-loading")}</p> }
                        }>
                            {move || Suspend::new(async move {
                                match list.await {
                                    Err(e) => {
                                        view! {
                                            <p class="error-box">{e.message(&use_locale())}</p>
                                        }
                                            .into_any()
                                    }
                                    Ok(items) => {
                                        let edited = editing()
                                            .and_then(|id| {
                                                items.iter().find(|r| r.id == id && r.editable).cloned()
                                            });
                                        view! {
                                            <ReplyForm save edited coordinates />
                                            <ReplyList items delete />
                                        }
                                            .into_any()
                                    }
                                }
                            })}
                        </Transition>
                    </section>
                }
            }
        />
    }
}

#[component]
fn ReplyForm(
    save: ServerAction<SaveCannedReply>,
    edited: Option<CannedReply>,
    coordinates: bool,
) -> impl IntoView {
    let loc = use_locale();
    let error = action_error(save);
    let language = edited.as_ref().map_or(loc.lang, |r| r.language).code();
    let shared = edited.as_ref().is_some_and(|r| r.shared);
    view! {
        <ActionForm action=save attr:class="form reply-form">
            <h2>
                {if edited.is_some() {
                    loc.t("reply-edit-heading")
                } else {
                    loc.t("reply-new-heading")
                }}
            </h2>
            {edited
                .as_ref()
                .map(|r| {
                    view! {
                        <input type="hidden" name="id" value=r.id.to_string() />
                        <input type="hidden" name="version" value=r.version.to_string() />
                        <input
                            type="hidden"
                            name="draft[scope]"
                            value=if r.shared { "shared" } else { "mine" }
                        />
                    }
                })}
            <div class="row">
                <div>
                    <label for="reply-shortcut">{loc.t("reply-field-shortcut")}</label>
                    <input
                        id="reply-shortcut"
                        name="draft[shortcut]"
                        required
                        maxlength="40"
                        autocomplete="off"
                        placeholder="restart"
                        value=edited.as_ref().map(|r| r.shortcut.clone()).unwrap_or_default()
                    />
                    <FieldMessage error field="shortcut" />
                </div>
                <div>
                    <label for="reply-language">{loc.t("reply-field-language")}</label>
                    <select id="reply-language" name="draft[language]">
                        {Lang::ALL
                            .iter()
                            .map(|l| {
                                view! {
                                    <option value=l.code() selected=l.code() == language>
                                        {language_name(*l)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <FieldMessage error field="language" />
                </div>
                {(edited.is_none() && coordinates)
                    .then(|| {
                        view! {
                            <div>
                                <label for="reply-scope">{loc.t("reply-field-scope")}</label>
                                <select id="reply-scope" name="draft[scope]">
                                    <option value="mine" selected=!shared>
                                        {loc.t("reply-scope-mine")}
                                    </option>
                                    <option value="shared" selected=shared>
                                        {loc.t("reply-scope-shared")}
                                    </option>
                                </select>
                                <FieldMessage error field="scope" />
                            </div>
                        }
                    })}
            </div>
            <p class="hint">{loc.t("reply-field-shortcut-hint")}</p>
            <label for="reply-body">{loc.t("reply-field-body")}</label>
            <textarea id="reply-body" name="draft[body]" rows="6" required maxlength="5000">
                {edited.as_ref().map(|r| r.body.clone()).unwrap_or_default()}
            </textarea>
            <FieldMessage error field="body" />
            <div class="hint">
                <p>{loc.t("reply-placeholders")}</p>
                <ul class="placeholders">
                    {PLACEHOLDERS
                        .iter()
                        .map(|(name, key)| {
                            view! {
                                <li>
                                    <code>{format!("{{{name}}}")}</code>
                                    " — "
                                    {loc.t(key)}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
            <ErrorBox error=not_field(error) />
            <div class="row">
                <button type="submit" class="primary" disabled=move || save.pending().get()>
                    {loc.t("reply-save")}
                </button>
                {edited
                    .is_some()
                    .then(|| {
                        view! {
                            <a class="button" href="/replies">
                                {loc.t("reply-cancel")}
                            </a>
                        }
                    })}
            </div>
        </ActionForm>
    }
}

#[component]
fn ReplyList(items: Vec<CannedReply>, delete: ServerAction<DeleteCannedReply>) -> impl IntoView {
    let loc = use_locale();
    let error = action_error(delete);
    if items.is_empty() {
        return view! { <p class="empty">{loc.t("reply-none")}</p> }.into_any();
    }
    view! {
        <ErrorBox error />
        <table class="replies-table">
            <thead>
                <tr>
                    <th scope="col">{loc.t("reply-field-shortcut")}</th>
                    <th scope="col">{loc.t("reply-field-language")}</th>
                    <th scope="col">{loc.t("reply-field-scope")}</th>
                    <th scope="col">{loc.t("reply-field-body")}</th>
                    <th scope="col">
                        <span class="sr-only">{loc.t("reply-actions")}</span>
                    </th>
                </tr>
            </thead>
            <tbody>
                {items
                    .into_iter()
                    .map(|r| {
                        let label = loc
                            .t_with(
                                "reply-delete-label",
                                &[("shortcut", r.shortcut.clone().into())],
                            );
                        view! {
                            <tr>
                                <td>
                                    <code>{format!("{}{}", replies::TRIGGER, r.shortcut)}</code>
                                </td>
                                <td>{language_name(r.language)}</td>
                                <td>
                                    {if r.shared {
                                        loc.t("reply-scope-shared")
                                    } else {
                                        loc.t("reply-scope-mine")
                                    }}
                                </td>
                                <td class="body-text">{r.body.clone()}</td>
                                <td class="reply-actions">
                                    {r
                                        .editable
                                        .then(|| {
                                            view! {
                                                <a
                                                    class="button small"
                                                    href=format!("/replies?edit={}", r.id)
                                                >
                                                    {loc.t("reply-edit")}
                                                </a>
                                                <ActionForm action=delete attr:class="inline-form">
                                                    <input type="hidden" name="id" value=r.id.to_string() />
                                                    <button type="submit" class="small" aria-label=label>
                                                        {loc.t("reply-delete")}
                                                    </button>
                                                </ActionForm>
                                            }
                                        })}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
        .into_any()
}

/// The text area of a ticket's note form. For staff, typing `::` opens the canned replies
/// (filled for this ticket): arrow keys move, Enter or Tab inserts, Escape closes.
#[component]
pub fn NoteText(
    number: String,
    note: RwSignal<String>,
    staff: bool,
    /// Where a typed note is kept until it is sent.
    draft: String,
) -> impl IntoView {
    let area = NodeRef::<Textarea>::new();
    let choices = RwSignal::new(Vec::<ReplyChoice>::new());
    // The shortcut being typed: where its `::` starts (bytes), and the word after it.
    let typing = RwSignal::new(None::<(usize, String)>);
    let active = RwSignal::new(0usize);
    Effect::new(move |_| {
        if staff {
            let number = number.clone();
            leptos::task::spawn_local(async move {
                if let Ok(found) = ticket_replies(number).await {
                    let _ = choices.try_set(found);
                }
            });
        }
    });
    // The replies matching what is typed, kept once for the menu, its ARIA state and the keys.
    let shown = Memo::new(move |_| {
        typing.with(|t| {
            t.as_ref().map_or_else(Vec::new, |(_, word)| {
                choices.with(|c| {
                    replies::matching(c, word, MENU_MAX)
                        .into_iter()
                        .cloned()
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    let draft_key = StoredValue::new(draft);
    let look = move || {
        if !staff {
            return;
        }
        let Some(el) = area.get_untracked() else {
            return;
        };
        let text = el.value();
        let caret = caret_byte(&text, el.selection_start().ok().flatten());
        let found = replies::typed_shortcut(&text[..caret]).map(|(at, w)| (at, w.to_string()));
        if found.as_ref().map(|f| &f.1) != typing.get_untracked().as_ref().map(|f| &f.1) {
            active.set(0);
        }
        typing.set(found);
    };
    let insert = move |choice: ReplyChoice| {
        let Some(el) = area.get_untracked() else {
            return;
        };
        let text = el.value();
        let caret = caret_byte(&text, el.selection_start().ok().flatten());
        let Some((at, _)) = replies::typed_shortcut(&text[..caret]) else {
            return;
        };
        let new = format!("{}{}{}", &text[..at], choice.text, &text[caret..]);
        let end = text[..at].encode_utf16().count() + choice.text.encode_utf16().count();
        // The element first, so the caret can be put after the reply; the signal then holds
        // the same text and leaves the caret alone.
        el.set_value(&new);
        let _ = el.set_selection_range(end as u32, end as u32);
        let _ = el.focus();
        crate::ui::live::save_draft(&draft_key.get_value(), &new);
        note.set(new);
        typing.set(None);
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let list = shown.get_untracked();
        if list.is_empty() {
            return;
        }
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                active.update(|a| *a = (*a + 1) % list.len());
            }
            "ArrowUp" => {
                ev.prevent_default();
                active.update(|a| *a = (*a + list.len() - 1) % list.len());
            }
            "Enter" | "Tab" => {
                ev.prevent_default();
                let i = active.get_untracked().min(list.len() - 1);
                insert(list[i].clone());
            }
            "Escape" => {
                ev.prevent_default();
                typing.set(None);
            }
            _ => {}
        }
    };
    view! {
        <div class="note-text">
            <textarea
                id="note-body"
                name="body"
                rows="3"
                required
                node_ref=area
                prop:value=note
                aria-autocomplete=staff.then_some("list")
                // Names the list only while it is there: a reference to a missing id is invalid.
                aria-controls=move || {
                    (staff && !shown.with(Vec::is_empty)).then_some("reply-menu")
                }
                aria-activedescendant=move || {
                    (!shown.with(Vec::is_empty)).then(|| format!("reply-option-{}", active.get()))
                }
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    crate::ui::live::save_draft(&draft_key.get_value(), &text);
                    note.set(text);
                    look();
                }
                on:keydown=on_key
                on:click=move |_| look()
                on:blur=move |_| typing.set(None)
            ></textarea>
            {move || {
                let list = shown.get();
                (!list.is_empty())
                    .then(|| {
                        let loc = use_locale();
                        view! {
                            <ul
                                id="reply-menu"
                                class="reply-menu"
                                role="listbox"
                                aria-label=loc.t("reply-menu-label")
                            >
                                {list
                                    .into_iter()
                                    .enumerate()
                                    .map(|(i, c)| {
                                        let preview: String = c.text.chars().take(90).collect();
                                        let choice = c.clone();
                                        view! {
                                            <li
                                                id=format!("reply-option-{i}")
                                                role="option"
                                                aria-selected=move || (active.get() == i).to_string()
                                                class:active=move || active.get() == i
                                                on:mousedown=move |ev| {
                                                    ev.prevent_default();
                                                    insert(choice.clone());
                                                }
                                            >
                                                <code>{format!("{}{}", replies::TRIGGER, c.shortcut)}</code>
                                                <span class="lang">{c.language.code()}</span>
                                                <span class="muted">{preview}</span>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                    })
            }}
        </div>
        {staff
            .then(|| {
                let loc = use_locale();
                view! {
                    <p class="hint">
                        {loc.t("reply-note-hint")} " "
                        <a href="/replies">{loc.t("reply-manage")}</a>
                    </p>
                }
            })}
    }
}

/// A language by its own name (`Deutsch`).
fn language_name(lang: Lang) -> String {
    crate::i18n::Locale::new(lang, use_locale().tz).t("language-name")
}

/// The byte offset in `text` of a caret the browser counts in UTF-16 units (the end when
/// unknown or past it).
fn caret_byte(text: &str, utf16: Option<u32>) -> usize {
    let Some(mut left) = utf16.map(|u| u as usize) else {
        return text.len();
    };
    for (i, c) in text.char_indices() {
        if left == 0 {
            return i;
        }
        left = left.saturating_sub(c.len_utf16());
    }
    text.len()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_caret_in_utf16_units_is_found_in_the_text() {
        let text = "a€😀b";
        assert_eq!(super::caret_byte(text, Some(0)), 0);
        assert_eq!(super::caret_byte(text, Some(1)), 1);
        assert_eq!(super::caret_byte(text, Some(2)), 4);
        assert_eq!(super::caret_byte(text, Some(4)), 8);
        assert_eq!(super::caret_byte(text, Some(5)), 9);
        assert_eq!(super::caret_byte(text, Some(99)), 9);
        assert_eq!(super::caret_byte(text, None), 9);
    }
}
