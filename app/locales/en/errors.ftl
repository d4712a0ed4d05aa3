# Why a form field or a request was refused: the server's and the domain's checks.
# Words the parser reads (mon, tue, required, notify assignee …) stay as they are.

## Tickets: filing, changing, notes
err-title-too-short = Title needs at least 3 characters
err-title-too-long = Title can be at most 200 characters
err-note-required = Note is required
err-note-too-long = Note can be at most 20000 characters
err-resolution-required = Resolution notes is required
err-resolution-too-long = Resolution notes can be at most 20000 characters
err-description = Describe what happened (at most 20,000 characters)
err-choose-impact = Choose how many people are affected
err-choose-urgency = Choose how badly it stops work
err-location-too-long = Location can be at most 200 characters
err-asset-tag-too-long = Asset tag can be at most 100 characters
err-contact-too-long = Contact can be at most 200 characters
err-channel = Channel is one of { $choices }
err-choose-category = Choose a category
err-field-unknown = { $category } has no field '{ $key }'
err-field-too-long = { $label } can be at most 500 characters
err-field-required = { $label } is required for { $category_lower } requests
err-reason-too-long = Keep the reason to { $max } characters
err-no-technician = No technician has that email
err-no-category = No such category
err-minutes-range = Time spent is between 0 and 1440 minutes
err-minutes-number = Time spent is a whole number of minutes
err-reopen-reason = Say what is still wrong
err-choose-assignee = Choose who to assign
err-skill-needed = Taking it needs the { $category } skill; ask a coordinator to assign it
err-escalate-reason = Say why it needs escalating
err-escalate-lower = Escalating can only raise the priority
err-priority-reason = Give a reason for changing the priority
err-idempotency-key = This key was used for another ticket
err-no-account = No account has that email
err-too-many-watchers = A ticket can have at most { $max } watchers
err-board-position = Unknown position in the column
err-limit = limit must be between 1 and 200
err-cursor = cursor is not valid
err-unknown-decision = unknown decision

## Accounts and passwords
err-email = Enter an email address like name@example.org
err-name = Enter a name of at most 120 characters
err-password-short = Use at least 10 characters
err-password-long = Use at most 1024 characters
err-email-taken = An account with this email already exists
err-registration-no-mail = Accounts are created by IT here (this desk sends no email yet); ask the help desk
err-work-email = Use your work email ({ $domains })
err-verify-link = This link has expired or was used already; register again to get a new one
err-reset-link = This link has expired or was used already; ask for a new one
err-token-name = Name the token in at most 80 characters
err-token-days = A token lives between 1 and { $max } days
err-days-number = Enter a number of days
err-deactivate-self = You cannot deactivate your own account
err-choose-role = Choose a role
err-demote-self = You cannot remove your own admin role
err-wrong-password = That is not your current password
err-password-in-directory = Your password is your company account's: change it there

## Roster, teams and categories
err-tier = Tier is 1 (front line), 2 (specialist) or 3 (expert)
err-capacity = Capacity is between 0 and 100 open tickets
err-availability = Choose on duty, away or off
err-off-until-date = Enter a date like 2026-12-24
err-off-until-missing = Say until when they are off
err-skill-not-category = '{ $slug }' is not a category ({ $categories })
err-skill-level = the level of { $slug } is 1, 2 or 3
err-skill-twice = { $slug } is listed twice
err-team-name = A team name has 1 to 80 characters
err-not-staff = { $email } is not a member of staff
err-no-team = No such team
err-category-slug = Use 1 to 40 lower-case letters, digits, - or _
err-category-name = A name has 1 to 80 characters
err-field-key = Field key '{ $key }' may use lower-case letters, digits and _
err-field-twice = Field '{ $key }' is listed twice
err-field-label = Field '{ $key }' needs a label of at most 120 characters
err-too-many-fields = A category asks for at most 20 fields
err-field-required-word = '{ $word }' in "{ $line }": write required or optional
err-unknown-category = Unknown category

## Rating the help
err-score = Choose from 1 (poor) to 5 (excellent)
err-comment-too-long = Keep the comment under 2,000 characters
err-rate-when-resolved = You can rate the help once the ticket is resolved

## Projects and facility work
err-project-name-too-short = Name needs at least 3 characters
err-project-name-too-long = Name can be at most 120 characters
err-project-description-too-long = Description can be at most 5000 characters
err-start-date-required = Start date is required
err-start-date-invalid = Start date must be a date like 2026-12-31
err-end-date-required = End date is required
err-end-date-invalid = End date must be a date like 2026-12-31
err-end-before-start = The end date is before the start date
err-project-name-taken = A project with this name exists already
err-due-date-required = Due date is required
err-due-date-invalid = Due date must be a date like 2026-12-31
err-due-before-start = Due { $due } is before the project starts ({ $start })
err-choose-priority = Choose P1 to P4
err-no-project = No such project
err-work-what-too-short = What is needed needs at least 3 characters
err-work-what-too-long = What is needed can be at most 2000 characters
err-work-where-too-short = Where needs at least 3 characters
err-work-where-too-long = Where can be at most 200 characters
err-expected-date-required = Expected date is required
err-expected-date-invalid = Expected date must be a date like 2026-12-31
err-say-what-needed = Say what is needed
err-no-facility-manager = No facility manager has that email (an admin gives the facility role on People)
err-work-order-attached = The ticket waits on that work order already
err-work-order-finished = That work order is finished
err-no-work-order = No such work order
err-work-order-closed = This work order is finished already
err-outcome-too-long = At most 2000 characters
err-unknown-work-order-action = unknown work order action

