//! Bulk changes on the board: select cards (a click, shift-click for a range of a column, or
//! every card the filters show), then one change for all; the refused are listed with why.

use super::*;
use crate::api::board::bulk_change;
use crate::domain::{NoteVisibility, WaitingOn};
use crate::error::AppError;
use crate::types::{BulkChange, BulkTarget};

impl BoardState {
    /// Selects or unselects a card; with `range`, every card of its column between it and the
    /// card clicked before.
    pub(super) fn select(self, n: i64, range: bool) {
        let anchor = self.anchor.get_untracked();
        let between = range
            .then(|| anchor.and_then(|a| self.range(a, n)))
            .flatten();
        match between {
            Some(list) => self.selected.update(|s| s.extend(list)),
            None => self.selected.update(|s| {
                if !s.remove(&n) {
                    s.insert(n);
                }
            }),
        }
        self.anchor.set(Some(n));
    }

    /// The cards of one column shown from `a` to `b`, in the order shown.
    fn range(self, a: i64, b: i64) -> Option<Vec<i64>> {
        self.grid().into_iter().find_map(|column| {
            let at = |n| column.iter().position(|&m| m == n);
            let (i, j) = (at(a)?, at(b)?);
            Some(column[i.min(j)..=i.max(j)].to_vec())
        })
    }

    /// Every card the filters match, also those further down a long column than the board
    /// has loaded: the columns' remaining pages are read first.
    /// `busy` holds while the pages are read.
    fn select_matching(self, busy: RwSignal<bool>) {
        busy.set(true);
        leptos::task::spawn_local(async move {
            loop {
                // The board may have been left meanwhile.
                let Some(next) = self.next_pages.try_with_untracked(|n| n.first().cloned()) else {
                    return;
                };
                let Some((status, after)) = next else {
                    break;
                };
                if let Err(e) = self.load_page(status, after).await {
                    self.message.set(Some(why(&e, &self.loc)));
                    busy.set(false);
                    return;
                }
            }
            busy.set(false);
            let all: Option<BTreeSet<i64>> = self.cards.try_with_untracked(|cards| {
                cards
                    .values()
                    .filter(|c| self.visible(c))
                    .map(|c| c.ticket.number.0)
                    .collect()
            });
            if let Some(all) = all {
                self.selected.set(all);
            }
        });
    }

    /// Sends one change for every selected card; the changed leave the selection, the refused
    /// stay selected and are listed with why.
    fn apply(self, change: BulkChange) {
        let targets: Vec<BulkTarget> = self.cards.with_untracked(|cards| {
            self.selected
                .get_untracked()
                .iter()
                .filter_map(|n| cards.get(n))
                .map(|c| BulkTarget {
                    number: c.ticket.number.to_string(),
                    version: c.ticket.version,
                })
                .collect()
        });
        self.refused.set(Vec::new());
        self.message.set(None);
        leptos::task::spawn_local(async move {
            match bulk_change(targets, change).await {
                Ok(results) => {
                    let mut refused = Vec::new();
                    for r in results {
                        let n = r.number.0;
                        match (r.ticket, r.error) {
                            (Some(t), _) => {
                                self.cards.update(|m| {
                                    if let Some(c) = m.get_mut(&n) {
                                        c.ticket = t;
                                    }
                                });
                                self.selected.update(|s| {
                                    s.remove(&n);
                                });
                            }
                            (None, e) => refused.push((
                                r.number.to_string(),
                                e.map(|e| why(&e, &self.loc)).unwrap_or_default(),
                            )),
                        }
                    }
                    self.refused.set(refused);
                }
                Err(e) => self.message.set(Some(why(&e, &self.loc))),
            }
        });
    }
}

/// An error in words, with each field's message for a validation error.
fn why(e: &AppError, loc: &Locale) -> String {
    match e {
        AppError::Validation(fields) => fields
            .iter()
            .map(|f| f.text(loc))
            .collect::<Vec<_>>()
            .join(" "),
        other => other.message(loc),
    }
}

/// The change chosen in the bulk bar.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Assign,
    Priority,
    Status,
    Note,
    Resolve,
    Watch,
    Children,
}

