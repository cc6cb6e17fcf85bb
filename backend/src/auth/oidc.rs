//! Single sign-on with OpenID Connect (F1.1, F1.2): authorization code flow
//! with PKCE (S256), `state` and `nonce` kept in a pending-login record in the
//! session and checked at the callback, full ID-token validation, and matching
//! to the staff directory. Discovery happens in the background with back-off,
//! so an unreachable provider never stops the server from starting; until it
//! succeeds the readiness endpoint says not ready and sign-in answers 503.

mod identity;
mod login;
mod logout;

use identity::*;
pub use login::*;
pub use logout::*;

use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use openidconnect::core::{
    CoreAuthDisplay, CoreClaimName, CoreClaimType, CoreClient, CoreClientAuthMethod, CoreGrantType,
    CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJweKeyManagementAlgorithm,
    CoreResponseMode, CoreResponseType, CoreSubjectIdentifierType,
};
use openidconnect::{
    AdditionalProviderMetadata, EndpointMaybeSet, EndpointNotSet, EndpointSet, ProviderMetadata,
    RedirectUrl,
};
use serde::{Deserialize, Serialize};
use tokio::sync::RwLock;
use tower_sessions::Session;

use crate::config::OidcConfig;

/// The provider's logout endpoint, which the core metadata type leaves out.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct LogoutMetadata {
    /// RP-initiated logout endpoint.
    pub end_session_endpoint: Option<String>,
}
impl AdditionalProviderMetadata for LogoutMetadata {}

type Metadata = ProviderMetadata<
    LogoutMetadata,
    CoreAuthDisplay,
    CoreClientAuthMethod,
    CoreClaimName,
    CoreClaimType,
    CoreGrantType,
    CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm,
    CoreJsonWebKey,
    CoreResponseMode,
    CoreResponseType,
    CoreSubjectIdentifierType,
>;

type DiscoveredClient = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// A discovered provider.
struct Provider {
    client: DiscoveredClient,
    end_session: Option<String>,
    /// The provider's published keys, for logout tokens.
    jwks: openidconnect::core::CoreJsonWebKeySet,
}

/// The relying party: configuration, an HTTP client that follows no
/// redirects, and the provider once discovered.
#[derive(Clone)]
pub struct Oidc {
    config: OidcConfig,
    redirect: RedirectUrl,
    post_logout: String,
    http: openidconnect::reqwest::Client,
    provider: Arc<RwLock<Option<Arc<Provider>>>>,
    last_refresh: Arc<tokio::sync::Mutex<Option<std::time::Instant>>>,
}

/// Session key of the pending login.
const PENDING_KEY: &str = "oidc_pending";
/// Session key of the ID token, kept as the hint for RP-initiated logout.
const ID_TOKEN_KEY: &str = "oidc_id_token";

/// What the session remembers between the redirect and the callback.
#[derive(Debug, Serialize, Deserialize)]
struct PendingLogin {
    state: String,
    nonce: String,
    pkce_verifier: String,
    return_to: String,
}

impl Oidc {
    /// A relying party for this configuration and public URL.
    pub fn new(config: OidcConfig, public_url: &str) -> anyhow::Result<Self> {
        let http = openidconnect::reqwest::ClientBuilder::new()
            // Following a redirect from the provider's endpoints would let a
            // compromised endpoint send us anywhere (SSRF).
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(10))
            .build()?;
        Ok(Self {
            redirect: RedirectUrl::new(format!("{public_url}/auth/callback"))?,
            post_logout: format!("{public_url}/"),
            config,
            http,
            provider: Arc::new(RwLock::new(None)),
            last_refresh: Arc::new(tokio::sync::Mutex::new(None)),
        })
    }

    /// Whether discovery has succeeded.
    pub async fn is_ready(&self) -> bool {
        self.provider.read().await.is_some()
    }

    /// Discovers the provider, retrying with back-off until it answers.
    pub fn spawn_discovery(&self) -> tokio::task::JoinHandle<()> {
        let this = self.clone();
        tokio::spawn(async move {
            let mut wait = Duration::from_secs(1);
            loop {
                match this.discover().await {
                    Ok(provider) => {
                        *this.provider.write().await = Some(Arc::new(provider));
                        tracing::info!(issuer = %this.config.issuer.as_str(), "OpenID Connect provider discovered");
                        return;
                    }
                    Err(err) => {
                        tracing::warn!(error = %err, retry_in = ?wait, "OpenID Connect discovery failed");
                        tokio::time::sleep(wait).await;
                        wait = (wait * 2).min(Duration::from_secs(60));
                    }
                }
            }
        })
    }

    async fn discover(&self) -> anyhow::Result<Provider> {
        let metadata = Metadata::discover_async(self.config.issuer.clone(), &self.http).await?;
        let end_session = metadata.additional_metadata().end_session_endpoint.clone();
        let jwks = metadata.jwks().clone();
        let client = CoreClient::from_provider_metadata(
            metadata,
            self.config.client_id.clone(),
            self.config.client_secret.clone(),
        )
        .set_redirect_uri(self.redirect.clone());
        Ok(Provider {
            client,
            end_session,
            jwks,
        })
    }

    async fn provider(&self) -> Result<Arc<Provider>, Response> {
        self.provider.read().await.clone().ok_or_else(|| {
            (StatusCode::SERVICE_UNAVAILABLE, "Sign-in is not available yet: the identity provider cannot be reached. Try again in a minute.")
                .into_response()
        })
    }

    /// Discovers the provider again to pick up rotated keys, unless that was
    /// done in the last minute (so bad tokens cannot hammer the provider).
    async fn refresh_keys(&self) -> Option<Arc<Provider>> {
        {
            let mut last = self.last_refresh.lock().await;
            if last.is_some_and(|at| at.elapsed() < Duration::from_secs(60)) {
                return None;
            }
            *last = Some(std::time::Instant::now());
        }
        match self.discover().await {
            Ok(provider) => {
                let provider = Arc::new(provider);
                *self.provider.write().await = Some(provider.clone());
                tracing::info!("OpenID Connect provider keys refreshed");
                Some(provider)
            }
            Err(err) => {
                tracing::warn!(error = %err, "could not refresh the provider's keys");
                None
            }
        }
    }

    /// Where to send the browser to end the session at the provider too.
    pub async fn logout_url(&self, id_token: Option<&str>) -> Option<String> {
        let provider = self.provider.read().await.clone()?;
        let endpoint = provider.end_session.as_ref()?;
        let mut url = url::Url::parse(endpoint).ok()?;
        {
            let mut query = url.query_pairs_mut();
            query.append_pair("post_logout_redirect_uri", &self.post_logout);
            query.append_pair("client_id", self.config.client_id.as_str());
            if let Some(token) = id_token {
                query.append_pair("id_token_hint", token);
            }
        }
        Some(url.to_string())
    }
}

/// The ID token remembered for logout, if any.
pub async fn remembered_id_token(session: &Session) -> Option<String> {
    session.get(ID_TOKEN_KEY).await.ok().flatten()
}
