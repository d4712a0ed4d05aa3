//! The board's bar: its title, whether it is live, the search and the filters kept in the address.

use super::*;
use crate::ui::t;

/// The board's title, link state and filters.
#[component]
pub(super) fn BoardBar(board: BoardState) -> impl IntoView {
    let set_filter = filter_setter(board);
    let link = board.link;
    let loc = board.loc;
    let priorities = Signal::derive(|| {
        ["P1", "P2", "P3", "P4"]
            .map(|p| (p.to_string(), p.to_string()))
            .to_vec()
    });
    let locale = crate::ui::use_locale();
    let categories = Signal::derive(move || {
        board
            .categories
            .get()
            .into_iter()
            .map(|c| {
                let name = crate::domain::category_words(&locale, &c.name);
                (c.slug, name)
            })
            .collect()
    });
    let teams = Signal::derive(move || {
        let mut names: Vec<String> = board.routes.get().into_iter().map(|(_, t)| t).collect();
        names.sort();
        names.dedup();
        names.into_iter().map(|t| (t.clone(), t)).collect()
    });
    let techs = Signal::derive(move || {
        board
            .techs
            .get()
            .into_iter()
            .map(|t| (t.person.email, t.person.name))
            .collect()
    });
    let projects = Signal::derive(move || {
        board
            .projects
            .get()
            .into_iter()
            .map(|(id, name)| (id.to_string(), name))
            .collect()
    });
    view! {
        <div class="board-bar">
            <h1>{t("board-heading")}</h1>
            <span
                class="link-state"
                role="status"
                class:warn=move || link.get() == Link::Reconnecting
            >
                {move || match link.get() {
                    Link::Loading => loc.t("board-link-loading"),
                    Link::Live => loc.t("board-link-live"),
                    Link::Reconnecting => loc.t("board-link-reconnecting"),
                }}
            </span>
            <label class="sr-only" for="board-q">
                {t("board-search")}
            </label>
            <input
                id="board-q"
                type="search"
                placeholder=t("board-search-placeholder")
                prop:value=move || board.filter("q")
                on:change=move |ev| set_filter("q", event_target_value(&ev))
            />
            <button
                type="button"
                class="small link keys-hint"
                aria-keyshortcuts="?"
                on:click=move |_| board.help.update(|h| *h = !*h)
            >
                {t("board-keys-hint")}
            </button>
            <FilterSelect
                board
                key="priority"
                label=t("board-priority")
                all=t("board-all-priorities")
                options=priorities
            />
            <FilterSelect
                board
                key="category"
                label=t("board-category")
                all=t("board-all-categories")
                options=categories
            />
            <FilterSelect
                board
                key="team"
                label=t("board-team")
                all=t("board-all-teams")
                options=teams
            />
            <FilterSelect
                board
                key="tech"
                label=t("board-technician")
                all=t("board-all-technicians")
                options=techs
            />
            <FilterSelect
                board
                key="project"
                label=t("board-project")
                all=t("board-all-projects")
                options=projects
            />
            <FilterCheck board key="soon" on="1" label=t("board-breaching-soon") />
            <FilterCheck board key="lanes" on="tech" label=t("board-lanes-by-technician") />
            <a class="button primary" href="/requests/new">
                {t("board-file-for-someone")}
            </a>
        </div>
    }
    .into_any()
}

/// Sets one filter of the board in its address (empty: removes it).
pub(super) fn filter_setter(
    board: BoardState,
) -> impl Fn(&'static str, String) + Clone + Send + Sync {
    let navigate = use_navigate();
    move |key: &'static str, value: String| {
        let mut q = board.query.get_untracked();
        if value.is_empty() {
            q.remove(key);
        } else {
            q.replace(key, value);
        }
        navigate(
            &format!("/board{}", q.to_query_string()),
            Default::default(),
        );
    }
}

/// A filter chosen from a list (`options`: value and label), `all` meaning no filter.
#[component]
pub(super) fn FilterSelect(
    board: BoardState,
    key: &'static str,
    label: String,
    all: String,
    options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let set_filter = filter_setter(board);
    let id = format!("board-{key}");
    view! {
        <label class="sr-only" for=id.clone()>
            {label}
        </label>
        <select id=id on:change=move |ev| set_filter(key, event_target_value(&ev))>
            <option value="" selected=move || board.filter(key).is_empty()>
                {all}
            </option>
            <For each=move || options.get() key=|(value, _)| value.clone() let:option>
                {
                    let value = option.0.clone();
                    view! {
                        <option value=option.0 selected=move || board.filter(key) == value>
                            {option.1}
                        </option>
                    }
                }
            </For>
        </select>
    }
}

/// A filter that is on or off (on: the filter's value is `on`).
#[component]
pub(super) fn FilterCheck(
    board: BoardState,
    key: &'static str,
    on: &'static str,
    label: String,
) -> impl IntoView {
    let set_filter = filter_setter(board);
    view! {
        <label class="check">
            <input
                type="checkbox"
                prop:checked=move || board.filter(key) == on
                on:change=move |ev| {
                    set_filter(
                        key,
                        if event_target_checked(&ev) { on.into() } else { String::new() },
                    )
                }
            />
            {label}
        </label>
    }
}
