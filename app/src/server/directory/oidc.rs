//! Signing in with an OpenID provider (Microsoft Entra ID, Google Workspace, Keycloak, …): the
//! authorization code flow with PKCE, `state` and `nonce`, and an ID token whose signature,
//! issuer, audience and expiry are checked before anyone is let in.
//!
//! What a sign-in needs to remember between leaving for the provider and coming back (the
//! `state`, the `nonce` and the PKCE verifier) travels in an HttpOnly cookie scoped to
//! `/auth/oidc`: any process behind a load balancer can finish the sign-in, and a callback
//! arriving in a browser that did not start it is refused. The provider's metadata and keys are
//! discovered at the first sign-in and again every few minutes, or at once when a token is signed
//! with a key not seen yet (the provider rotated its keys).

use super::{account_for, Person};
use crate::domain::directory::RoleMap;
use crate::domain::User;
use crate::error::AppError;
use crate::server::AppState;
use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreErrorResponseType,
    CoreGenderClaim, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreProviderMetadata, CoreRevocableToken, CoreRevocationErrorResponse,
    CoreTokenIntrospectionResponse, CoreTokenType,
};
pub use openidconnect::ClientSecret;
use openidconnect::{
    AdditionalClaims, AuthorizationCode, Client, ClientId, CsrfToken, EmptyExtraTokenFields,
    EndpointMaybeSet, EndpointNotSet, EndpointSet, HttpRequest, HttpResponse, IdTokenFields,
    IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RequestTokenError, Scope,
    StandardErrorResponse, StandardTokenResponse, TokenResponse,
};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The directory's name for OpenID Connect in the database.
pub const OIDC: &str = "oidc";
/// Google's issuer.
pub const GOOGLE: &str = "https://accounts.google.com";
/// The cookie that carries a sign-in in progress.
pub const PENDING_COOKIE: &str = "sb_oidc";
/// Where the provider sends people back to, under the public address.
pub const CALLBACK_PATH: &str = "/auth/oidc/callback";
/// How long someone may take at the provider.
pub const PENDING_SECS: u64 = 600;
/// How long discovered metadata and keys are used before they are fetched again.
const METADATA_TTL: Duration = Duration::from_secs(600);
/// Clock difference tolerated between Switchboard and the provider.
const LEEWAY_SECS: i64 = 60;
/// No answer from a provider is this large (discovery documents and key sets are a few KiB).
const MAX_ANSWER: usize = 1 << 20;

/// A provider's claims besides the standard ones; the role claim is read from these.
#[derive(Clone, Debug, Default, serde::Deserialize, serde::Serialize)]
pub struct ExtraClaims {
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}
impl AdditionalClaims for ExtraClaims {}

type Fields = IdTokenFields<
    ExtraClaims,
    EmptyExtraTokenFields,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;
type Tokens = StandardTokenResponse<Fields, CoreTokenType>;
type OidcClient = Client<
    ExtraClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    Tokens,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// How an OpenID provider is connected.
#[derive(Clone, Debug)]
pub struct OidcSettings {
    /// The issuer exactly as the provider writes it (compared string for string).
    pub issuer: String,
    pub client_id: String,
    /// Printed as `[redacted]` by `Debug`.
    pub client_secret: Option<ClientSecret>,
    /// What the sign-in button names ("Sign in with <label>").
    pub label: String,
    /// Scopes asked for besides `openid`.
    pub scopes: Vec<String>,
    /// The claim listing someone's groups (or app roles) for the role map.
    pub role_claim: Option<String>,
    pub roles: RoleMap,
    /// Take the provider's `email` as proven even without `email_verified` (Entra ID sends none).
    pub trust_email: bool,
    /// Only addresses in these domains sign in (empty: any the provider vouches for).
    pub email_domains: Vec<String>,
    /// The whole callback address registered at the provider.
    pub redirect_url: String,
}

