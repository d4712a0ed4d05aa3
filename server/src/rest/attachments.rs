//! Files on tickets: uploaded as multipart (from integrations, and from the ticket page's form,
//! which works without JavaScript), listed, read and removed with the ticket's permissions.
//! Files are served so they cannot run: only raster images inline, everything else as a
//! download, never sniffed, in a sandbox.

use super::*;
use app::domain::attachment::{self, Attachment, MAX_FILES_PER_POST};
use app::domain::same_site_path;
use app::server::service::{AttachInput, Upload, FILE_FIELD};
use axum::extract::Multipart;

/// What a post carried: the files and the text fields (a note, a visibility, where a page's
/// form wants to go back to, or a whole request form's fields).
pub struct Posted {
    pub files: Vec<Upload>,
    pub fields: Vec<(String, String)>,
    /// A limit was crossed while reading: the field error to answer with.
    pub refused: Option<AppError>,
}

impl Posted {
    fn field(&self, name: &str) -> Option<String> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }
}

/// Reads a multipart body field by field, never more than the limits allow in memory: a file
/// over the size limit is read to its end and dropped, so the sender gets an answer rather than
/// a reset connection.
pub async fn read_post(state: &AppState, mut form: Multipart) -> Result<Posted, AppError> {
    let max = state.settings.attachment_max_bytes as usize;
    let unreadable = || AppError::field(FILE_FIELD, "err-attachment-upload");
    let mut posted = Posted {
        files: Vec::new(),
        fields: Vec::new(),
        refused: None,
    };
    // The whole body may hold the most files of the largest size, and the form's text.
    let mut budget = max * MAX_FILES_PER_POST + 1024 * 1024;
    while let Some(mut field) = form.next_field().await.map_err(|_| unreadable())? {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let mut bytes = Vec::new();
        let mut over = false;
        while let Some(chunk) = field.chunk().await.map_err(|_| unreadable())? {
            budget = budget
                .checked_sub(chunk.len())
                .ok_or(AppError::PayloadTooLarge)?;
            let limit = if name == "file" { max } else { 64 * 1024 };
            if bytes.len() + chunk.len() > limit {
                over = true;
                continue;
            }
            bytes.extend_from_slice(&chunk);
        }
        match name.as_str() {
            "file" => {
                // A file input left empty posts a part without a name and without bytes.
                let Some(file_name) = file_name.filter(|n| !n.is_empty()) else {
                    continue;
                };
                if over {
                    posted.refused.get_or_insert(AppError::field_msg(
                        FILE_FIELD,
                        app::i18n::Msg::new("err-attachment-too-large")
                            .number("max", (max as u64 / app::server::state::MB) as i64),
                    ));
                } else {
                    posted.files.push(Upload {
                        name: file_name,
                        bytes,
                    });
                }
            }
            _ if file_name.is_some() => {}
            _ => {
                if over {
                    posted
                        .refused
                        .get_or_insert(AppError::field(&name, "err-form-text-too-long"));
                    continue;
                }
                let text = String::from_utf8(bytes).map_err(|_| unreadable())?;
                if posted.fields.len() < 200 {
                    posted.fields.push((name, text));
                }
            }
        }
    }
    Ok(posted)
}

/// Whether the request is a page's form posted without JavaScript (it wants a page back).
fn from_a_page(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"))
}

/// Sends a page's form back to where it came from, with the refusal's code when there is one.
fn back_to(return_to: Option<&str>, number: &str, error: Option<&AppError>) -> Response {
    let page = return_to
        .and_then(same_site_path)
        .unwrap_or_else(|| format!("/tickets/{number}"));
    let page = page
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .to_string();
    let to = match error.map(service::refusal_code) {
        Some(code) => format!("{page}?attach_error={code}#attach"),
        None => format!("{page}#files"),
    };
    axum::response::Redirect::to(&to).into_response()
}

