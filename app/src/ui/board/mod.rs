//! The coordinator's live board: a column per status, kept current by polling the change feed.

use super::portal::TicketPanel;
use super::widgets::{age, PriorityBadge, Problem, SlaBadge};
use super::{may_open, Gate};
use crate::api::board::{board_page, board_search, get_board, poll_board, suggest_assignees};
use crate::api::tickets::change_ticket;
use crate::domain::{
    ActionKind, Category, Impact, Priority, PriorityMatrix, SlaState, Status, Ticket, TicketNumber,
    Urgency,
};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::types::{BoardCard, BoardSnapshot, Suggestion, TechnicianLoad, TicketChange};
use crate::ui::{t, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use std::collections::{BTreeMap, BTreeSet};

const COLUMNS: &[Status] = &[
    Status::New,
    Status::Assigned,
    Status::InProgress,
    Status::Waiting,
    Status::Resolved,
];

/// The action that moves a card into a column without further input, if there is one (reopening
/// needs a reason, resolving notes: those are asked for in the ticket's drawer).
fn action_into(card: &BoardCard, column: Status) -> Option<ActionKind> {
    ActionKind::to_reach(card.ticket.status, column, None)
        .ok()
        .flatten()
        .filter(|a| !a.needs_input() && card.actions.contains(a))
}

/// At risk, breached, or due within the hour.
fn breaching_soon(t: &Ticket) -> bool {
    let now = chrono::Utc::now();
    t.sla.as_ref().is_some_and(|s| {
        s.state(now) != SlaState::OnTrack
            || s.next_due()
                .is_some_and(|d| d - now < chrono::Duration::hours(1))
    })
}

#[component]
pub fn Board() -> impl IntoView {
    view! {
        <Title text=t("board-title") />
        <Gate allowed=may_open::coordinators children=|_| view! { <LiveBoard /> } />
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Link {
    Loading,
    Live,
    Reconnecting,
}

/// Everything the board shows and remembers, as signals shared by its parts.
#[derive(Clone, Copy)]
pub(crate) struct BoardState {
    cards: RwSignal<BTreeMap<i64, BoardCard>>,
    techs: RwSignal<Vec<TechnicianLoad>>,
    cursor: RwSignal<i64>,
    link: RwSignal<Link>,
    message: RwSignal<Option<String>>,
    dragged: RwSignal<Option<i64>>,
    /// The ticket open in the drawer.
    open: RwSignal<Option<String>>,
    /// The ticket open for triage.
    triage: RwSignal<Option<i64>>,
    categories: RwSignal<Vec<Category>>,
    routes: RwSignal<Vec<(String, String)>>,
    projects: RwSignal<Vec<(i64, String)>>,
    matrix: RwSignal<PriorityMatrix>,
    totals: RwSignal<Vec<(Status, i64)>>,
    /// Where the next page of each long column starts.
    next_pages: RwSignal<Vec<(Status, String)>>,
    /// Tickets the server found for the board's search (by number), loaded into `cards`.
    found: RwSignal<Option<(String, Vec<i64>)>>,
    /// The filters, kept in the address so a board can be bookmarked and shared.
    query: Memo<ParamsMap>,
    /// The cards selected for a bulk change, and the last one clicked (a shift-click selects
    /// the cards of its column between the two).
    selected: RwSignal<BTreeSet<i64>>,
    anchor: RwSignal<Option<i64>>,
    /// Why each ticket of the last bulk change was refused (number, reason).
    refused: RwSignal<Vec<(String, String)>>,
    /// The known issues announced, with how many people each affects.
    known: RwSignal<Vec<crate::types::KnownIssue>>,
    /// The card the keyboard is on.
    focused: RwSignal<Option<i64>>,
    /// What the bulk bar changes (the shortcuts a and p set it).
    bulk_kind: RwSignal<Kind>,
    /// The list of shortcuts is open.
    help: RwSignal<bool>,
    /// The last move or selection, for screen readers.
    said: RwSignal<String>,
    /// The reader's language and zone, for messages set from event handlers and tasks.
    loc: Locale,
}

impl BoardState {
    fn new() -> Self {
        BoardState {
            cards: RwSignal::new(BTreeMap::new()),
            techs: RwSignal::new(Vec::new()),
            cursor: RwSignal::new(-1),
            link: RwSignal::new(Link::Loading),
            message: RwSignal::new(None),
            dragged: RwSignal::new(None),
            open: RwSignal::new(None),
            triage: RwSignal::new(None),
            categories: RwSignal::new(Vec::new()),
            routes: RwSignal::new(Vec::new()),
            projects: RwSignal::new(Vec::new()),
            matrix: RwSignal::new(PriorityMatrix::default()),
            totals: RwSignal::new(Vec::new()),
            next_pages: RwSignal::new(Vec::new()),
            found: RwSignal::new(None),
            query: use_query_map(),
            selected: RwSignal::new(BTreeSet::new()),
            anchor: RwSignal::new(None),
            refused: RwSignal::new(Vec::new()),
            known: RwSignal::new(Vec::new()),
            focused: RwSignal::new(None),
            bulk_kind: RwSignal::new(Kind::Assign),
            help: RwSignal::new(false),
            said: RwSignal::new(String::new()),
            loc: use_locale(),
        }
    }

    fn load(self, s: BoardSnapshot) {
        self.cards.set(
            s.cards
                .into_iter()
                .map(|c| (c.ticket.number.0, c))
                .collect(),
        );
        self.techs.set(s.technicians);
        self.categories.set(s.categories);
        self.routes.set(s.routes);
        self.projects.set(s.projects);
        self.matrix.set(s.priority_matrix);
        self.totals.set(s.totals);
        self.next_pages.set(s.next);
        self.cursor.set(s.cursor);
        self.known.set(s.known);
        self.link.set(Link::Live);
    }

    /// Follows the change feed from the snapshot's cursor.
    fn follow(self) {
        super::live::poll(50, 15_000, move || async move {
            let at = self.cursor.get_untracked();
            if at < 0 {
                return (true, false);
            }
            match poll_board(at, Some(super::live::LONG_POLL_MS)).await {
                Ok(ch) => {
                    if !ch.cards.is_empty() {
                        self.cards.update(|map| {
                            for c in ch.cards {
                                map.insert(c.ticket.number.0, c);
                            }
                        });
                    }
                    if let Some(known) = ch.known {
                        self.known.set(known);
                    }
                    self.cursor.set(ch.cursor);
                    self.link.set(Link::Live);
                    (true, ch.more)
                }
                Err(_) => {
                    self.link.set(Link::Reconnecting);
                    (false, false)
                }
            }
        });
    }

    /// The search also asks the server, which looks in every open ticket's text and notes.
    fn search_server(self) {
        Effect::new(move |_| {
            let text = self.filter("q");
            if text.trim().is_empty() {
                self.found.set(None);
                return;
            }
            leptos::task::spawn_local(async move {
                if let Ok(hits) = board_search(text.clone()).await {
                    let numbers = hits.iter().map(|c| c.ticket.number.0).collect();
                    self.cards.update(|map| {
                        for c in hits {
                            map.entry(c.ticket.number.0).or_insert(c);
                        }
                    });
                    self.found.set(Some((text, numbers)));
                }
            });
        });
    }

    fn filter(self, key: &str) -> String {
        self.query.read().get(key).unwrap_or_default()
    }

    /// The cards of one status the filters show, in the column's order.
    fn column_of(self, cards: &BTreeMap<i64, BoardCard>, status: Status) -> Vec<&BoardCard> {
        let mut column: Vec<&BoardCard> = cards
            .values()
            .filter(|c| c.ticket.status == status && self.visible(c))
            .collect();
        column.sort_by_key(|c| c.ticket.work_order());
        column
    }

    /// Whether the board shows a lane per technician.
    fn lanes(self) -> bool {
        self.filter("lanes") == "tech"
    }

    /// The lanes, top to bottom: the unassigned, then each technician (address, name).
    fn lane_list(self) -> Vec<(String, String)> {
        let mut list: Vec<(String, String)> = vec![(String::new(), self.loc.t("board-unassigned"))];
        list.extend(
            self.techs
                .get()
                .into_iter()
                .map(|t| (t.person.email, t.person.name)),
        );
        list
    }

    /// Whether a card belongs in the lane of `email` (empty: the unassigned lane).
    fn in_lane(c: &BoardCard, email: &str) -> bool {
        match &c.ticket.assignee {
            None => email.is_empty(),
            Some(a) => a.email == email,
        }
    }

    /// Whether a card passes every filter set.
    fn visible(self, c: &BoardCard) -> bool {
        let filter = |key| self.filter(key);
        let t = &c.ticket;
        let text = filter("q").to_lowercase();
        let server_hit = self.found.with(|f| {
            f.as_ref()
                .is_some_and(|(q, hits)| q.to_lowercase() == text && hits.contains(&t.number.0))
        });
        (filter("priority").is_empty() || t.priority.as_str() == filter("priority"))
            && (filter("category").is_empty() || t.category == filter("category"))
            && (filter("tech").is_empty()
                || t.assignee
                    .as_ref()
                    .is_some_and(|a| a.email == filter("tech")))
            && (filter("team").is_empty()
                || self
                    .routes
                    .read()
                    .iter()
                    .any(|(c, team)| *c == t.category && *team == filter("team")))
            && (filter("soon").is_empty() || breaching_soon(t))
            && (filter("project").is_empty()
                || t.project
                    .as_ref()
                    .is_some_and(|p| p.id.to_string() == filter("project")))
            && (text.is_empty()
                || server_hit
                || t.title.to_lowercase().contains(&text)
                || t.number.to_string().to_lowercase().contains(&text)
                || t.requester.name.to_lowercase().contains(&text))
    }

    /// Sends a change for a card, showing `optimistic` at once and putting the card back if
    /// the change is refused.
    fn perform(self, number: i64, change: TicketChange, optimistic: Option<Status>) {
        let cards = self.cards;
        let Some(before) = cards.get_untracked().get(&number).cloned() else {
            return;
        };
        if let Some(status) = optimistic {
            cards.update(|m| {
                if let Some(c) = m.get_mut(&number) {
                    c.ticket.status = status;
                }
            });
        }
        self.message.set(None);
        leptos::task::spawn_local(async move {
            match change_ticket(
                before.ticket.number.to_string(),
                before.ticket.version,
                change,
            )
            .await
            {
                Ok(t) => {
                    if t.status != before.ticket.status {
                        self.said.set(self.loc.t_with(
                            "keys-moved",
                            &[
                                ("number", t.number.to_string().into()),
                                ("status", t.status.label(&self.loc).into()),
                            ],
                        ));
                    }
                    cards.update(|m| {
                        if let Some(c) = m.get_mut(&number) {
                            c.ticket = t;
                        }
                    })
                }
                Err(e) => {
                    cards.update(|m| {
                        m.insert(number, before.clone());
                    });
                    self.message.set(Some(format!(
                        "{}: {}",
                        before.ticket.number,
                        e.message(&self.loc)
                    )));
                }
            }
        });
    }

    /// Assigns a card to the first suggested technician.
    fn assign_top(self, number: i64) {
        let Some(card) = self.cards.get_untracked().get(&number).cloned() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match suggest_assignees(card.ticket.number.to_string(), false).await {
                Ok(list) if !list.is_empty() => {
                    let change = TicketChange {
                        action: Some(ActionKind::Assign),
                        assignee: Some(list[0].person.email.clone()),
                        ..TicketChange::default()
                    };
                    self.perform(number, change, None);
                }
                Ok(_) => self.message.set(Some(self.loc.t("board-nobody-available"))),
                Err(e) => self.message.set(Some(e.message(&self.loc))),
            }
        });
    }

    /// Loads the next page of a long column.
    fn more(self, status: Status, after: String) {
        leptos::task::spawn_local(async move {
            if let Err(e) = self.load_page(status, after).await {
                self.message.set(Some(e.message(&self.loc)));
            }
        });
    }

    /// Reads one more page of a column onto the board.
    async fn load_page(self, status: Status, after: String) -> Result<(), AppError> {
        let page = board_page(status, after).await?;
        self.cards.update(|map| {
            for c in page.cards {
                map.entry(c.ticket.number.0).or_insert(c);
            }
        });
        self.next_pages.update(|n| {
            n.retain(|(s, _)| *s != status);
            n.extend(page.next.map(|p| (status, p)));
        });
        Ok(())
    }

    /// Drops the dragged card into `status`, when one action gets it there.
    fn drop_into(self, status: Status) {
        let Some(n) = self.dragged.get_untracked() else {
            return;
        };
        let card = self.cards.get_untracked().get(&n).cloned();
        match card.as_ref().and_then(|c| action_into(c, status)) {
            Some(kind) => self.perform(
                n,
                TicketChange {
                    action: Some(kind),
                    ..TicketChange::default()
                },
                Some(status),
            ),
            None if card.is_some_and(|c| c.ticket.status != status) => {
                self.message.set(Some(self.loc.t_with(
                    "board-cannot-move",
                    &[("status", status.label(&self.loc).into())],
                )))
            }
            None => {}
        }
    }
}

#[component]
fn LiveBoard() -> impl IntoView {
    let board = BoardState::new();
    let snapshot = Resource::new(|| (), |_| get_board());
    Effect::new(move |_| {
        if let Some(Ok(s)) = snapshot.get() {
            board.load(s);
        }
    });
    board.follow();
    board.search_server();
    // Escape closes the drawer wherever the focus is; the other shortcuts work outside fields.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| board.key(ev));
    on_cleanup(move || keys.remove());
    let lanes = move || board.lanes();
    let lane_list = move || board.lane_list();

    view! {
        <section class="board-page">
            <BoardBar board=board />
            <crate::ui::known::KnownStrip known=board.known open=board.open />
            <BulkBar board=board />
            {move || {
                board
                    .message
                    .get()
                    .map(|m| {
                        view! {
                            <div class="error-box" role="alert">
                                {m}
                            </div>
                        }
                    })
            }}
            <div class="board">
                {move || {
                    if lanes() {
                        view! {
                            <div class="lanes">
                                {lane_list()
                                    .into_iter()
                                    .map(|(email, name)| {
                                        view! {
                                            <div class="lane">
                                                <h2 class="lane-name">{name.clone()}</h2>
                                                <div class="columns">
                                                    {COLUMNS
                                                        .iter()
                                                        .map(|&status| {
                                                            view! {
                                                                <Column
                                                                    board=board
                                                                    status=status
                                                                    lane=Some(email.clone())
                                                                />
                                                            }
                                                        })
                                                        .collect_view()}
                                                </div>
                                            </div>
                                        }
                                    })
                                    .collect_view()}
                            </div>
                        }
                            .into_any()
                    } else {
                        view! {
                            <div class="columns">
                                {COLUMNS
                                    .iter()
                                    .map(|&status| {
                                        view! { <Column board=board status=status lane=None /> }
                                    })
                                    .collect_view()}
                            </div>
                        }
                            .into_any()
                    }
                }} <TechList board=board />
            </div>
            <Drawers board=board />
            <KeysHelp board=board />
            <p class="sr-only" aria-live="polite">
                {move || board.said.get()}
            </p>
        </section>
    }
    .into_any()
}

mod bar;
mod bulk;
mod card;
mod columns;
mod keys;

use bar::*;
use bulk::*;
use card::*;
use columns::*;
use keys::*;
