//! The knowledge base and past fixes: who reads and writes articles, how their Markdown becomes
//! safe HTML, and what the desk already knows about a ticket or a request being typed.
//!
//! Readers: published articles for everyone are read by anyone, also without an account (the
//! help pages are public, so a link in a tracking mail works); staff read every article, drafts
//! and staff-only ones too. Staff write and edit; coordinators publish. A guessed id of an article
//! the reader may not read answers "not found".

use super::coordination::field_errors;
use super::db::{ArticleFilter, ArticleRow, Db};
use super::service::load_visible;
use super::AppState;
use crate::domain::knowledge::{self, ArticleDraft, ArticleState, Audience, Personal};
use crate::domain::visibility::Visibility;
use crate::domain::{Status, TicketNumber, User};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::types::{Article, ArticlePage, ArticleSummary, KnownAnswers, PastFix};

/// The most articles a list or a search shows.
const LIST_MAX: i64 = 50;

/// Markdown (CommonMark with tables and strike-through) as HTML that cannot run anything: no
/// script, style or event handler, links only to http(s), mail and relative addresses, each with
/// `rel="noopener noreferrer"`.
pub fn render_markdown(markdown: &str) -> String {
    use pulldown_cmark::{html, Options, Parser};
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .clean(&raw)
        .to_string()
}

/// The words of Markdown without its marks and without any HTML in it, for excerpts.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => out.push(' '),
            _ => {}
        }
    }
    out
}

fn is_staff(actor: Option<&User>) -> bool {
    actor.is_some_and(|u| u.role.is_staff())
}

/// Whether `actor` (or someone without an account) may read the article.
fn may_read(actor: Option<&User>, row: &ArticleRow) -> bool {
    is_staff(actor) || (row.state == ArticleState::Published && row.audience == Audience::Everyone)
}

/// The article as `actor` may receive it: outside IT without the owner's address or the ticket
/// it came from.
fn present(actor: Option<&User>, row: ArticleRow) -> Article {
    let staff = is_staff(actor);
    let mut owner = row.owner;
    if !staff {
        owner.email.clear();
    }
    Article {
        id: row.id,
        html: render_markdown(&row.body),
        title: row.title,
        body: row.body,
        category: row.category,
        category_name: row.category_name,
        tags: row.tags,
        audience: row.audience,
        state: row.state,
        owner,
        source_ticket: row
            .source_ticket_id
            .filter(|_| staff)
            .map(TicketNumber::from_id),
        reviewed_at: row.reviewed_at,
        updated_at: row.updated_at,
        version: row.version,
        views: row.views,
        helped: row.helped,
        not_helped: row.not_helped,
    }
}

fn summary(row: &ArticleRow) -> ArticleSummary {
    ArticleSummary {
        id: row.id,
        title: row.title.clone(),
        excerpt: knowledge::excerpt(&plain_text(&row.body), 200),
        audience: row.audience,
        state: row.state,
        updated_at: row.updated_at,
    }
}

/// The articles `actor` may read that match `query` (best first), or the newest.
pub async fn articles(
    state: &AppState,
    actor: Option<&User>,
    query: &str,
) -> Result<Vec<ArticleSummary>, AppError> {
    let staff = is_staff(actor);
    let filter = ArticleFilter {
        words: knowledge::keywords(query, 12),
        staff,
        drafts: staff,
        limit: LIST_MAX,
    };
    // Only common words typed: nothing to search for is not "everything".
    if filter.words.is_empty() && !query.trim().is_empty() {
        return Ok(Vec::new());
    }
    let rows = state.db.articles(&filter).await?;
    Ok(rows.iter().map(summary).collect())
}

pub(crate) async fn readable(
    state: &AppState,
    actor: Option<&User>,
    id: i64,
) -> Result<ArticleRow, AppError> {
    match state.db.article(id).await? {
        Some(row) if may_read(actor, &row) => Ok(row),
        _ => Err(AppError::NotFound),
    }
}

