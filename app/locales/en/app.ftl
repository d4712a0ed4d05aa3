## Header and navigation
nav-skip = Skip to content
nav-menu = Menu
nav-close-menu = Close menu
nav-main = Main
nav-board = Board
nav-my-work = My work
nav-my-requests = My requests
nav-new-request = New request
nav-roster = Roster
nav-reports = Reports
nav-projects = Projects
nav-recurring = Recurring
nav-work-orders = Work orders
nav-people = People
nav-service-levels = Service levels
nav-webhooks = Webhooks
nav-sign-out = Sign out
nav-sign-in = Sign in

## Start page
home-title = Switchboard — IT help desk
home-heading = IT help, without the phone tag
home-lead = Tell us what is wrong, follow your request to the end, and get the right technician on it.
home-signed-in-as = Signed in as
home-go-requests = Go to my requests
home-go-work-orders = Go to my work orders
home-go-work = Go to my work
home-go-board = Go to my board
home-report-problem = Report a problem
home-create-account = Create an account

## Pages that are not there or not for you
page-not-found-title = Not found — Switchboard
page-not-found = There is nothing here, or you may not see it.
page-back-to-start = Back to the start
page-loading = Loading…
page-not-allowed = Not allowed
page-not-your-role = This page is not part of your role.
page-sign-in-to-see = You need to sign in to see this page.

## Your account
me-title = Your account — Switchboard
me-heading = Your account
me-language-and-zone = Language and time zone
me-language = Language
me-time-zone = Time zone
me-time-now = Your time now: { $now }
me-save-language-and-zone = Save language and time zone
me-change-password = Change password
me-password-changed = Password changed. Your other sessions and API tokens were ended.
me-current-password = Current password
me-new-password = New password (at least 10 characters)
me-api-tokens = API tokens
me-api-tokens-intro = For scripts and other tools that use Switchboard's REST API as you.
me-token-copy-now = Copy your new token now; it is not shown again:
me-no-tokens = No tokens.
me-token-expires = expires { $day }
me-token-last-used = last used { $when }
me-token-never-used = never used
me-token-revoke = Revoke
me-token-name = Token name
me-token-name-example = Monitoring
me-token-days = Expires after (days, at most 366)
me-token-create = Create token
offline-banner = You are offline. What you type stays here and nothing is sent until the network is back.
offline-title = You are offline
offline-body = Switchboard needs the network to show this page. Your unsent notes are kept on this device.
offline-try-again = Try again
