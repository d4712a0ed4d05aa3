## Projects (app/src/ui/projects.rs)
projects-percent-done = { $percent }% done
projects-done-open = { $done } done · { $open } open
projects-overdue-count = { $count } overdue
projects-title = Projects — Switchboard
projects-heading = Projects
projects-lead = Support IT delivers for projects: planned tasks and the requests that belong to them.
projects-loading = Loading…
projects-none-yet = No projects yet.
# Followed by a link to the new project.
projects-created = Project created:
# $starts, $ends: dates; $manager: a person's name.
projects-card-facts = { $starts } – { $ends } · managed by { $manager }
projects-next-due = next due { $date }
projects-new = New project
projects-name = Name
projects-manager-email = Project manager (email)
projects-starts = Starts
projects-ends = Ends
projects-about = What it is about
projects-create = Create project
projects-overdue-since = overdue since { $date }
projects-due-today = due today
projects-due-on = due { $date }
projects-page-facts = { $starts } – { $ends } · project manager { $manager }
projects-progress = Progress
projects-following = Following
# The project manager at the head of the list of people who follow the project.
projects-following-manager = { $name } (project manager)
projects-watcher-email = Keep someone informed (their email)
projects-add-watcher = Add
projects-who-works-on-what = Who is working on what
projects-nothing-open = Nothing open.
projects-not-yet-assigned = Not yet assigned
projects-upcoming-due = Upcoming due dates
projects-no-due-dates = No open task has a due date.
projects-tickets-heading = Tickets and tasks ({ $count })
projects-col-ticket = Ticket
projects-col-status = Status
projects-priority = Priority
projects-due = Due
projects-col-assigned-to = Assigned to
projects-plan-task = Plan a task
projects-task = Task
projects-category = Category
projects-assignee-email = Assign to (email, optional)
projects-details = Details
projects-add-task = Add task

## A ticket's links, facility work and project (app/src/ui/coordination.rs)
coord-unlink-ticket = Unlink { $number }
coord-unlink = Unlink
coord-part-of = Part of
coord-child = Child
coord-related = Related
coord-merged-here = Merged here
coord-linked-tickets = Linked tickets
coord-no-links = None.
# Followed by a choice such as "is part of (parent)" and the other ticket's number.
coord-this-ticket = This ticket
coord-other-ticket-number = Other ticket number
coord-link = Link
coord-facility-work = Facility work
coord-no-facility-work = This ticket waits on no facility work.
coord-expected-on = expected { $date }
# What the facility manager wrote when finishing the work, quoted.
coord-outcome-quoted = “{ $outcome }”
coord-needs-facility-work = It needs facility work (cabling, power, access…)
coord-facility-clock-pauses = The ticket waits on facility meanwhile: its clock pauses, and resumes when the work is done.
coord-what-is-needed = What is needed
coord-where = Where
coord-facility-manager = Facility manager
coord-no-facility-manager = No facility manager has an account yet
coord-hoped-for-by = Hoped for by (optional)
coord-existing-work-order = …or wait on a work order that exists already
coord-new-work-order = A new work order (above)
coord-ask-facility-work = Ask for facility work
coord-project = Project
# No project for this ticket.
coord-no-project = None
coord-due = Due
coord-save = Save

## Work orders page (app/src/ui/facility.rs)
facility-page-title = Work orders — Switchboard
facility-page-heading = Work orders
facility-page-lead-facility = Building work IT needs from you. The requests behind it wait until you mark it done.
facility-page-lead-it = Facility work that tickets wait on, open first.
facility-page-loading = Loading…
facility-page-no-orders = No work orders.
facility-page-tickets-waiting = { $count ->
    [one] { $count } IT request waits on it
   *[other] { $count } IT requests wait on it
}
facility-page-where = Where
facility-page-expected = Expected
facility-page-no-date-yet = No date yet
facility-page-manager = Facility manager
facility-page-asked-by = Asked by
facility-page-waiting = Waiting
facility-page-finished = Finished
facility-page-note = Note
facility-page-what-was-done = What was done (optional)
# $reference: the work order, such as WO-12.
facility-page-mark-done = Mark { $reference } done
facility-page-expected-date = Expected date
facility-page-set-date = Set date
facility-page-cancel-not-needed = Cancel: not needed any more

