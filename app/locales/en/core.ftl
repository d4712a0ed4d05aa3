# Formats: chrono patterns (https://docs.rs/chrono/latest/chrono/format/strftime); the names of
# months and weekdays (%B, %b, %A, %a) are the lists below, January and Monday first.
format-datetime = %d %b %Y, %H:%M %Z
format-date = %-d %B %Y
format-time = %H:%M
format-weekday-time = %a %H:%M
format-decimal = {"."}
format-group = {","}
format-day-time = %d %b %H:%M
format-months = January February March April May June July August September October November December
format-months-short = Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec
format-weekdays = Monday Tuesday Wednesday Thursday Friday Saturday Sunday
format-weekdays-short = Mon Tue Wed Thu Fri Sat Sun

language-name = English

## Errors
error-bad_request = The request could not be read
error-validation = Please correct the highlighted fields
error-unauthenticated = Please sign in
error-bad_credentials = Email or password is not right
error-deactivated = This account is deactivated; ask IT if you need it again
error-unverified = Open the link we sent to your email first; it proves the address is yours
error-company_sign_in_only = Sign in with your company account
error-directory_unusable = Your company account has no usable email address; ask IT
error-directory_unavailable = The company directory cannot be reached; try again in a few minutes
error-directory_conflict = A Switchboard admin account has your address; sign in with its own password
error-forbidden = You are not allowed to do that
error-not_found = Not found
error-conflict = Someone else changed this ticket first; reload to see their change
error-invalid_transition = That step is not possible now
error-precondition_required = Send If-Match with the ticket's ETag
error-payload_too_large = The request is too large
error-rate_limited = Too many attempts; try again in { $seconds ->
    [one] one second
   *[other] { $seconds } seconds
}
error-busy = Switchboard is busy; nothing was saved, try again in a moment
error-internal = Something went wrong on our side; please try again
error-transport = Could not reach the server: { $why }
err-language = Choose English, Deutsch or Italiano
err-time-zone = Choose a time zone from the list, such as Europe/Rome

## Names of statuses, priorities, roles and other choices
availability-on-duty = On duty
availability-away = Away
availability-off = Off
role-requester = Requester
role-technician = Technician
role-coordinator = Coordinator
role-admin = Admin
role-facility = Facility manager
work-order-status-open = Open
work-order-status-done = Done
work-order-status-cancelled = Cancelled
link-choice-parent = is part of (parent)
link-choice-child = has as part (child)
link-choice-related = is related to
link-choice-duplicate = is a duplicate of (merge into)
notification-kind-received = My request was received
notification-kind-assigned = My request was assigned
notification-kind-waiting-on-you = IT is waiting on me
notification-kind-public-note = A message on my request
notification-kind-resolved = My request was resolved
notification-kind-closed = My request was closed
notification-kind-assigned-to-you = A ticket was assigned to me
notification-kind-requester-replied = A requester replied
notification-kind-reopened = A ticket was reopened
notification-kind-sla-warning = A service-level target is near
notification-kind-sla-breach = A service-level target was missed
notification-kind-escalation = A ticket was escalated to me
notification-kind-new-request = A new request came in
notification-kind-escalation-requested = A technician asked for escalation
notification-kind-watched-update = A ticket I watch changed
notification-kind-facility-work = Facility work was asked of me
notification-kind-facility-done = Facility work on my ticket moved on
notification-kind-merged = My request was merged into another
channel-portal = Portal
channel-phone = Phone
channel-walk-in = Walk-in
channel-email = Email
channel-api = API
channel-project = Project
channel-schedule = Schedule
status-new = New
status-assigned = Assigned
status-in-progress = In progress
status-waiting = Waiting
status-resolved = Resolved
status-closed = Closed
status-cancelled = Cancelled
waiting-on-requester = Waiting on requester
waiting-on-third-party = Waiting on third party
waiting-on-facility = Waiting on facility work
action-kind-assign = Assign
action-kind-start = Start work
action-kind-wait-requester = Wait on requester
action-kind-wait-third-party = Wait on third party
action-kind-wait-facility = Wait on facility
action-kind-resume = Resume
action-kind-resolve = Resolve
action-kind-reopen = Reopen
action-kind-close = Close
action-kind-cancel = Cancel
action-kind-escalate = Escalate
impact-low = Just me
impact-medium = My team
impact-high = The whole site
urgency-low = I can work around it
urgency-medium = It slows me down a lot
urgency-high = I am blocked
priority-p1 = P1 critical
priority-p2 = P2 high
priority-p3 = P3 medium
priority-p4 = P4 low

## Why a step is refused
transition-refused = “{ $action }” is not possible for a ticket that is { $status }: { $why }
transition-assign-first = assign it to someone first
transition-finished = it is finished
transition-reopen-first = reopen it first
transition-already-waiting = it already waits on that
transition-not-waiting = it is not waiting
transition-not-resolved = it is not resolved
transition-resolve-first = resolve it first
transition-started = work has already started
transition-no-single-step = No single step moves a ticket from { $from } to { $to }

## Why a technician is suggested
reason-skill = { $category } skill level { $level }
reason-no-skill = no { $category } skill
reason-tier-fits = tier { $tier } fits { $priority }
reason-tier-other = tier { $tier } (tier { $want } fits { $priority })
reason-load = { $open } of { $capacity } open tickets