/// What a post of files carries.
#[derive(ToSchema)]
#[expect(
    dead_code,
    reason = "describes the form for the API's description; read_post reads its parts one by one"
)]
pub(super) struct UploadForm {
    /// One part per file (at most 10), each within the desk's size limit; the type is read
    /// from the bytes: images, PDF, office documents, text and logs, archives.
    #[schema(value_type = Vec<String>, format = Binary)]
    file: Vec<Vec<u8>>,
    /// A note the files come with.
    note: Option<String>,
    /// `internal` (default) or `public`.
    visibility: Option<String>,
    /// For a page's form posted without JavaScript: the page to go back to.
    return_to: Option<String>,
}

/// Attaches files to a ticket, with a note if one comes with them. A page's form posted
/// without JavaScript (`Accept: text/html`) is sent back to its page instead.
#[utoipa::path(
    post,
    path = "/tickets/{number}/attachments",
    tag = "attachments",
    params(("number" = String, Path, description = "`SB-1042`")),
    request_body(content = inline(UploadForm), content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "The files as stored", body = AttachmentList),
        (status = 303, description = "Back to the page that posted the form",
            headers(("Location" = String, description = "The page"))),
    )
)]
pub(super) async fn upload(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(n): ApiPath<String>,
    headers: HeaderMap,
    form: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> ApiResult<Response> {
    let page = from_a_page(&headers);
    let asked = number(&n)?;
    let form = form.map_err(|_| {
        AppError::BadRequest("Send the files as multipart/form-data with a `file` part".into())
    })?;
    let posted = read_post(&state, form).await?;
    let (return_to, note) = (posted.field("return_to"), posted.field("note"));
    let result = match posted.refused {
        Some(e) => Err(e),
        None => {
            let visibility = match posted.field("visibility").as_deref().map(str::trim) {
                None | Some("") => Ok(NoteVisibility::Internal),
                Some(v) => v
                    .parse::<NoteVisibility>()
                    .map_err(|_| AppError::field("visibility", "err-attachment-visibility")),
            };
            match visibility {
                Ok(visibility) => {
                    service::attach(
                        &state,
                        &user,
                        asked,
                        posted.files,
                        AttachInput { note, visibility },
                    )
                    .await
                }
                Err(e) => Err(e),
            }
        }
    };
    if page {
        return match result {
            Ok(_) => Ok(back_to(return_to.as_deref(), &n, None)),
            Err(e @ AppError::Validation(_)) => Ok(back_to(return_to.as_deref(), &n, Some(&e))),
            Err(e) => Err(ApiError(e)),
        };
    }
    let files = result?;
    Ok((StatusCode::CREATED, Json(attachment_list(&files))).into_response())
}

/// A file on a ticket.
#[derive(Serialize, ToSchema)]
pub(super) struct AttachmentView {
    /// A random id.
    id: String,
    name: String,
    /// The type read from its bytes.
    media_type: String,
    /// Bytes.
    size: i64,
    /// `internal` (IT only) or `public`.
    visibility: NoteVisibility,
    /// The note it came with.
    note_id: Option<i64>,
    uploaded_by: Uploader,
    #[schema(format = DateTime)]
    created_at: String,
    /// Where its bytes are read.
    url: String,
}

/// Who attached a file: a first name without an address for readers outside IT.
#[derive(Serialize, ToSchema)]
pub(super) struct Uploader {
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    name: String,
}

/// Files.
#[derive(Serialize, ToSchema)]
pub(super) struct AttachmentList {
    items: Vec<AttachmentView>,
}

/// A file as the API shows it.
fn attachment_json(a: &Attachment) -> AttachmentView {
    AttachmentView {
        id: a.id.clone(),
        name: a.name.clone(),
        media_type: a.media_type.clone(),
        size: a.size,
        visibility: if a.internal {
            NoteVisibility::Internal
        } else {
            NoteVisibility::Public
        },
        note_id: a.note_id,
        uploaded_by: Uploader {
            email: Some(a.uploader.email.clone()).filter(|e| !e.is_empty()),
            name: a.uploader.name.clone(),
        },
        created_at: api_time(a.created_at),
        url: format!("/api/v1/attachments/{}", a.id),
    }
}

fn attachment_list(files: &[Attachment]) -> AttachmentList {
    AttachmentList {
        items: files.iter().map(attachment_json).collect(),
    }
}

/// The files on a ticket the caller may see.
#[utoipa::path(
    get,
    path = "/tickets/{number}/attachments",
    tag = "attachments",
    operation_id = "list_attachments",
    params(("number" = String, Path, description = "`SB-1042`")),
    responses((status = 200, description = "The files", body = AttachmentList))
)]
pub(super) async fn list(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(n): ApiPath<String>,
) -> ApiResult<Response> {
    let files = service::attachments(&state, &user, number(&n)?).await?;
    Ok(Json(attachment_list(&files)).into_response())
}

