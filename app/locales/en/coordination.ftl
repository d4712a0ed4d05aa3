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

## Known issues (app/src/ui/known.rs)
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