impl OidcSettings {
    /// Checks what can be checked before the provider is ever asked: an issuer over HTTPS
    /// (plain HTTP only on this machine, for a lab), a client id, a usable callback address.
    pub fn check(&self) -> Result<(), String> {
        let issuer = reqwest::Url::parse(&self.issuer).map_err(|e| format!("not a URL: {e}"))?;
        let host = issuer.host_str().unwrap_or_default();
        let loopback = host == "localhost"
            || host
                .trim_start_matches('[')
                .trim_end_matches(']')
                .parse::<std::net::IpAddr>()
                .is_ok_and(|a| a.is_loopback());
        match issuer.scheme() {
            "https" => {}
            "http" if loopback => {}
            _ => return Err("the issuer must be an https:// address".into()),
        }
        if issuer.query().is_some() || issuer.fragment().is_some() {
            return Err("the issuer has no query or fragment".into());
        }
        if self.client_id.trim().is_empty() {
            return Err("the client id is empty".into());
        }
        if self
            .client_secret
            .as_ref()
            .is_some_and(|s| s.secret().is_empty())
        {
            return Err("the client secret is empty".into());
        }
        RedirectUrl::new(self.redirect_url.clone()).map_err(|e| format!("callback: {e}"))?;
        Ok(())
    }

    /// Google vouches for the address of any Google account, also a personal one made with a
    /// work address (which outlives the job): with domains set, Google's sign-ins must come from
    /// the organisation's Workspace, which it names in the `hd` claim.
    pub fn hosted_domain_ok(&self, hd: Option<&str>) -> bool {
        self.issuer != GOOGLE
            || self.email_domains.is_empty()
            || hd.is_some_and(|hd| self.email_domains.contains(&hd.to_ascii_lowercase()))
    }

    /// Whether an address is in one of the organisation's domains (any, when none are set).
    pub fn admits(&self, email: &str) -> bool {
        let domain = email
            .rsplit_once('@')
            .filter(|(_, d)| d.is_ascii())
            .map(|(_, d)| d.to_ascii_lowercase());
        self.email_domains.is_empty() || domain.is_some_and(|d| self.email_domains.contains(&d))
    }
}

/// A connected OpenID provider: its settings, an HTTP client that follows no redirects, and the
/// metadata last discovered.
#[derive(Clone, Debug)]
pub struct OidcProvider {
    pub settings: OidcSettings,
    http: reqwest::Client,
    discovered: Arc<tokio::sync::Mutex<Option<(Instant, CoreProviderMetadata)>>>,
}

/// Why a sign-in through the provider did not let someone in; the sign-in page explains each.
#[derive(Debug)]
pub enum Refusal {
    /// The person cancelled at the provider, or it refused them.
    Cancelled,
    /// No sign-in in progress in this browser, or it took too long.
    Expired,
    /// Something did not check out (state, code, token); the log says what.
    Refused,
    /// The provider did not vouch for the person's address.
    Unverified,
    /// The provider could not be reached or answered nonsense.
    Unavailable,
    /// The address is outside the organisation's domains.
    Outside,
    /// The account cannot be used (deactivated, an admin's address, …).
    Account(AppError),
}

impl Refusal {
    /// The reason's code in the sign-in page's address (`/login?signin=…`).
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Cancelled => "cancelled",
            Refusal::Expired => "expired",
            Refusal::Refused => "refused",
            Refusal::Unverified => "unverified",
            Refusal::Unavailable => "unavailable",
            Refusal::Outside => "outside",
            Refusal::Account(AppError::Deactivated) => "deactivated",
            Refusal::Account(AppError::DirectoryConflict) => "conflict",
            Refusal::Account(AppError::DirectoryUnusable) => "unusable",
            Refusal::Account(_) => "unavailable",
        }
    }
}

/// The provider's answer to the browser, as it arrives at the callback.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
    /// RFC 9207: who issued the answer, when the provider says.
    pub iss: Option<String>,
}

