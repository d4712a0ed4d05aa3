//! Files on tickets: attached with the ticket's permissions, typed from their bytes, photos
//! without their location, read by exactly those who may read their note or ticket.

use super::*;
use crate::domain::attachment::{self, Attachment, Sniffed, MAX_FILES_PER_POST};
use crate::server::db::{AttachmentRow, NewAttachment};
use crate::server::state::MB;
use sha2::{Digest, Sha256};

/// One file as it arrived: the name the sender gave and its bytes (what the sender said the
/// type was is never asked).
#[derive(Clone)]
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Upload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upload")
            .field("name", &self.name)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

/// What comes with the files: a note (optional) and whether both are for IT only.
pub struct AttachInput {
    pub note: Option<String>,
    pub visibility: NoteVisibility,
}

/// Files posted with the request form by a browser without JavaScript: read before the form's
/// fields reach `file_request`, which attaches them to the ticket it files (or refuses the form
/// with the files' error).
#[derive(Clone)]
pub struct PostedFiles(std::sync::Arc<std::sync::Mutex<Option<PostedResult>>>);

/// The files read from a post, or why they were refused.
pub type PostedResult = Result<Vec<Upload>, AppError>;

impl PostedFiles {
    pub fn new(files: PostedResult) -> Self {
        PostedFiles(std::sync::Arc::new(std::sync::Mutex::new(Some(files))))
    }

    /// The files, once.
    pub fn take(&self) -> Option<PostedResult> {
        self.0.lock().ok()?.take()
    }
}

/// The code a page shows a refusal of files by (`?attach_error=`); the page knows each one's
/// words and limits.
pub fn refusal_code(e: &AppError) -> &'static str {
    let key = match e {
        AppError::Validation(fields) => fields.first().map(|f| f.message.as_str()),
        _ => None,
    };
    match key {
        Some("err-attachment-too-large") => "too-large",
        Some("err-attachment-count") => "count",
        Some("err-attachment-empty") => "empty",
        Some("err-attachment-ticket-full") => "ticket-full",
        Some("err-attachment-none") => "none",
        Some("err-note-too-long" | "err-note-required") => "note",
        _ => "upload",
    }
}

/// The field a refused file is reported at.
pub const FILE_FIELD: &str = "file";

fn too_large(max_bytes: u64) -> AppError {
    AppError::field_msg(
        FILE_FIELD,
        Msg::new("err-attachment-too-large").number("max", (max_bytes / MB) as i64),
    )
}

/// Refuses a post whose files break a limit, before anything is written.
pub fn check_uploads(state: &AppState, files: &[Upload]) -> Result<(), AppError> {
    if files.is_empty() {
        return Err(AppError::field(FILE_FIELD, "err-attachment-none"));
    }
    if files.len() > MAX_FILES_PER_POST {
        return Err(AppError::field_msg(
            FILE_FIELD,
            Msg::new("err-attachment-count").number("max", MAX_FILES_PER_POST as i64),
        ));
    }
    for f in files {
        if f.bytes.is_empty() {
            return Err(AppError::field_msg(
                FILE_FIELD,
                Msg::new("err-attachment-empty").text("name", attachment::clean_name(&f.name)),
            ));
        }
        if f.bytes.len() as u64 > state.settings.attachment_max_bytes {
            return Err(too_large(state.settings.attachment_max_bytes));
        }
    }
    Ok(())
}

