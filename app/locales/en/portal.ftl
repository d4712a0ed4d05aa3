# The requester's portal: my requests, the request form, the ticket page and the small pieces
# every surface shares (ages, service-level clocks).

## Ages and spans of time
portal-age-just-now = just now
portal-age-minutes = { $count } min
portal-age-hours = { $count } h
portal-age-days = { $count } d
portal-ago-just-now = just now
portal-ago-minutes = { $count } min ago
portal-ago-hours = { $count } h ago
portal-ago-days = { $count } d ago
portal-updated-ago = updated { $ago }
portal-span-days = { $days }d { $hours }h
portal-span-hours = { $hours }h { $minutes }m
portal-span-minutes = { $minutes }m

## Service-level clock
portal-sla-left = { $span } left
portal-sla-overdue = { $span } overdue
portal-sla-paused = Paused · { $left }
portal-sla-target-missed = Target missed
portal-sla-target-met = Target met
portal-sla-respond-by = Respond by { $when }
portal-sla-response-overdue = Response overdue · { $left }
portal-sla-response-due = Response due { $when }
portal-sla-resolution-due = Resolution due { $when }
portal-sla-policy = Policy: { $policy }
portal-sla-state-on-track = SLA on track:
portal-sla-state-at-risk = SLA at risk:
portal-sla-state-breached = SLA breached:
portal-expect-paused = The clock is paused while we wait; { $span } of working time remain to solve it.
portal-expect-respond-by = A technician should respond by { $when }.
portal-expect-respond-asap = A technician will respond as soon as possible.
portal-expect-solve-by = We aim to solve it by { $when }.

## My requests
portal-my-requests-title = My requests — Switchboard
portal-my-requests = My requests
portal-report-a-problem = Report a problem
portal-report-a-problem-title = Report a problem — Switchboard
portal-loading = Loading…
portal-no-requests = You have no requests yet.
portal-projects-you-follow = Projects you follow
portal-project-progress = { $percent }% done · { $open } open
portal-project-overdue = { $count } overdue

## The request form
portal-file-a-request = File a request
portal-form-lead = Tell us what happened; we ask only for what the technician needs.
portal-required = required
portal-form-category = What is it about?
portal-form-title = In one line, what is wrong?
portal-form-description = What happened? What did you try?
portal-form-location = Where are you? (building, room)
portal-form-contact = How can we reach you? (phone, desk)
portal-sending = Sending…
portal-send-request = Send request
portal-form-impact = Who is affected?
portal-form-urgency = How badly does it stop your work?
portal-on-behalf = On behalf of (phone or walk-in)
portal-requester-email = Requester's email (leave empty for yourself)
portal-requester-name = Requester's name
portal-channel = How did it come in?
portal-category-details = { $category } details
portal-category-nothing-more = Nothing more to add.
portal-similar-question = Is it one of these?
portal-similar-hint = You can follow an open request instead of filing a new one.

## Next steps on a ticket
portal-next-step = Next step
portal-action-text = Resolution notes or reason (needed to resolve, reopen or escalate)
portal-resolve-minutes = Minutes spent (logged when you resolve)
portal-resolve-children = Also resolve its { $count } open child { $count ->
    [one] ticket
   *[other] tickets
} with this solution (each requester is told)
action-take-it = Take it
portal-assign-to = Assign to (email)
portal-escalate-to = If you escalate, hand it to
portal-escalate-coordinator-decides = The coordinator decides
portal-is-it-solved = Is it solved?
portal-accept-hint = If it works again, tell us and we close it.
portal-accept-solution = Accept the solution
portal-reopen-reason = What is still wrong? (needed to reopen)
portal-not-fixed = It is not fixed

## Rating
portal-rating-given-staff = The requester rated the help
portal-rating-given-you = You rated the help
portal-rating-comment = : “{ $comment }”
portal-rating-change = Change your rating
portal-rating-question = How was the help? (1 poor – 5 excellent)
portal-rating-comment-label = Anything to add? (optional)
portal-rating-send = Send rating
portal-rating-heading-staff = Rating
portal-rating-heading-you = Your opinion

## Private tracking links
portal-tracking-heading = Private tracking links
portal-tracking-hint = For a requester without an account: the link shows this ticket's public side only, until revoked.
portal-tracking-copy = Copy the link now; it is shown only once
portal-tracking-link-created = Link { $id } created { $when }
portal-tracking-link-created-by = Link { $id } created { $when } by { $by }
portal-tracking-revoked = revoked
portal-tracking-revoke = Revoke
portal-tracking-create = Create a private link

## Notes and watchers
portal-notes-heading-staff = Notes
portal-notes-heading = Messages
portal-no-notes = No notes yet.
portal-note-internal = Internal
portal-note-minutes = { $count } min
portal-note-label-staff = Add a note
portal-note-label = Reply
portal-note-not-sent = Not sent: { $error }. Your text is kept here; press the button again to retry.
portal-note-internal-check = Internal (staff only)
portal-note-minutes-label = Minutes spent
portal-note-internal-hint = Untick “Internal” and the requester will see this note.
portal-note-add = Add note
portal-note-send-reply = Send reply
portal-watchers-heading = Following this ticket
portal-watchers-none = Nobody else yet.
portal-watchers-add-label = Keep someone informed (their email)
portal-watchers-add = Add

## The ticket page
portal-track-title = Your request — Switchboard
portal-track-note = You are following this request through a private link. Keep it to yourself.
portal-filed-before = Request
portal-filed-after = received. We will keep you informed here.
portal-merged-notice = was merged into this request, which it duplicated. Follow it here.
portal-description = Description
portal-solution = Solution
portal-flag-escalated = Escalated
portal-flag-reopened = Reopened
portal-fact-category = Category
portal-fact-assigned-to = Assigned to
portal-fact-not-assigned = Not yet assigned
portal-fact-location = Location
portal-fact-asset = Asset
portal-fact-contact = Contact
portal-fact-call = Call
portal-fact-project = Project
portal-fact-due = Due
portal-fact-merged-into = Merged into
portal-fact-filed = Filed
portal-history = History

## Files on a request
attachment-heading = Files
attachment-none = No files yet.
attachment-kind-image = Image
attachment-kind-pdf = PDF document
attachment-kind-zip = ZIP archive
attachment-kind-text = Text file
attachment-kind-other = File
attachment-size-bytes = { $n } bytes
attachment-size-kb = { $n } KB
attachment-size-mb = { $n } MB
attachment-internal = internal
attachment-by = from { $name }
attachment-open = Open { $name } full size
attachment-remove = Remove
attachment-add = Attach files
attachment-choose = Files (screenshots, photos, logs)
attachment-take-photo = Take photo
attachment-limit = Up to { $count } files, each at most { $max } MB.
attachment-note = Message (optional)
attachment-visibility = Who sees the files
attachment-send = Attach
attachment-for-staff = IT only (internal)
attachment-for-everyone = The requester too (public)
attachment-sending = Sending…
attachment-uploading = Attaching the files you chose…
attachment-remove-chosen = Remove { $name }
attachment-limit-count = Up to { $count } files.

## Service-level rules
sla-breached-subject = { $number } breached its { $clock } target
sla-used-subject = { $number } has used { $percent }% of its { $clock } time
sla-reached = the { $clock } target was reached
sla-used = { $percent }% of the { $clock } target was used
sla-clock-response = response
sla-clock-resolution = resolution

## A status in the requester's words
status-words-new = Received — waiting for a technician
status-words-assigned = Assigned to a technician
status-words-in-progress = Being worked on
status-words-waiting-on-you = Waiting on you
status-words-resolved = Resolved — please confirm