impl Kind {
    const ALL: [Kind; 7] = [
        Kind::Assign,
        Kind::Priority,
        Kind::Status,
        Kind::Note,
        Kind::Resolve,
        Kind::Watch,
        Kind::Children,
    ];

    fn key(self) -> &'static str {
        match self {
            Kind::Assign => "bulk-assign",
            Kind::Priority => "bulk-priority",
            Kind::Status => "bulk-status",
            Kind::Note => "bulk-note",
            Kind::Resolve => "bulk-resolve",
            Kind::Watch => "bulk-watch",
            Kind::Children => "bulk-children",
        }
    }
}

/// The statuses a bulk change may move cards to without more input than the bar asks.
const TO_STATUSES: &[(Status, Option<WaitingOn>)] = &[
    (Status::InProgress, None),
    (Status::Waiting, Some(WaitingOn::ThirdParty)),
    (Status::Waiting, Some(WaitingOn::Requester)),
    (Status::Closed, None),
    (Status::Cancelled, None),
];

/// The bar that appears while cards are selected: how many, select all matching, and the change.
#[component]
pub(super) fn BulkBar(board: BoardState) -> impl IntoView {
    let loc = board.loc;
    let count = move || board.selected.read().len();
    let shown = move || count() != 0 || !board.refused.read().is_empty();
    let gathering = RwSignal::new(false);
    view! {
        <Show when=shown>
            <section class="bulk-bar" aria-label=t("bulk-heading")>
                <p role="status" class="bulk-count">
                    {move || loc.t_with("bulk-selected", &[("count", (count() as i64).into())])}
                </p>
                <button
                    type="button"
                    class="small"
                    disabled=move || gathering.get()
                    on:click=move |_| board.select_matching(gathering)
                >
                    {move || {
                        if gathering.get() {
                            loc.t("bulk-loading-all")
                        } else {
                            loc.t("bulk-select-matching")
                        }
                    }}
                </button>
                <button
                    type="button"
                    class="small"
                    on:click=move |_| {
                        board.selected.set(BTreeSet::new());
                        board.refused.set(Vec::new());
                    }
                >
                    {t("bulk-clear")}
                </button>
                <BulkForm board=board />
                <Refused board=board />
            </section>
        </Show>
    }
}