/// Attaches files to a ticket, with a note when one is given, in one change: everything is
/// stored or nothing. Requesters attach to their own open or resolved tickets (public files);
/// staff who may see the ticket choose public or internal.
#[tracing::instrument(skip_all, fields(user.id = actor.id, ticket.number = %number))]
pub async fn attach(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
    files: Vec<Upload>,
    input: AttachInput,
) -> Result<Vec<Attachment>, AppError> {
    check_uploads(state, &files)?;
    let note = match input.note.as_deref().map(str::trim) {
        Some(text) if !text.is_empty() => {
            Some(NoteBody::parse(text).map_err(|m| AppError::field("note", m))?)
        }
        _ => None,
    };
    let now = state.clock.now();
    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    let row = load_visible(w.conn(), actor, number).await?;
    let visibility = super::notes::note_visibility(actor, &row, input.visibility)?;
    let incoming: u64 = files.iter().map(|f| f.bytes.len() as u64).sum();
    let stored = Db::attachment_total(w.conn(), row.id).await?.max(0) as u64;
    if stored + incoming > state.settings.attachment_ticket_max_bytes {
        return Err(AppError::field_msg(
            FILE_FIELD,
            Msg::new("err-attachment-ticket-full").number(
                "max",
                (state.settings.attachment_ticket_max_bytes / MB) as i64,
            ),
        ));
    }
    let mut events = Vec::new();
    let note_id = match &note {
        Some(body) => {
            let (id, note_events) = super::notes::write_note(
                &mut w,
                actor,
                &row,
                body.as_str(),
                visibility,
                None,
                None,
            )
            .await?;
            events.extend(note_events);
            Some(id)
        }
        None => {
            Db::touch_ticket(w.conn(), row.id, now).await?;
            None
        }
    };
    let internal = visibility == NoteVisibility::Internal;
    let (stored_events, ids) = store_files(&mut w, actor, row.id, note_id, files, internal).await?;
    events.extend(stored_events);
    w.settle(&row, &events).await?;
    w.commit().await?;
    tracing::info!(files = ids.len(), internal, "files attached");
    let all = attachments(state, actor, number).await?;
    Ok(all.into_iter().filter(|a| ids.contains(&a.id)).collect())
}

/// Stores files on a ticket (and note) in an open change and records them: typed from their
/// bytes, photos without their location, named safely. Answers the events and the files' ids.
pub(crate) async fn store_files(
    w: &mut TicketWrite<'_>,
    actor: &User,
    ticket_id: i64,
    note_id: Option<i64>,
    files: Vec<Upload>,
    internal: bool,
) -> Result<(Vec<TicketEvent>, Vec<String>), AppError> {
    let now = w.now();
    let mut events = Vec::new();
    let mut ids = Vec::new();
    for file in files {
        let kind = Sniffed::of(&file.bytes);
        let bytes = attachment::without_location(kind, file.bytes);
        let name = attachment::clean_name(&file.name);
        let sha = hex::encode(Sha256::digest(&bytes));
        let (public_id, _) = crate::server::auth::new_token();
        let public_id = public_id[..32].to_string();
        Db::insert_attachment(
            w.conn(),
            &NewAttachment {
                public_id: &public_id,
                ticket_id,
                note_id,
                uploader_id: actor.id,
                file_name: &name,
                media_type: kind.media_type(),
                sha256: &sha,
                bytes: &bytes,
                internal,
            },
            now,
        )
        .await?;
        let event = TicketEvent::Attached { name, internal };
        w.record(ticket_id, std::slice::from_ref(&event)).await?;
        events.push(event);
        ids.push(public_id);
    }
    Ok((events, ids))
}

/// A ticket's files as `actor` may see them: internal ones for staff only.
pub async fn attachments(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
) -> Result<Vec<Attachment>, AppError> {
    let mut conn = state.db.conn().await?;
    let row = load_visible(&mut conn, actor, number).await?;
    drop(conn);
    let who = reader(actor, &row);
    Ok(state
        .db
        .attachments(row.id, who == Reader::Staff)
        .await?
        .into_iter()
        .map(|a| seen_by(actor, who, a))
        .collect())
}

/// A file as its reader may see it: outside IT, the uploader's first name only.
pub(super) fn seen_by(actor: &User, who: Reader, a: AttachmentRow) -> Attachment {
    let url = format!("/api/v1/attachments/{}", a.public_id);
    let can_remove = a.uploader_id == actor.id || actor.role.coordinates();
    presented(a, who == Reader::Staff, can_remove, url)
}