/// One article with what its reader may do; counts the view.
pub async fn article_page(
    state: &AppState,
    actor: Option<&User>,
    id: i64,
) -> Result<ArticlePage, AppError> {
    let row = readable(state, actor, id).await?;
    state.db.count_article_view(id, state.clock.now()).await?;
    let staff = is_staff(actor);
    let revisions = if staff {
        state.db.article_revisions(id).await?
    } else {
        Vec::new()
    };
    let answered = match actor {
        Some(u) => Db::article_answer(&mut *state.db.conn().await?, id, u.id).await?,
        None => None,
    };
    let mut article = present(actor, row);
    article.views += 1;
    Ok(ArticlePage {
        article,
        revisions,
        can_edit: staff,
        answered,
    })
}

/// One article as the REST API returns it (no view counted).
pub async fn article(state: &AppState, actor: &User, id: i64) -> Result<Article, AppError> {
    let row = readable(state, Some(actor), id).await?;
    Ok(present(Some(actor), row))
}

/// Writes a new article (`id` none) or a new version of one that is still at `version`. Staff
/// only; only coordinators publish or take back to draft.
pub async fn save_article(
    state: &AppState,
    actor: &User,
    id: Option<i64>,
    version: Option<i64>,
    draft: ArticleDraft,
) -> Result<Article, AppError> {
    if !actor.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    let valid = draft.parse().map_err(field_errors)?;
    let category_id = match &valid.category {
        None => None,
        Some(slug) => Some(
            state
                .db
                .category(slug)
                .await?
                .ok_or_else(|| AppError::field("category", "err-kb-category"))?
                .0,
        ),
    };
    let existing = match id {
        Some(id) => Some(state.db.article(id).await?.ok_or(AppError::NotFound)?),
        None => None,
    };
    let now_state = existing.as_ref().map_or(ArticleState::Draft, |a| a.state);
    let state_after = valid.state.unwrap_or(now_state);
    if state_after != now_state && !actor.role.coordinates() {
        return Err(AppError::field("state", "err-kb-only-coordinators-publish"));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    let id = match existing {
        Some(a) => {
            let version = version.unwrap_or(a.version);
            if !Db::update_article(
                &mut tx,
                a.id,
                version,
                &valid,
                category_id,
                state_after,
                actor.id,
                now,
            )
            .await?
            {
                return Err(AppError::Conflict);
            }
            a.id
        }
        None => {
            let source = match valid.source_ticket {
                None => None,
                Some(number) => {
                    let row = load_visible(&mut tx, actor, number)
                        .await
                        .map_err(|_| AppError::field("source_ticket", "err-ticket-number"))?;
                    Some(row.id)
                }
            };
            Db::insert_article(
                &mut tx,
                &valid,
                category_id,
                state_after,
                actor.id,
                source,
                now,
            )
            .await?
        }
    };
    tx.commit().await?;
    tracing::info!(article.id = id, state = %state_after, "article saved");
    article(state, actor, id).await
}

/// Counts an answer to "did this help?" from a reader who may read the article.
pub async fn answer(
    state: &AppState,
    actor: Option<&User>,
    id: i64,
    helped: bool,
) -> Result<(), AppError> {
    readable(state, actor, id).await?;
    state
        .db
        .answer_article(id, actor.map(|u| u.id), helped, state.clock.now())
        .await
}

/// A new article's draft from a resolved ticket: its title, the problem and the solution, with
/// the requester's personal details left out, in the writer's language.
pub async fn draft_from_ticket(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
    locale: &Locale,
) -> Result<ArticleDraft, AppError> {
    if !actor.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    let mut conn = state.db.conn().await?;
    let row = load_visible(&mut conn, actor, number).await?;
    drop(conn);
    let t = &row.ticket;
    if !matches!(t.status, Status::Resolved | Status::Closed) {
        return Err(AppError::field("source_ticket", "err-kb-not-resolved"));
    }
    let who = Personal {
        name: &t.requester.name,
        email: &t.requester.email,
        contact: t.contact.as_deref(),
        asset_tag: t.asset_tag.as_deref(),
    };
    let hidden = locale.t("kb-left-out");
    let clean = |text: &str| knowledge::without_personal(text, &who, &hidden);
    let body = format!(
        "## {}\n\n{}\n\n## {}\n\n{}\n",
        locale.t("kb-from-ticket-problem"),
        clean(&t.description),
        locale.t("kb-from-ticket-solution"),
        clean(t.resolution.as_deref().unwrap_or_default()),
    );
    Ok(ArticleDraft {
        title: clean(&t.title),
        body,
        category: t.category.clone(),
        audience: Audience::Everyone.as_str().into(),
        source_ticket: number.to_string(),
        ..Default::default()
    })
}

/// The most past fixes and articles shown beside a ticket or a request.
const ANSWERS_MAX: i64 = 3;

/// What the desk already knows about a ticket (staff): resolved tickets like it, each with its
/// fix, and published articles about it.
pub async fn answers_for_ticket(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
) -> Result<KnownAnswers, AppError> {
    if !actor.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    let mut conn = state.db.conn().await?;
    let row = load_visible(&mut conn, actor, number).await?;
    drop(conn);
    // The title's words first, then the description's: eight are enough to find its like, and
    // each more word is another prefix the search expands.
    let words = knowledge::keywords(
        &format!("{} {}", row.ticket.title, row.ticket.description),
        8,
    );
    answers(state, actor, &words, Some(row.id), None).await
}

/// What the desk already knows about a request being typed: published articles for everyone and
/// the person's own resolved tickets that match its words.
pub async fn answers_for_request(
    state: &AppState,
    actor: &User,
    title: &str,
    description: &str,
) -> Result<KnownAnswers, AppError> {
    let words = knowledge::keywords(&format!("{title} {description}"), 12);
    answers(state, actor, &words, None, Some(actor.id)).await
}

async fn answers(
    state: &AppState,
    actor: &User,
    words: &[String],
    except: Option<i64>,
    requester: Option<i64>,
) -> Result<KnownAnswers, AppError> {
    if words.is_empty() {
        return Ok(KnownAnswers::default());
    }
    let visibility = Visibility::of(actor);
    let filter = ArticleFilter {
        words: words.to_vec(),
        staff: actor.role.is_staff(),
        drafts: false,
        limit: ANSWERS_MAX,
    };
    // Past fixes and articles are searched side by side, each on a connection of its own: the
    // answer waits for the slower, not for both.
    let (solved, articles) = tokio::try_join!(
        state
            .db
            .solved_like(words, except, requester, &visibility, ANSWERS_MAX),
        state.db.articles(&filter),
    )?;
    let fixes = solved
        .into_iter()
        .map(|s| PastFix {
            number: TicketNumber::from_id(s.id),
            title: s.title,
            resolution: s.resolution,
            fixed_by: s.fixed_by,
            fixed_at: s.fixed_at,
            open: s.open,
        })
        .collect();
    Ok(KnownAnswers {
        fixes,
        articles: articles.iter().map(summary).collect(),
    })
}

/// An answer offered on the request form.
#[derive(Clone, Copy, Debug)]
pub enum Offered {
    Article(i64),
    Ticket(TicketNumber),
}

/// Counts an answer opened from the request form by someone signed in who may read it, and
/// answers where it is: the article's or the ticket's page.
pub async fn open_offered(
    state: &AppState,
    actor: Option<&User>,
    offered: Offered,
) -> Result<String, AppError> {
    let now = state.clock.now();
    match offered {
        Offered::Article(id) => {
            if let Some(user) = actor {
                if readable(state, actor, id).await.is_ok() {
                    state
                        .db
                        .record_answer_open(user.id, Some(id), None, now)
                        .await?;
                }
            }
            Ok(format!("/help/{id}"))
        }
        Offered::Ticket(number) => {
            if let Some(user) = actor {
                let mut conn = state.db.conn().await?;
                let seen = load_visible(&mut conn, user, number).await.is_ok();
                drop(conn);
                if seen {
                    state
                        .db
                        .record_answer_open(user.id, None, Some(number.id()), now)
                        .await?;
                }
            }
            Ok(format!("/tickets/{number}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_hold_words_not_markup() {
        let text = plain_text(
            "# Fix\n\nPress **Reset** `now`.\n\n<script>alert(1)</script>\n\n- one\n- two",
        );
        assert_eq!(
            knowledge::excerpt(&text, 200),
            "Fix Press Reset now. one two"
        );
    }
}
