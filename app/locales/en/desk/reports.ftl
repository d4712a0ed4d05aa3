# Reports: headline figures, table titles, notes, headings, row labels and CSV header rows.
# Figures arrive already formatted; the days and hours are the desk's time zone.

report-zone-note = Days and hours in { $zone }

## Headline figures
report-summary-opened = Opened
report-summary-resolved = Resolved
report-summary-open-at-end = Open at the end
report-summary-median-resolve = Median time to resolve
report-summary-within-service-level = Within service level
report-summary-average-rating = Average rating
report-summary-business-hours = { $hours } business h
report-summary-percent = { $percent } %
report-summary-rating = { $average } of 5 ({ $count } ratings)

## Names shared by several tables
report-column-opened = Opened
report-column-resolved = Resolved
report-column-median-resolve = Median to resolve
report-column-score = Score
report-label-priority = Priority
report-row-all = All

## Tickets over time
report-volume-title = Tickets over time
report-volume-note-day = Tickets opened and resolved per day, and how many were open at its end.
report-volume-note-week = Tickets opened and resolved per week, and how many were open at its end.
report-volume-note-month = Tickets opened and resolved per month, and how many were open at its end.
report-volume-label-day = Day
report-volume-label-week = Week from
report-volume-label-month = Month from
report-volume-open-at-end = Open at end

## By category and by channel
report-categories-title = By category
report-categories-note = Tickets opened and resolved in the period per category; escalated and median time to resolve (business hours) of those resolved.
report-categories-label = Category
report-categories-escalated = Escalated
report-channels-title = By channel
report-channels-note = How the tickets opened in the period reached the help desk.
report-channels-label = Channel

## Time to respond and resolve
report-speed-title = Time to respond and resolve
report-speed-note = Business hours in each ticket's service-level calendar, without time spent waiting: first responses and resolutions that happened in the period.
report-speed-responses = Responses
report-speed-median-respond = Median to respond
report-speed-p90-respond = 90th percentile to respond
report-speed-resolutions = Resolutions
report-speed-p90-resolve = 90th percentile to resolve

## Service levels
report-sla-title = Service levels by priority
report-sla-note = Tickets resolved in the period against their policy's targets. A near miss met both targets but used more than the policy's at-risk share of one. Open and overdue counts tickets open now past their resolution target.
report-sla-within = Within target
report-sla-within-percent = Within target %
report-sla-response-breaches = Response breaches
report-sla-resolution-breaches = Resolution breaches
report-sla-near-misses = Near misses
report-sla-open-overdue = Open and overdue

## Flow
report-flow-title = Flow
report-flow-note = Of the tickets resolved in the period: how many were escalated, handed on, reopened, or fixed by the first technician without either.
report-flow-label = Measure
report-flow-value = Value
report-flow-resolved = Resolved tickets
report-flow-escalation-rate = Escalation rate %
report-flow-reassignments = Reassignments per ticket
report-flow-reopen-rate = Reopen rate %
report-flow-first-time-fix = First-time fix rate %

## Escalations
report-escalations-title = Where escalations come from
report-escalations-note = Escalations made in the period, by who escalated and the ticket's category.
report-escalations-label = Escalated by · category
report-escalations-count = Escalations
report-escalations-rule = Service-level rule
report-escalations-former-staff = Former staff

## Waiting
report-waiting-title = Time spent waiting
report-waiting-note = Elapsed hours in the period that tickets spent waiting, by whom they waited on (service-level clocks stand still meanwhile).
report-waiting-label = Waiting on
report-waiting-requester = Requester
report-waiting-third-party = Third party
report-waiting-facility = Facility work
report-waiting-tickets = Tickets
report-waiting-hours = Hours
report-waiting-average = Average hours per ticket

## Technicians
report-people-title = Technicians
report-people-note = Open tickets now against each technician's capacity; tickets resolved, hours logged and escalations raised in the period.
report-people-label = Technician
report-people-open-now = Open now
report-people-capacity = Capacity
report-people-load = Load %
report-people-hours-logged = Hours logged
report-people-escalations-raised = Escalations raised

## Ratings and comments
report-ratings-title = Ratings
report-ratings-note = Requesters' ratings of the help they got, given in the period (5 is best).
report-ratings-count = Ratings
report-comments-title = What requesters said
report-comments-note = The newest comments given with a rating in the period (at most { $count }).
report-comments-label = Ticket
report-comments-comment = Comment

## The period and filters, checked
report-err-not-a-date = '{ $text }' is not a date like 2026-11-30
report-err-backwards = The period starts after it ends
report-err-too-long = A report covers at most { $days } days; choose a shorter period
report-err-choose-technician = Choose a technician from the list
report-err-priority = Priority is one of P1, P2, P3, P4
report-err-no-team = There is no such team
report-err-no-category = There is no such category

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