## Links between tickets
err-ticket-number = Enter a ticket number like SB-1042
err-link-self = A ticket cannot be linked to itself
err-no-visible-ticket = No ticket you can see has that number
err-link-loop = That would make a ticket its own parent
err-merge-open-only = Only an open ticket can be merged as a duplicate
err-merge-into-open = Merge into a ticket that is still open
err-choose-link-kind = Choose how the tickets are linked
err-already-linked = These tickets are linked already
err-has-parent = That ticket has a parent already; unlink it first

## Service-level policies
err-policy-name = Give the policy a name of at most 100 characters
err-policy-name-taken = Another policy has that name
err-policy-no-category = There is no category '{ $category }'
err-policy-no-team = There is no team '{ $team }'
err-policy-targets = Give targets for P1, P2, P3 and P4
err-policy-at-risk = At risk is a share between 1 and 100 %
err-target-range = { $priority }: targets are between 1 minute and a year
err-target-order = { $priority }: resolution cannot come before the first response
err-rule-twice = Line { $line }: the same rule twice
err-rule-line = Line { $line }: { $why }
err-rule-shape = '{ $line }' should read like: 75% resolution: notify assignee
err-rule-action = '{ $action }' is not an action (notify assignee, notify coordinators, notify watchers, raise priority, reassign)
err-unknown-time-zone = Unknown time zone '{ $zone }' (use a name like Europe/Paris)
err-holiday-not-date = '{ $word }' is not a date like 2026-12-25
err-not-a-time = '{ $text }' is not a time like 08:30
err-not-a-day = '{ $text }' is not a day (mon, tue, … sun)
err-hours-need-days = '{ $entry }' needs days and hours, like mon-fri 08:00-17:00
err-days-backwards = '{ $part }' runs backwards
err-not-a-span = '{ $span }' is not a span like 08:00-17:00
err-span-backwards = '{ $span }' ends before it starts
err-hours-overlap = Working hours of a day overlap
err-no-working-hours = Give at least one working span, like mon-fri 08:00-17:00

## Attachments
err-attachment-none = Choose a file to attach.
err-attachment-count = Attach at most { $max } files at a time.
err-attachment-empty = The file { $name } is empty.
err-attachment-too-large = Each file may be at most { $max } MB.
err-attachment-ticket-full = This request's files may hold { $max } MB together; remove one or send a link instead.
err-attachment-upload = The upload could not be read; please try again.
err-attachment-visibility = Choose public or internal.
err-form-text-too-long = This text is too long (at most 64 KB).
err-bulk-none = Select at least one ticket.
err-bulk-too-many = A bulk change takes at most { $max } tickets at once.
err-bulk-number = “{ $number }” is not a ticket number.
err-bulk-one-change = Name one change for the tickets: change, note, watcher or parent.
err-recurring-interval = Repeat every 1 to 366 days, or every 1 to 52 weeks.
err-recurring-nth = Choose which weekday of the month: first to fourth, or last.
err-recurring-repeat = Choose how it repeats.
err-recurring-first = Give the first date as a date, such as 2027-01-31.
err-recurring-at = Give the time of day, such as 08:00.
err-recurring-never = This schedule never falls again.
err-recurring-assignee = Assign it to a member of staff, or leave it to the category's team.
err-recurring-category-details = This category asks for details (such as an asset tag) that a recurring ticket cannot give: choose another.
err-notice-too-short = The notice needs at least 3 characters
err-notice-too-long = The notice can be at most 200 characters
err-known-issue-closed = Only an open ticket can be announced as a known issue

err-webhook-url = Give the full address the other tool receives at, such as https://chat.example.com/hooks/abc.
err-webhook-https = Webhooks are sent over https:// only.
err-webhook-credentials = Leave user names and passwords out of the address; the signature proves it is Switchboard.
err-webhook-resolve = This host name could not be found.
err-webhook-internal = This address is inside the network (loopback, private or link-local); an administrator must allow the host first.
err-webhook-event = One of the events is not one Switchboard sends.
err-webhook-no-events = Choose at least one event.
err-webhook-format = Choose one of the formats: json, slack or teams.
err-webhook-secret = A secret needs 16 to 200 characters.
err-webhook-timeout = The receiver did not answer in time.
err-webhook-connect = The receiver could not be reached.
err-webhook-request = The request to the receiver failed.
facility-resume-first = It is { $waiting }; resume it first
facility-cannot-wait = The ticket cannot wait: { $why }