/// A sign-in in progress, as the pending cookie keeps it.
#[derive(Debug, PartialEq, Eq)]
pub struct Pending {
    pub state: String,
    pub nonce: String,
    pub verifier: String,
}

impl Pending {
    pub fn to_cookie_value(&self) -> String {
        format!("{}.{}.{}", self.state, self.nonce, self.verifier)
    }

    pub fn from_cookie_value(value: &str) -> Option<Pending> {
        let mut parts = value.split('.');
        let (state, nonce, verifier) = (parts.next()?, parts.next()?, parts.next()?);
        let fine = |s: &str| {
            !s.is_empty()
                && s.len() <= 128
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        };
        (parts.next().is_none() && fine(state) && fine(nonce) && fine(verifier)).then(|| Pending {
            state: state.into(),
            nonce: nonce.into(),
            verifier: verifier.into(),
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error(transparent)]
    Request(#[from] reqwest::Error),
    #[error(transparent)]
    Http(#[from] openidconnect::http::Error),
    #[error("the provider's answer is larger than {MAX_ANSWER} bytes")]
    TooLarge,
}

/// One request to the provider through our own client (no redirects followed, a time limit, a
/// size limit).
async fn send(client: reqwest::Client, request: HttpRequest) -> Result<HttpResponse, HttpError> {
    let mut answer = client.execute(reqwest::Request::try_from(request)?).await?;
    let mut response = openidconnect::http::Response::builder().status(answer.status());
    for (name, value) in answer.headers() {
        response = response.header(name, value);
    }
    let mut body = Vec::new();
    while let Some(chunk) = answer.chunk().await? {
        if body.len() + chunk.len() > MAX_ANSWER {
            return Err(HttpError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(response.body(body)?)
}

impl OidcProvider {
    /// `ca_pem`: certificates to trust for the provider besides the public roots.
    pub fn new(settings: OidcSettings, ca_pem: Option<&[u8]>) -> Result<OidcProvider, String> {
        settings.check()?;
        let extra_roots = match ca_pem {
            Some(pem) => reqwest::Certificate::from_pem_bundle(pem)
                .map_err(|e| format!("certificates: {e}"))?,
            None => Vec::new(),
        };
        let mut http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .user_agent("Switchboard");
        for root in extra_roots {
            http = http.add_root_certificate(root);
        }
        Ok(OidcProvider {
            settings,
            http: http.build().map_err(|e| e.to_string())?,
            discovered: Arc::default(),
        })
    }

    /// The provider's metadata and keys: the cached ones while fresh, else discovered again.
    async fn metadata(&self, fresh: bool) -> Result<CoreProviderMetadata, Refusal> {
        let mut cached = self.discovered.lock().await;
        if let Some((at, metadata)) = cached.as_ref() {
            if !fresh && at.elapsed() < METADATA_TTL {
                return Ok(metadata.clone());
            }
        }
        let issuer = IssuerUrl::new(self.settings.issuer.clone()).map_err(|e| {
            tracing::warn!(error = %e, "OpenID issuer is not a URL");
            Refusal::Unavailable
        })?;
        let http = |request| send(self.http.clone(), request);
        match CoreProviderMetadata::discover_async(issuer, &http).await {
            Ok(metadata) => {
                *cached = Some((Instant::now(), metadata.clone()));
                Ok(metadata)
            }
            Err(e) => {
                tracing::warn!(error = %e, issuer = %self.settings.issuer, "OpenID discovery failed");
                // Keys that worked a moment ago still verify tokens signed with them.
                cached
                    .as_ref()
                    .map(|(_, metadata)| metadata.clone())
                    .ok_or(Refusal::Unavailable)
            }
        }
    }

    fn client(&self, metadata: CoreProviderMetadata) -> Result<OidcClient, Refusal> {
        // The secret in the form rather than in Basic authentication where the provider takes
        // both: Basic form-encodes it first, which some providers (Entra ID's secrets hold `~`)
        // do not decode.
        let post = metadata
            .token_endpoint_auth_methods_supported()
            .is_some_and(|methods| {
                methods.contains(&openidconnect::core::CoreClientAuthMethod::ClientSecretPost)
            });
        let auth_type = if post {
            openidconnect::AuthType::RequestBody
        } else {
            openidconnect::AuthType::BasicAuth
        };
        let redirect = RedirectUrl::new(self.settings.redirect_url.clone()).map_err(|e| {
            tracing::warn!(error = %e, "OpenID callback is not a URL");
            Refusal::Unavailable
        })?;
        Ok(OidcClient::from_provider_metadata(
            metadata,
            ClientId::new(self.settings.client_id.clone()),
            self.settings.client_secret.clone(),
        )
        .set_redirect_uri(redirect)
        .set_auth_type(auth_type))
    }

    /// Where to send the browser to sign in, and what to remember until it comes back.
    pub async fn begin(&self) -> Result<(String, Pending), Refusal> {
        let client = self.client(self.metadata(false).await?)?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .set_pkce_challenge(challenge);
        for scope in &self.settings.scopes {
            if scope != "openid" {
                request = request.add_scope(Scope::new(scope.clone()));
            }
        }
        let (url, state, nonce) = request.url();
        Ok((
            url.to_string(),
            Pending {
                state: state.secret().clone(),
                nonce: nonce.secret().clone(),
                verifier: verifier.secret().clone(),
            },
        ))
    }

    /// Finishes a sign-in: the answer must belong to the sign-in this browser started, its code
    /// is exchanged (with the PKCE verifier) and the ID token checked; then the person's account
    /// is found, linked or created.
    pub async fn finish(
        &self,
        state: &AppState,
        pending: Option<Pending>,
        answer: Callback,
    ) -> Result<User, Refusal> {
        let Some(pending) = pending else {
            return Err(Refusal::Expired);
        };
        if answer.state.as_deref() != Some(pending.state.as_str()) {
            tracing::warn!("OpenID callback with a state this browser did not start");
            return Err(Refusal::Refused);
        }
        if let Some(error) = &answer.error {
            let error: String = error
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                .take(64)
                .collect();
            tracing::info!(%error, "OpenID provider answered with an error");
            return Err(Refusal::Cancelled);
        }
        // A mix-up: an answer from another provider than the one asked.
        if answer
            .iss
            .as_deref()
            .is_some_and(|iss| iss != self.settings.issuer)
        {
            tracing::warn!("OpenID callback from another issuer");
            return Err(Refusal::Refused);
        }
        let Some(code) = answer.code.filter(|c| !c.is_empty() && c.len() <= 4096) else {
            return Err(Refusal::Refused);
        };
        let metadata = self.metadata(false).await?;
        let client = self.client(metadata)?;
        let http = |request| send(self.http.clone(), request);
        let tokens = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| {
                tracing::warn!(error = %e, "OpenID provider has no token endpoint");
                Refusal::Unavailable
            })?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.verifier))
            .request_async(&http)
            .await
            .map_err(|e| match e {
                RequestTokenError::ServerResponse(e) => {
                    tracing::warn!(error = %e.error(), "OpenID provider refused the code");
                    Refusal::Refused
                }
                e => {
                    tracing::warn!(error = %e, "OpenID token request failed");
                    Refusal::Unavailable
                }
            })?;
        let Some(id_token) = tokens.id_token() else {
            tracing::warn!("OpenID provider sent no ID token");
            return Err(Refusal::Refused);
        };
        let nonce = Nonce::new(pending.nonce);
        let verify = |client: &OidcClient| {
            let verifier = client
                .id_token_verifier()
                // `exp` with some leeway for clocks that differ a little; an `iat` in the future
                // is refused with the same leeway.
                .set_time_fn(|| chrono::Utc::now() - chrono::TimeDelta::seconds(LEEWAY_SECS))
                .set_issue_time_verifier_fn(|iat| {
                    if iat > chrono::Utc::now() + chrono::TimeDelta::seconds(LEEWAY_SECS) {
                        Err("issued in the future".to_string())
                    } else {
                        Ok(())
                    }
                });
            id_token.claims(&verifier, &nonce).cloned()
        };
        let claims = match verify(&client) {
            Err(openidconnect::ClaimsVerificationError::SignatureVerification(
                openidconnect::SignatureVerificationError::NoMatchingKey,
            )) => {
                // Signed with a key published since the last discovery.
                verify(&self.client(self.metadata(true).await?)?)
            }
            other => other,
        }
        .map_err(|e| {
            tracing::warn!(error = %e, "OpenID ID token refused");
            Refusal::Refused
        })?;
        let email = claims.email().map(|e| e.as_str().to_string());
        let verified = claims.email_verified() == Some(true) || self.settings.trust_email;
        let Some(email) = email.filter(|_| verified) else {
            tracing::info!(sub = %claims.subject().as_str(), "OpenID provider vouched for no address");
            return Err(Refusal::Unverified);
        };
        let hosted = claims
            .additional_claims()
            .other
            .get("hd")
            .and_then(|v| v.as_str());
        if !self.settings.admits(&email) || !self.settings.hosted_domain_ok(hosted) {
            tracing::info!(sub = %claims.subject().as_str(), "OpenID sign-in from outside the organisation's domains");
            return Err(Refusal::Outside);
        }
        let name = claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().to_string())
            .or_else(|| claims.preferred_username().map(|u| u.as_str().to_string()))
            .unwrap_or_default();
        // A token without the claim at all (a scope not granted, Entra ID's group overage) says
        // nothing about groups: roles are left as they are rather than taken away.
        let claim = self
            .settings
            .role_claim
            .as_deref()
            .and_then(|claim| claims.additional_claims().other.get(claim));
        let no_map = RoleMap::default();
        let roles = match claim {
            Some(_) => &self.settings.roles,
            None => {
                if self.settings.role_claim.is_some() {
                    tracing::info!(sub = %claims.subject().as_str(), "ID token without the role claim; roles left as they are");
                }
                &no_map
            }
        };
        let groups = groups_in(claim);
        // The same subject at another issuer (a new tenant, another provider) is someone else.
        let person = Person {
            id: format!("{}#{}", self.settings.issuer, claims.subject().as_str()),
            email,
            name,
            groups,
        };
        let (user, active) = account_for(state, OIDC, &person, roles)
            .await
            .map_err(|e| {
                tracing::warn!(error = %e, sub = %person.id, "OpenID sign-in found no usable account");
                Refusal::Account(e)
            })?;
        if !active {
            return Err(Refusal::Account(AppError::Deactivated));
        }
        Ok(user)
    }
}

/// The issuer's host, the button's name when none is given.
pub fn host_of(issuer: &str) -> String {
    reqwest::Url::parse(issuer)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| issuer.to_string())
}

/// A top-level group written as a path (`/it-staff`, Keycloak's "full group path") by its name.
fn group_name(group: &str) -> String {
    match group.strip_prefix('/') {
        Some(name) if !name.contains('/') => name.to_string(),
        _ => group.to_string(),
    }
}

/// The groups in a role claim: a list of names, or one name (some providers send a string when
/// there is only one).
fn groups_in(claim: Option<&serde_json::Value>) -> Vec<String> {
    match claim {
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str())
            .map(group_name)
            .collect(),
        Some(serde_json::Value::String(one)) => vec![group_name(one)],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(issuer: &str) -> OidcSettings {
        OidcSettings {
            issuer: issuer.into(),
            client_id: "switchboard".into(),
            client_secret: Some(ClientSecret::new("secret".into())),
            label: "Contoso".into(),
            scopes: vec!["openid".into(), "email".into()],
            role_claim: None,
            roles: RoleMap::default(),
            trust_email: false,
            email_domains: Vec::new(),
            redirect_url: "https://desk.example.org/auth/oidc/callback".into(),
        }
    }

    #[test]
    fn issuers_speak_https_except_on_this_machine() {
        assert!(settings("https://login.microsoftonline.com/tenant/v2.0")
            .check()
            .is_ok());
        assert!(settings("http://127.0.0.1:8080").check().is_ok());
        assert!(settings("http://localhost:8080/realms/it").check().is_ok());
        assert!(settings("http://idp.example.org").check().is_err());
        assert!(settings("http://10.0.0.5").check().is_err());
        assert!(settings("ftp://idp.example.org").check().is_err());
        assert!(settings("https://idp.example.org/?tenant=x")
            .check()
            .is_err());
        assert!(settings("not a url").check().is_err());
        let mut no_client = settings("https://idp.example.org");
        no_client.client_id = " ".into();
        assert!(no_client.check().is_err());
    }

    #[test]
    fn only_the_organisations_domains_sign_in_when_set() {
        let mut s = settings("https://accounts.google.com");
        assert!(s.admits("anyone@gmail.com"));
        s.email_domains = vec!["example.org".into()];
        assert!(s.admits("rita@Example.ORG"));
        assert!(!s.admits("rita@gmail.com"));
        assert!(!s.admits("rita@example.org.evil.net"));
        assert!(!s.admits("rita@sub.example.org"));
        assert!(!s.admits("no-at-sign"));
    }

    #[test]
    fn google_sign_ins_come_from_the_workspace_when_domains_are_set() {
        let mut s = settings(GOOGLE);
        assert!(s.hosted_domain_ok(None), "no domains, no demand");
        s.email_domains = vec!["example.org".into()];
        assert!(s.hosted_domain_ok(Some("Example.org")));
        assert!(
            !s.hosted_domain_ok(None),
            "a personal account with a work address"
        );
        assert!(!s.hosted_domain_ok(Some("other.org")));
        let mut keycloak = settings("https://sso.example.org/realms/it");
        keycloak.email_domains = vec!["example.org".into()];
        assert!(keycloak.hosted_domain_ok(None), "hd is Google's alone");
        assert!(!s.admits("boss@ban\u{212A}.org"));
    }

    #[test]
    fn the_secret_is_never_printed() {
        let printed = format!("{:?}", settings(GOOGLE));
        assert!(!printed.contains("secret\""), "{printed}");
    }

    #[test]
    fn the_pending_cookie_holds_exactly_what_was_put_in() {
        let pending = Pending {
            state: "s-1_A".into(),
            nonce: "n".into(),
            verifier: "v".repeat(43),
        };
        let value = pending.to_cookie_value();
        assert_eq!(Pending::from_cookie_value(&value), Some(pending));
        for bad in [
            "", "a.b", "a.b.c.d", "a..c", "a.b.c;d", "a.b.<c>", "a b.c.d",
        ] {
            assert_eq!(Pending::from_cookie_value(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_role_claim_is_a_list_or_a_single_name() {
        let list = serde_json::json!(["it-staff", 7, "it-coordinators"]);
        assert_eq!(groups_in(Some(&list)), ["it-staff", "it-coordinators"]);
        assert_eq!(
            groups_in(Some(&serde_json::json!("it-staff"))),
            ["it-staff"]
        );
        assert!(groups_in(Some(&serde_json::json!({"a": 1}))).is_empty());
        let paths = serde_json::json!(["/it-staff", "/eu/it-staff"]);
        assert_eq!(groups_in(Some(&paths)), ["it-staff", "/eu/it-staff"]);
        assert!(groups_in(None).is_empty());
    }
}
