//! Service-level policies (admins edit; staff read).

use crate::error::AppError;
use crate::types::PolicyForm;
use leptos::prelude::*;

#[server(endpoint = "sla_policies", output = crate::api::JsonAnswer)]
pub async fn sla_policies() -> Result<Vec<PolicyForm>, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::sla::policies(&state, &user).await
}

#[server(input = leptos::server_fn::codec::Json, endpoint = "save_sla_policy", output = crate::api::JsonAnswer)]
pub async fn save_sla_policy(policy: PolicyForm) -> Result<PolicyForm, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::sla::save_policy(&state, &user, policy).await
}
