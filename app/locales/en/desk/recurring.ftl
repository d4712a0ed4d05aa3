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
