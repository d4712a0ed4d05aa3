# Administration: the technician roster, people and categories, service levels, webhooks; notifications are in ../notifications.ftl.

## Technician roster
admin-roster-title = Roster — Switchboard
admin-roster-heading = Technician roster
admin-roster-lead = Tier, skills, capacity and availability decide who is suggested for a ticket.
admin-roster-saved = Saved.
admin-loading = Loading…
admin-roster-recent-changes = Recent changes
admin-teams-heading = Teams
admin-teams-assigns-automatically = assigns automatically
admin-teams-name = Team name
admin-teams-name-placeholder = e.g. Network
admin-teams-members = Members (emails, comma separated)
admin-teams-auto-assign = Assign new requests automatically (balanced among qualified, available members with room)
admin-teams-save = Save team
admin-routing-heading = Routing
admin-routing-category = Category
admin-routing-goes-to = goes to the queue of
admin-routing-every-technician = every technician
admin-routing-route = Route
admin-roster-entry-for = Roster entry for { $name }
admin-roster-save-person = Save { $name }
# $count: open tickets assigned to the person; $teams: their teams, comma separated (may be empty)
admin-roster-open-load = { $count } open · { $teams }
admin-roster-tier = Tier
admin-roster-tier-1 = 1 front line
admin-roster-tier-2 = 2 specialist
admin-roster-tier-3 = 3 expert
admin-roster-capacity = Capacity
admin-roster-availability = Availability
admin-roster-off-until-option = Off until…
admin-roster-off-until = Off until
admin-roster-skills = Skills

## People, accounts and categories
admin-people-title = People — Switchboard
admin-people-heading = People
admin-people-role-of = Role of { $name }
admin-people-change-role = Change role
admin-people-deactivated = Deactivated
admin-people-reactivate = Reactivate
admin-people-deactivate = Deactivate
admin-account-add-heading = Add an account
admin-name = Name
admin-email = Email
admin-role = Role
admin-account-first-password = First password (at least 10 characters)
admin-account-add = Add account
admin-categories-heading = Categories
admin-category-field-required = { $label } (required)
admin-category-no-questions = no extra questions
admin-category-slug = Category key (new or existing)
admin-category-name-placeholder = Printing
# "required" and "optional" are the words the server reads: keep them in English.
admin-category-fields = Questions, one per line: key | Label | required or optional | hint
admin-category-fields-placeholder = printer | Printer name | required | on the sticker
admin-category-save = Save category

## Service levels
sla-page-title = Service levels — Switchboard
sla-page-heading = Service levels
sla-page-lead-clock = Targets count working time in each policy's calendar and stop while a ticket waits on the requester, a third party or facility work.
sla-page-lead-choice = A ticket uses the first policy naming its category, else one naming the team its category is routed to, else the default (no categories, no teams). Saving recomputes every open ticket.
sla-page-loading = Loading…
sla-page-add-policy = Add a policy
sla-page-saved = Saved “{ $name }”; open tickets were recomputed.
sla-page-new-policy = New policy
# The rule words (response, resolution, notify assignee …) are read by the server: keep them in English.
sla-page-rules = Escalation rules, one per line: share of a target, clock, actions
sla-page-rules-hint = Actions: notify assignee, notify coordinators, notify watchers, raise priority, reassign (to the best-ranked available specialist).
sla-page-save = Save policy
sla-page-name = Name
sla-page-categories = Categories (keys, comma-separated)
sla-page-teams = Teams (names, comma-separated)
sla-page-teams-placeholder = Network
sla-page-time-zone = Time zone
sla-page-hours = Working hours
sla-page-holidays = Holidays (YYYY-MM-DD)
sla-page-at-risk = At risk after (% of a target used)
sla-page-targets-caption = Targets in minutes of working time
sla-page-priority = Priority
sla-page-first-response = First response
sla-page-resolution = Resolution
sla-page-around-the-clock = Around the clock
# $priority: P1 … P4
sla-page-response-minutes = { $priority } first response minutes
sla-page-resolution-minutes = { $priority } resolution minutes
sla-page-around-the-clock-label = { $priority } counts around the clock