/// The change for the selected cards.
#[component]
fn BulkForm(board: BoardState) -> impl IntoView {
    let loc = board.loc;
    let kind = board.bulk_kind;
    let tech = RwSignal::new(String::new());
    let priority = RwSignal::new(String::from("P2"));
    let text = RwSignal::new(String::new());
    let target = RwSignal::new(0usize);
    let visibility = RwSignal::new(NoteVisibility::Internal);
    let problem = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        let words = text.get_untracked();
        let change = match kind.get_untracked() {
            Kind::Assign if tech.get_untracked().is_empty() => {
                problem.set(Some(loc.t("bulk-choose-technician")));
                return;
            }
            Kind::Assign => BulkChange::Change {
                status: None,
                waiting_on: None,
                change: TicketChange {
                    action: Some(ActionKind::Assign),
                    assignee: Some(tech.get_untracked()),
                    ..TicketChange::default()
                },
            },
            Kind::Priority if words.trim().is_empty() => {
                problem.set(Some(loc.t("board-override-reason-needed")));
                return;
            }
            Kind::Priority => BulkChange::Change {
                status: None,
                waiting_on: None,
                change: TicketChange {
                    priority: priority.get_untracked().parse().ok(),
                    reason: Some(words),
                    ..TicketChange::default()
                },
            },
            Kind::Status => {
                let (status, waiting_on) = TO_STATUSES[target.get_untracked()];
                BulkChange::Change {
                    status: Some(status),
                    waiting_on,
                    change: TicketChange {
                        reason: Some(words).filter(|w| !w.trim().is_empty()),
                        ..TicketChange::default()
                    },
                }
            }
            Kind::Resolve => BulkChange::Change {
                status: Some(Status::Resolved),
                waiting_on: None,
                change: TicketChange {
                    text: Some(words),
                    ..TicketChange::default()
                },
            },
            Kind::Note => BulkChange::Note {
                body: words,
                visibility: visibility.get_untracked(),
            },
            Kind::Watch => BulkChange::Watch { email: words },
            Kind::Children => BulkChange::Children { parent: words },
        };
        board.apply(change);
    };
    let text_label = move || match kind.get() {
        Kind::Priority => loc.t("bulk-reason"),
        Kind::Status => loc.t("bulk-status-reason"),
        Kind::Note => loc.t("bulk-note-text"),
        Kind::Resolve => loc.t("bulk-resolution"),
        Kind::Watch => loc.t("bulk-watcher-email"),
        Kind::Children => loc.t("bulk-parent"),
        Kind::Assign => String::new(),
    };
    view! {
        <form class="bulk-form" on:submit=submit>
            <label for="bulk-kind">{t("bulk-change")}</label>
            <select
                id="bulk-kind"
                prop:value=move || {
                    Kind::ALL.iter().position(|k| *k == kind.get()).unwrap_or(0).to_string()
                }
                on:change=move |ev| {
                    let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                    kind.set(Kind::ALL[i.min(Kind::ALL.len() - 1)]);
                }
            >
                {Kind::ALL
                    .iter()
                    .enumerate()
                    .map(|(i, k)| view! { <option value=i.to_string()>{loc.t(k.key())}</option> })
                    .collect_view()}
            </select>
            <Show when=move || kind.get() == Kind::Assign>
                <label for="bulk-tech">{t("bulk-technician")}</label>
                <select id="bulk-tech" on:change=move |ev| tech.set(event_target_value(&ev))>
                    <option value="">{t("bulk-choose")}</option>
                    <For each=move || board.techs.get() key=|t| t.person.email.clone() let:t>
                        <option value=t.person.email.clone()>{t.person.name.clone()}</option>
                    </For>
                </select>
            </Show>
            <Show when=move || kind.get() == Kind::Priority>
                <label for="bulk-priority">{t("board-priority")}</label>
                <select
                    id="bulk-priority"
                    on:change=move |ev| priority.set(event_target_value(&ev))
                >
                    {["P1", "P2", "P3", "P4"]
                        .map(|p| {
                            view! {
                                <option value=p selected=p == "P2">
                                    {p}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </Show>
            <Show when=move || kind.get() == Kind::Status>
                <label for="bulk-target">{t("bulk-to-status")}</label>
                <select
                    id="bulk-target"
                    on:change=move |ev| target.set(event_target_value(&ev).parse().unwrap_or(0))
                >
                    {TO_STATUSES
                        .iter()
                        .enumerate()
                        .map(|(i, (s, w))| {
                            let label = match w {
                                Some(w) => format!("{} ({})", s.label(&loc), w.label(&loc)),
                                None => s.label(&loc),
                            };
                            view! { <option value=i.to_string()>{label}</option> }
                        })
                        .collect_view()}
                </select>
            </Show>
            <Show when=move || kind.get() == Kind::Note>
                <label for="bulk-visibility">{t("bulk-visibility")}</label>
                <select
                    id="bulk-visibility"
                    on:change=move |ev| {
                        visibility
                            .set(
                                if event_target_value(&ev) == "public" {
                                    NoteVisibility::Public
                                } else {
                                    NoteVisibility::Internal
                                },
                            )
                    }
                >
                    <option value="internal">{t("bulk-internal")}</option>
                    <option value="public">{t("bulk-public")}</option>
                </select>
            </Show>
            <Show when=move || kind.get() != Kind::Assign>
                <label for="bulk-text">{text_label}</label>
                <textarea
                    id="bulk-text"
                    rows="2"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
            </Show>
            <Problem problem />
            <button type="submit" class="primary" disabled=move || board.selected.read().is_empty()>
                {move || {
                    loc.t_with(
                        "bulk-apply",
                        &[("count", (board.selected.read().len() as i64).into())],
                    )
                }}
            </button>
        </form>
    }
    .into_any()
}

/// The tickets the last bulk change refused, with why.
#[component]
fn Refused(board: BoardState) -> impl IntoView {
    view! {
        <Show when=move || !board.refused.read().is_empty()>
            <div class="error-box" role="alert">
                <p>{t("bulk-refused")}</p>
                <ul class="bulk-refused">
                    {move || {
                        board
                            .refused
                            .get()
                            .into_iter()
                            .map(|(n, why)| view! { <li>{format!("{n}: {why}")}</li> })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}