/// The bytes: images this desk shows inline, everything else as a download; the type is the
/// one read from the bytes, and nothing may run or be sniffed.
#[utoipa::path(
    get,
    path = "/attachments/{id}",
    tag = "attachments",
    operation_id = "download_attachment",
    params(("id" = String, Path, description = "The file's id")),
    responses((status = 200, description = "The file", body = Vec<u8>, content_type = "*/*",
        headers(
            ("Content-Type" = String, description = "The type read from the bytes"),
            ("Content-Disposition" = String, description = "`inline` for images, else `attachment`, with the name"),
        )))
)]
pub(super) async fn download(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Response> {
    let (file, bytes) = service::open_attachment(&state, &user, &id).await?;
    Ok(served(&file, bytes))
}

/// The response that carries a file's bytes.
fn served(file: &Attachment, bytes: Vec<u8>) -> Response {
    let inline = file.kind().inline();
    let headers = [
        (header::CONTENT_TYPE, file.kind().media_type().to_string()),
        (
            header::CONTENT_DISPOSITION,
            attachment::content_disposition(inline, &file.name),
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox".to_string(),
        ),
        // Private to the reader; the content behind an id never changes.
        (header::CACHE_CONTROL, "private, max-age=86400".to_string()),
    ];
    (headers, bytes).into_response()
}

/// A public file through a tracking link (someone without an account).
#[utoipa::path(
    get,
    path = "/track/{token}/attachments/{id}",
    tag = "attachments",
    security(()),
    params(
        ("token" = String, Path, description = "The private link's token"),
        ("id" = String, Path, description = "The file's id"),
    ),
    responses((status = 200, description = "The file", body = Vec<u8>, content_type = "*/*",
        headers(("Content-Disposition" = String, description = "`inline` for images, else `attachment`, with the name"))))
)]
pub(super) async fn download_through_link(
    State(state): State<AppState>,
    ApiPath((token, id)): ApiPath<(String, String)>,
) -> ApiResult<Response> {
    let (file, bytes) = service::open_through_link(&state, &token, &id).await?;
    Ok(served(&file, bytes))
}

/// Removes a file (its uploader or a coordinator); the history keeps its name.
#[utoipa::path(
    delete,
    path = "/attachments/{id}",
    tag = "attachments",
    operation_id = "remove_attachment",
    params(("id" = String, Path, description = "The file's id")),
    responses((status = 204, description = "Removed"))
)]
pub(super) async fn remove(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Response> {
    service::remove_attachment(&state, &user, &id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Where the page that removed a file wants to go back to.
#[derive(Deserialize, ToSchema)]
pub(super) struct RemoveForm {
    return_to: Option<String>,
}

/// The ticket page's remove button, which works without JavaScript: back to the page.
#[utoipa::path(
    post,
    path = "/attachments/{id}/remove",
    tag = "attachments",
    operation_id = "remove_attachment_from_page",
    params(("id" = String, Path, description = "The file's id")),
    request_body(content = RemoveForm, content_type = "application/x-www-form-urlencoded"),
    responses((status = 303, description = "Back to the ticket's page",
        headers(("Location" = String, description = "The page"))))
)]
pub(super) async fn remove_from_page(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(id): ApiPath<String>,
    form: Result<axum::extract::Form<RemoveForm>, axum::extract::rejection::FormRejection>,
) -> ApiResult<Response> {
    let axum::extract::Form(form) = form.map_err(|_| {
        AppError::BadRequest("Send the form as application/x-www-form-urlencoded".into())
    })?;
    let return_to = form.return_to;
    let number = service::remove_attachment(&state, &user, &id).await?;
    Ok(back_to(return_to.as_deref(), &number.to_string(), None))
}