## The roster's log of changes
audit-updated = { $actor } changed { $subject }: { $detail }
audit-saved = { $actor } saved { $subject }: { $detail }
audit-deactivated = { $actor } deactivated { $subject }; their sessions and tokens ended
audit-reactivated = { $actor } reactivated { $subject }; they may sign in again
audit-password = { $actor } changed the password of { $subject }; every session and API token ended
audit-routed = { $actor } routed { $subject } to { $detail }
audit-created = { $actor } created { $subject } as { $detail }
audit-role = { $actor } changed the role of { $subject }: { $detail }
audit-other = { $actor }: { $action } { $subject } { $detail }
audit-someone = Someone
audit-everyone = everyone
audit-subject-user = the account { $name }
audit-subject-team = the team { $name }
audit-subject-category = the category { $name }
audit-subject-policy = the SLA policy { $name }
audit-detail-role = { $from } → { $to }
audit-detail-profile = tier { $tier }, capacity { $capacity }, { $availability }, skills { $skills }
audit-detail-profile-until = tier { $tier }, capacity { $capacity }, { $availability } until { $until }, skills { $skills }

## Webhooks (admins)
webhooks-title = Webhooks — Switchboard
webhooks-heading = Webhooks
webhooks-lead = Other tools hear about tickets here: each event is sent to the address, signed with the webhook's secret, and retried for more than a day until it arrives. A Slack or Teams channel gets a message with the ticket.
webhooks-none = No webhooks yet.
webhooks-since = Added { $when }
webhooks-deliveries = Recent deliveries
webhooks-no-deliveries = Nothing sent yet.
webhooks-delivery-pending = Waiting
webhooks-delivery-sent = Sent
webhooks-delivery-failed = Given up
webhooks-attempts = { $count ->
    [0] not tried yet
    [one] one attempt
   *[other] { $count } attempts
}
webhooks-answer = Answer { $status }: { $body }
webhooks-resend = Send again
webhooks-remove = Remove this webhook
webhooks-add-heading = Add a webhook
webhooks-url = Address
webhooks-url-hint = An https:// address on the internet; Switchboard does not send to addresses inside the network.
webhooks-format = Format
webhooks-events = Events
webhooks-secret = Secret (optional)
webhooks-secret-hint = At least 16 characters. Left empty, Switchboard makes one up.
webhooks-add = Add the webhook
webhooks-added = Added. Its secret, shown only this once, for the receiving tool to check signatures:
webhook-format-json = Switchboard JSON, signed
webhook-format-slack = Slack message
webhook-format-teams = Microsoft Teams card

## Company sign-in (the people page)
directory-heading = Company sign-in
directory-none = No company directory or OpenID provider is connected: everyone signs in with a Switchboard password. See the README to connect Active Directory, LDAP, Entra ID or Google.
directory-oidc = OpenID provider
directory-oidc-client = Client id
directory-oidc-callback = Redirect URL (register it at the provider)
directory-oidc-scopes = Scopes
directory-oidc-roles = Roles from the claim { $claim }
directory-oidc-email-trusted = Addresses are taken as confirmed without email_verified (--oidc-trust-email).
directory-oidc-email-verified = An address counts only when the provider confirms it (email_verified).
directory-oidc-domains = Addresses admitted
directory-oidc-domains-any = any the provider vouches for
directory-ldap = LDAP directory
directory-security-ldaps = TLS (LDAPS)
directory-security-starttls = TLS (StartTLS)
directory-security-none = not encrypted (lab only)
directory-finding = Finds people
directory-finds-search = by the service account's search:
directory-finds-template = by binding as:
directory-roles = Roles from groups
directory-roles-none = none: roles are set here
directory-sync = Sync
directory-sync-every = every { $hours } hours
directory-sync-off = not by itself
directory-sync-now = Sync now
directory-sync-unavailable = The sync needs a service account (--ldap-bind-dn)
directory-never-synced = Not synced yet.
directory-synced = Last sync { $when }: { $count } people in the directory.
directory-syncing = A sync started { $when } is running.
directory-sync-failed = The sync of { $when } failed: { $why }
directory-sync-timeout = the directory did not answer within five minutes
directory-sync-listed-no-one = the directory listed no one, so nobody was deactivated (check the base DN, the filter and the service account's rights)
directory-passwords-everyone = Switchboard passwords work for everyone without a directory account.
directory-passwords-admins = Switchboard passwords work for admins only; everyone else signs in with the company account.
directory-changes = Recent changes by the directory
directory-no-changes = The directory has not created, linked or deactivated anyone yet.
directory-created = created
directory-linked = linked to the directory
directory-role-changed = role changed
directory-deactivated = deactivated (no longer in the directory)

## What a Slack or Teams channel shows of a webhook's event
webhook-event-filed = New ticket
webhook-event-assigned = Assigned
webhook-event-status-changed = Status changed
webhook-event-priority-changed = Priority changed
webhook-event-escalated = Escalated
webhook-event-sla-at-risk = Service level at risk
webhook-event-sla-breached = Service level breached
webhook-event-note-public = New message to the requester
webhook-event-note-internal = New internal note
webhook-event-resolved = Resolved
webhook-card-priority = Priority
webhook-card-status = Status
