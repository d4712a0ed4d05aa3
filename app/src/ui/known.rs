//! Known issues: the banner requesters see on the request form and their pages, with "This
//! affects me too", and the coordinator's form on a ticket page to announce it.

use super::widgets::{action_error, ago, not_field, ErrorBox, FieldMessage, Problem};
use crate::api::coordination::{known_issues, AffectedToo, AnnounceKnownIssue, WithdrawKnownIssue};
use crate::domain::TicketNumber;
use crate::types::{KnownIssue, TicketExtras};
use crate::ui::{t, use_locale};
use leptos::prelude::*;

/// The known issues announced now, each with "This affects me too" (or the reader's own ticket
/// about it). Shows nothing when there are none.
#[component]
pub fn KnownBanner() -> impl IntoView {
    let list = Resource::new(|| (), |_| known_issues());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                view! { <KnownNotices issues=list.await.unwrap_or_default() /> }
            })}
        </Transition>
    }
}

/// The banner for known issues a page has already read (a ticket's page reads them with the
/// ticket, so the banner is there as soon as the ticket is, and stays put when it is read again).
#[component]
pub fn KnownNotices(issues: Vec<KnownIssue>) -> impl IntoView {
    (!issues.is_empty()).then(|| {
        view! {
            <section class="known-issues" aria-label=t("known-heading")>
                {issues
                    .into_iter()
                    .map(|issue| view! { <KnownNotice issue=issue /> })
                    .collect_view()}
            </section>
        }
    })
}

/// One known issue: its notice, how many it affects, and the reader's part in it.
#[component]
fn KnownNotice(issue: KnownIssue) -> impl IntoView {
    let loc = use_locale();
    let mine = RwSignal::new(issue.mine);
    let affected = RwSignal::new(issue.affected);
    // A form, so it also works before (or without) the page's script: the server answers with
    // the page again, showing the reader's ticket.
    let join = ServerAction::<AffectedToo>::new();
    Effect::new(move |_| {
        if let Some(Ok(n)) = join.value().get() {
            if mine.get_untracked().is_none() {
                affected.update(|a| *a += 1);
            }
            mine.set(Some(n));
        }
    });
    let problem = Signal::derive(move || {
        join.value()
            .get()
            .and_then(|r| r.err())
            .map(|e| e.message(&loc))
    });
    let id = issue.id;
    let since = ago(issue.since);
    view! {
        <div class="known-issue" role="status">
            <p class="known-notice">
                <strong>{t("known-label")}</strong>
                " "
                {issue.notice.clone()}
            </p>
            <p class="muted">
                {move || loc.t_with("known-affected", &[("count", affected.get().into())])} " · "
                {since}
            </p>
            {move || match mine.get() {
                Some(n) => view! { <YoursAbout number=n /> }.into_any(),
                None => {
                    view! {
                        <ActionForm action=join attr:class="inline">
                            <input type="hidden" name="id" value=id.to_string() />
                            <button
                                type="submit"
                                class="primary me-too"
                                disabled=move || join.pending().get()
                            >
                                {t("known-me-too")}
                            </button>
                        </ActionForm>
                    }
                        .into_any()
                }
            }}
            <Problem problem />
        </div>
    }
}

/// The reader's own ticket about a known issue.
#[component]
fn YoursAbout(number: TicketNumber) -> impl IntoView {
    view! {
        <p class="known-mine">
            {t("known-on-it")} " " <a href=format!("/tickets/{number}")>{number.to_string()}</a>
        </p>
    }
}

/// A coordinator announces the ticket as a known issue, changes its notice or takes it down.
#[component]
pub fn KnownIssueForm(
    extras: TicketExtras,
    number: String,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let announced = extras.known_notice.clone();
    let is_announced = announced.is_some();
    // Nothing to show (and nothing to send) to someone who may not announce a ticket that is
    // not announced.
    if !(extras.can_announce || is_announced) {
        return None;
    }
    let announce = ServerAction::<AnnounceKnownIssue>::new();
    let withdraw = ServerAction::<WithdrawKnownIssue>::new();
    Effect::new(move |_| {
        if matches!(announce.value().get(), Some(Ok(_)))
            | matches!(withdraw.value().get(), Some(Ok(_)))
        {
            reload.update(|r| *r += 1);
        }
    });
    let error = action_error(announce);
    let notice = announced.unwrap_or_default();
    let take_down_number = number.clone();
    Some(view! {
        <section class="known-form" aria-labelledby="known-h">
            <h2 id="known-h">{t("known-issue")}</h2>
            <p class="muted">
                {if is_announced { t("known-announced") } else { t("known-explain") }}
            </p>
            {(is_announced && !extras.can_announce)
                .then(|| view! { <p class="known-notice">{notice.clone()}</p> })}
            {extras
                .can_announce
                .then(|| {
                    view! {
                        <ActionForm action=announce attr:class="form inline-form">
                            <input type="hidden" name="number" value=number.clone() />
                            <ErrorBox error=not_field(error) />
                            <label for="known-notice">{t("known-notice")}</label>
                            <input
                                id="known-notice"
                                name="notice"
                                maxlength="200"
                                value=notice.clone()
                                aria-describedby="notice-error"
                            />
                            <FieldMessage error=error field="notice" />
                            <button
                                type="submit"
                                class="primary"
                                disabled=move || announce.pending().get()
                            >
                                {if is_announced { t("known-update") } else { t("known-announce") }}
                            </button>
                        </ActionForm>
                    }
                })}
            {(is_announced && extras.can_announce)
                .then(|| {
                    view! {
                        <ActionForm action=withdraw attr:class="inline">
                            <input type="hidden" name="number" value=take_down_number.clone() />
                            <button type="submit" class="small">
                                {t("known-take-down")}
                            </button>
                        </ActionForm>
                    }
                })}
        </section>
    })
}

/// The known issues on the board, with how many people each affects, kept live by the board.
#[component]
pub fn KnownStrip(
    known: RwSignal<Vec<KnownIssue>>,
    open: RwSignal<Option<String>>,
) -> impl IntoView {
    let loc = use_locale();
    view! {
        <Show when=move || !known.read().is_empty()>
            <section class="known-strip" aria-label=t("known-heading")>
                <For each=move || known.get() key=|k| (k.id, k.affected, k.notice.clone()) let:k>
                    {
                        let number = k.ticket.map(|n| n.to_string()).unwrap_or_default();
                        let label = number.clone();
                        view! {
                            <p class="known-issue">
                                <strong>{t("known-label")}</strong>
                                " "
                                <a
                                    href=format!("/tickets/{number}")
                                    on:click=move |ev| {
                                        ev.prevent_default();
                                        open.set(Some(number.clone()));
                                    }
                                >
                                    {label}
                                </a>
                                " "
                                {k.notice.clone()}
                                " · "
                                <span class="known-count">
                                    {loc.t_with("known-affected", &[("count", k.affected.into())])}
                                </span>
                            </p>
                        }
                    }
                </For>
            </section>
        </Show>
    }
}
