//! The board by keyboard: move between cards and columns (arrows or h/j/k/l), open (Enter),
//! select (x), assign (a), set the priority (p), triage (t), escalate (e), search (/) and the
//! list of shortcuts (?). Never while typing in a field; moves are announced to screen readers.

use super::*;
use crate::ui::t;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys;
use std::time::Duration;

/// Every shortcut and the catalogue key of what it does, for the help list.
const SHORTCUTS: &[(&str, &str)] = &[
    ("j / ↓", "keys-next"),
    ("k / ↑", "keys-previous"),
    ("h / ←", "keys-left"),
    ("l / →", "keys-right"),
    ("Enter", "keys-open"),
    ("x", "keys-select"),
    ("a", "keys-assign"),
    ("p", "keys-priority"),
    ("t", "keys-triage"),
    ("e", "keys-escalate"),
    ("/", "keys-search"),
    ("?", "keys-help"),
    ("Esc", "keys-close"),
];

/// Whether the key went to something that takes typing (or a menu's arrows).
fn typing(ev: &leptos::ev::KeyboardEvent) -> bool {
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || el
            .dyn_ref::<web_sys::HtmlElement>()
            .is_some_and(|h| h.is_content_editable())
}

/// Whether Enter would already do something where the focus is (a link, a button).
fn activates(ev: &leptos::ev::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "A" | "BUTTON" | "SUMMARY"))
}

/// Focuses the element with `id` once the page has drawn what was just changed, trying a few
/// times for parts that load (a ticket in the drawer).
pub(super) fn focus_soon(id: &'static str, tries: u32) {
    set_timeout(
        move || {
            let found = document()
                .get_element_by_id(id)
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            match found {
                Some(el) => {
                    let _ = el.focus();
                }
                None if tries > 0 => focus_soon(id, tries - 1),
                None => {}
            }
        },
        Duration::from_millis(if tries > 0 { 120 } else { 0 }),
    );
}

impl BoardState {
    /// The cards shown, column by column, in each column's order; with lanes, a column runs
    /// down through every lane in turn, as the eye does.
    pub(super) fn grid(self) -> Vec<Vec<i64>> {
        let lanes: Option<Vec<String>> = untrack(|| {
            self.lanes().then(|| {
                self.lane_list()
                    .into_iter()
                    .map(|(email, _)| email)
                    .collect()
            })
        });
        self.cards.with_untracked(|cards| {
            COLUMNS
                .iter()
                .map(|&status| {
                    let column = self.column_of(cards, status);
                    let number = |c: &&BoardCard| c.ticket.number.0;
                    match &lanes {
                        None => column.iter().map(number).collect(),
                        Some(lanes) => lanes
                            .iter()
                            .flat_map(|email| {
                                column
                                    .iter()
                                    .filter(|c| BoardState::in_lane(c, email))
                                    .map(number)
                            })
                            .collect(),
                    }
                })
                .collect()
        })
    }

    /// Moves the focus `dx` columns and `dy` cards; the first card when none has it.
    fn step(self, dx: i32, dy: i32) {
        let grid = self.grid();
        let at = self.focused.get_untracked().and_then(|n| {
            grid.iter()
                .enumerate()
                .find_map(|(c, col)| col.iter().position(|&m| m == n).map(|i| (c, i)))
        });
        let next = match at {
            None => grid.iter().find_map(|col| col.first().copied()),
            Some((c, i)) if dx == 0 => {
                let i = (i as i32 + dy).clamp(0, grid[c].len() as i32 - 1) as usize;
                Some(grid[c][i])
            }
            Some((c, i)) => {
                let mut c = c as i32 + dx;
                while (0..grid.len() as i32).contains(&c) && grid[c as usize].is_empty() {
                    c += dx;
                }
                (0..grid.len() as i32)
                    .contains(&c)
                    .then(|| {
                        let col = &grid[c as usize];
                        col[i.min(col.len() - 1)]
                    })
                    .or(Some(grid[at.map_or(0, |a| a.0)][i]))
            }
        };
        if let Some(n) = next {
            self.focus_card(n);
        }
    }