/// A ticket's public files as a tracking link shows them: first names only, fetched through
/// the link.
pub fn through_link(token: &str, rows: Vec<AttachmentRow>) -> Vec<Attachment> {
    rows.into_iter()
        .filter(|a| !a.internal)
        .map(|a| {
            let url = format!("/api/v1/track/{token}/attachments/{}", a.public_id);
            presented(a, false, false, url)
        })
        .collect()
}

/// A stored file as a page or the API shows it; `staff` readers see the uploader's address.
fn presented(a: AttachmentRow, staff: bool, can_remove: bool, url: String) -> Attachment {
    let uploader = if staff {
        a.uploader
    } else {
        PersonRef {
            email: String::new(),
            name: a.uploader.first_name().to_string(),
        }
    };
    Attachment {
        note_id: a.note_id,
        name: a.file_name,
        media_type: a.media_type,
        size: a.size,
        internal: a.internal,
        uploader,
        created_at: a.created_at,
        can_remove,
        url,
        id: a.public_id,
    }
}

/// A public file of the ticket a live tracking link opens, and its bytes; anything else is
/// `NotFound`.
pub async fn open_through_link(
    state: &AppState,
    token: &str,
    public_id: &str,
) -> Result<(Attachment, Vec<u8>), AppError> {
    let ticket_id = crate::server::portal::tracked_ticket_id(state, token).await?;
    let row = state
        .db
        .attachment(public_id)
        .await?
        .filter(|a| a.ticket_id == ticket_id && !a.internal)
        .ok_or(AppError::NotFound)?;
    let bytes = state
        .db
        .attachment_bytes(&row.sha256)
        .await?
        .ok_or(AppError::NotFound)?;
    let file = through_link(token, vec![row])
        .pop()
        .ok_or(AppError::NotFound)?;
    Ok((file, bytes))
}

/// A file and its bytes, for someone who may read it; anything else, a guessed id included,
/// answers `NotFound` exactly like a missing file.
pub async fn open_attachment(
    state: &AppState,
    actor: &User,
    public_id: &str,
) -> Result<(Attachment, Vec<u8>), AppError> {
    let (row, who) = visible_attachment(state, actor, public_id).await?;
    let bytes = state
        .db
        .attachment_bytes(&row.sha256)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((seen_by(actor, who, row), bytes))
}

async fn visible_attachment(
    state: &AppState,
    actor: &User,
    public_id: &str,
) -> Result<(AttachmentRow, Reader), AppError> {
    let valid = public_id.len() == 32 && public_id.bytes().all(|b| b.is_ascii_hexdigit());
    if !valid {
        return Err(AppError::NotFound);
    }
    let row = state
        .db
        .attachment(public_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut conn = state.db.conn().await?;
    let ticket = load_visible(&mut conn, actor, TicketNumber::from_id(row.ticket_id)).await?;
    let who = reader(actor, &ticket);
    if row.internal && who != Reader::Staff {
        return Err(AppError::NotFound);
    }
    Ok((row, who))
}

/// Removes a file: its uploader or a coordinator may. The history keeps that it existed.
#[tracing::instrument(skip_all, fields(user.id = actor.id))]
pub async fn remove_attachment(
    state: &AppState,
    actor: &User,
    public_id: &str,
) -> Result<TicketNumber, AppError> {
    let (row, _) = visible_attachment(state, actor, public_id).await?;
    if row.uploader_id != actor.id && !actor.role.coordinates() {
        return Err(AppError::Forbidden);
    }
    let now = state.clock.now();
    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    if !Db::remove_attachment(w.conn(), row.id, actor.id, now).await? {
        return Err(AppError::NotFound);
    }
    Db::touch_ticket(w.conn(), row.ticket_id, now).await?;
    w.record(
        row.ticket_id,
        &[TicketEvent::AttachmentRemoved {
            name: row.file_name,
            internal: row.internal,
        }],
    )
    .await?;
    w.commit().await?;
    Ok(TicketNumber::from_id(row.ticket_id))
}
