## Signing in, creating an account, confirming the address, setting a forgotten password

# Sign in
account-verified-notice = Your email is confirmed. Sign in with your password.
account-reset-notice = Your new password is set, and every earlier session ended. Sign in with it.
account-sign-in-title = Sign in — Switchboard
account-sign-in = Sign in
account-email = Email
account-login = Email or user name
account-password = Password
account-hide-password = Hide
account-show-password = Show
account-signing-in = Signing in…
account-forgot-link = Forgot your password?
account-no-account = No account yet?
account-create-one = Create one

# Sign in with the company account (OpenID Connect)
# $provider: the name the desk gave its sign-in (e.g. Contoso, Google).
account-sso-button = Sign in with { $provider }
account-sso-or = or with a password
account-signin-cancelled = The sign-in with your company account was cancelled.
account-signin-expired = The sign-in took too long or was started in another browser. Try again.
account-signin-refused = The company account's answer could not be checked, so you were not signed in. Try again; if it keeps happening, tell IT.
account-signin-unverified = Your company account has no confirmed email address, so Switchboard cannot tell who you are. Ask IT to check it.
account-signin-unavailable = The company sign-in cannot be reached right now. Try again in a few minutes.
account-signin-deactivated = This account is deactivated. Ask IT if you need it again.
account-signin-conflict = This address belongs to an administrator's account, which is never linked to a company account. Administrators sign in with their password.
account-signin-unusable = Your company account cannot be used here: its address is missing or already belongs to another account. Ask IT to check it.
account-signin-outside = Only accounts of the organisation can sign in here. Sign in with your work account.

# Create an account
account-register-title = Create an account — Switchboard
account-register-heading = Create an account
# $email: the address the link went to (shown in bold).
account-register-sent = We sent a link to { $email }. Open it within 24 hours to confirm the address is yours; then sign in.
account-your-name = Your name
account-work-email = Work email
account-password-rule = Password (at least 10 characters)
account-create-account = Create account

# Confirm the address
account-verify-title = Confirm your email — Switchboard
account-verify-heading = Confirm your email
account-verify-intro = Confirm that this address is yours to finish creating your account.
account-verify-button = Confirm my email

# Forgotten password
account-forgot-title = Forgot your password — Switchboard
account-forgot-heading = Forgot your password
account-forgot-sent = If that address has an account, a link to set a new password is on its way. It works once, for 30 minutes.
account-send-link = Send me a link

# New password
account-reset-title = Set a new password — Switchboard
account-reset-heading = Set a new password
account-checking-link = Checking your link…
# Followed by a link with account-ask-new-link and a full stop.
account-link-expired = This link has expired or was used already.
account-ask-new-link = Ask for a new one
account-new-password-rule = New password (at least 10 characters)
account-set-password = Set password