    /// Gives a card the focus and says where it is.
    pub(super) fn focus_card(self, n: i64) {
        self.focused.set(Some(n));
        if let Some(el) = document()
            .get_element_by_id(&format!("card-{n}"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
        let grid = self.grid();
        let Some((c, i)) = grid
            .iter()
            .enumerate()
            .find_map(|(c, col)| col.iter().position(|&m| m == n).map(|i| (c, i)))
        else {
            return;
        };
        let card = self.cards.with_untracked(|m| m.get(&n).cloned());
        if let Some(card) = card {
            self.said.set(self.loc.t_with(
                "keys-at-card",
                &[
                    ("number", card.ticket.number.to_string().into()),
                    ("title", card.ticket.title.clone().into()),
                    ("column", COLUMNS[c].label(&self.loc).into()),
                    ("position", ((i + 1) as i64).into()),
                    ("total", (grid[c].len() as i64).into()),
                ],
            ));
        }
    }

    /// The selection a shortcut acts on: the cards selected, or else the focused one.
    fn select_focused_if_none(self) -> bool {
        if self.selected.read_untracked().is_empty() {
            match self.focused.get_untracked() {
                Some(n) => self.selected.update(|s| {
                    s.insert(n);
                }),
                None => return false,
            }
        }
        true
    }

    /// Answers a key pressed anywhere on the board page.
    pub(super) fn key(self, ev: leptos::ev::KeyboardEvent) {
        // Letters the same with Shift or Caps Lock (Shift+x selects a range).
        let key = match ev.key() {
            k if k.chars().count() == 1 => k.to_lowercase(),
            k => k,
        };
        if key == "Escape" {
            let closing = self.open.get_untracked().is_some()
                || self.triage.get_untracked().is_some()
                || self.help.get_untracked();
            self.open.set(None);
            self.triage.set(None);
            self.help.set(false);
            // Back to the card the keyboard was on.
            if let (true, Some(n)) = (closing, self.focused.get_untracked()) {
                set_timeout(move || self.focus_card(n), Duration::from_millis(0));
            }
            return;
        }
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || typing(&ev) {
            return;
        }
        // The drawers have their own fields and buttons; the list of shortcuts only closes.
        if self.open.get_untracked().is_some() || self.triage.get_untracked().is_some() {
            return;
        }
        if self.help.get_untracked() && key != "?" {
            return;
        }
        let focused = self.focused.get_untracked();
        let handled = match key.as_str() {
            "j" | "ArrowDown" => {
                self.step(0, 1);
                true
            }
            "k" | "ArrowUp" => {
                self.step(0, -1);
                true
            }
            "h" | "ArrowLeft" => {
                self.step(-1, 0);
                true
            }
            "l" | "ArrowRight" => {
                self.step(1, 0);
                true
            }
            "Enter" if !activates(&ev) => match focused {
                Some(n) => {
                    self.open.set(Some(TicketNumber(n).to_string()));
                    true
                }
                None => false,
            },
            "x" => match focused {
                Some(n) => {
                    self.select(n, ev.shift_key());
                    let count = self.selected.read_untracked().len() as i64;
                    self.said
                        .set(self.loc.t_with("bulk-selected", &[("count", count.into())]));
                    true
                }
                None => false,
            },
            "a" | "p" if self.select_focused_if_none() => {
                let (kind, field) = if key == "a" {
                    (Kind::Assign, "bulk-tech")
                } else {
                    (Kind::Priority, "bulk-priority")
                };
                self.bulk_kind.set(kind);
                focus_soon(field, 5);
                true
            }
            "t" => match focused {
                Some(n) => {
                    let new = self
                        .cards
                        .with_untracked(|m| m.get(&n).map(|c| c.ticket.status == Status::New));
                    if new == Some(true) {
                        self.triage.set(Some(n));
                    } else {
                        self.said.set(self.loc.t("keys-no-triage"));
                    }
                    true
                }
                None => false,
            },
            "e" => match focused {
                Some(n) => {
                    self.open.set(Some(TicketNumber(n).to_string()));
                    focus_soon("action-text", 25);
                    true
                }
                None => false,
            },
            "/" => {
                focus_soon("board-q", 0);
                true
            }
            "?" => {
                self.help.update(|h| *h = !*h);
                true
            }
            _ => false,
        };
        if handled {
            ev.prevent_default();
        }
    }
}

/// The list of shortcuts, opened with ?.
#[component]
pub(super) fn KeysHelp(board: BoardState) -> impl IntoView {
    let loc = board.loc;
    view! {
        <Show when=move || board.help.get()>
            <div class="drawer-backdrop" on:click=move |_| board.help.set(false)></div>
            <aside
                class="drawer keys-help"
                role="dialog"
                aria-modal="true"
                aria-labelledby="keys-h"
            >
                <div class="drawer-bar">
                    <h2 id="keys-h">{t("keys-heading")}</h2>
                    <button type="button" class="small" on:click=move |_| board.help.set(false)>
                        {t("board-close")}
                    </button>
                </div>
                <dl class="keys">
                    {SHORTCUTS
                        .iter()
                        .map(|(k, what)| {
                            view! {
                                <dt>
                                    <kbd>{*k}</kbd>
                                </dt>
                                <dd>{loc.t(what)}</dd>
                            }
                        })
                        .collect_view()}
                </dl>
                <p class="muted">{t("keys-not-typing")}</p>
            </aside>
        </Show>
    }
}