## Reports page (app/src/ui/reports.rs); table titles and columns come from the report itself
reports-title = Reports — Switchboard
reports-heading = Reports
reports-loading = Loading…
reports-correct-fields = Please correct the highlighted fields.
reports-last-7-days = Last 7 days
reports-last-30-days = Last 30 days
reports-last-90-days = Last 90 days
reports-this-year = This year
reports-last-12-months = Last 12 months
reports-filters-label = Period and filters
reports-from = From
reports-to = To
reports-team = Team
reports-all-teams = All teams
reports-category = Category
reports-all-categories = All categories
reports-everyone = Everyone
reports-priority = Priority
reports-all-priorities = All priorities
reports-show = Show
reports-presets-label = Common periods
# $bucket: day, week or month (one point of the trend chart).
reports-period = { $from } to { $to }, by { $bucket ->
    [week] week
    [month] month
   *[day] day
}
reports-figures-label = Headline figures
reports-download-csv = Download CSV
# Read by screen readers right after "Download CSV" (after a space).
reports-download-csv-of = of { $title }
reports-nothing-to-show = Nothing to show for this period.
reports-bar-caption = { $heading }: the first { $shown } of { $total } rows (the table has them all)

## Recurring work (/recurring)
recurring-page-title = Recurring tickets · Switchboard
recurring-heading = Recurring tickets
recurring-lead = Work that comes round again (certificate renewals, patch days, backups to check) files itself on its schedule, in the desk's time zone. A run missed while Switchboard was down is filed once when it is back.
recurring-new-heading = Schedule a ticket
recurring-field-title = Title
recurring-field-description = Description
recurring-field-description-hint = One step per line makes a checklist for the technician.
recurring-field-category = Category
recurring-field-impact = Impact
recurring-field-urgency = Urgency
recurring-field-assignee = Assign to (email)
recurring-field-assignee-hint = Leave empty to let the category's team take it, as any request.
recurring-field-schedule = When
recurring-field-repeat = Repeats
recurring-repeat-days = Every few days
recurring-repeat-weeks = Every few weeks
recurring-repeat-month-weekday = A weekday of each month
recurring-repeat-year = Every year
recurring-field-every = Every (days or weeks)
recurring-field-nth = Which
recurring-nth-1 = First
recurring-nth-2 = Second
recurring-nth-3 = Third
recurring-nth-4 = Fourth
recurring-nth-last = Last
recurring-field-weekday = Weekday
recurring-field-first = First date
recurring-field-at = Time
recurring-preview = Next runs:
recurring-save = Schedule
recurring-none = Nothing recurs yet.
recurring-next = Next:
recurring-last = Last filed:
recurring-stop = Stop
recurring-stop-label = Stop “{ $title }”
recurring-assignee-team = the category's team
recurring-every-days = { $n ->
    [one] Every day
   *[other] Every { $n } days
} at { $time }
recurring-every-weeks = { $n ->
    [one] Every week
   *[other] Every { $n } weeks
} on { $weekday } at { $time }
recurring-every-month-1 = The first { $weekday } of each month at { $time }
recurring-every-month-2 = The second { $weekday } of each month at { $time }
recurring-every-month-3 = The third { $weekday } of each month at { $time }
recurring-every-month-4 = The fourth { $weekday } of each month at { $time }
recurring-every-month-5 = The last { $weekday } of each month at { $time }
recurring-every-year = Every year on { $date } at { $time }
recurring-weekday-mon = Monday
recurring-weekday-tue = Tuesday
recurring-weekday-wed = Wednesday
recurring-weekday-thu = Thursday
recurring-weekday-fri = Friday
recurring-weekday-sat = Saturday
recurring-weekday-sun = Sunday
known-heading = Known issues
known-label = Known issue:
known-affected = { $count ->
    [one] 1 person affected
   *[other] { $count } people affected
}
known-me-too = This affects me too
known-on-it = You are on it; we will tell you when it is fixed:
known-issue = Known issue
known-explain = Announce this ticket to requesters with a short notice: they see it on the request form and their pages, and can say it affects them too in one click.
known-announced = Announced to requesters. Resolving the ticket resolves everyone's ticket about it and takes the notice down.
known-notice = Notice for requesters
known-announce = Announce
known-update = Change the notice
known-take-down = Take the notice down
