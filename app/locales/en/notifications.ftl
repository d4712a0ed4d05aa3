## Notifications
notifications-bell-label = Notifications: { $count } unread
notifications-title = Notifications — Switchboard
notifications-heading = Notifications
notifications-mark-all-read = Mark all read
# Followed by a link to the account page (notifications-account-page) and a full stop.
notifications-choose-on = Choose what you are told on
notifications-account-page = your account page
notifications-loading = Loading…
notifications-empty = Nothing yet.
# $age: how long ago, such as "5 min"
notifications-mark-read = Mark read
notifications-saved = Notification choices saved.
notifications-tell-me-when = Tell me when…
notifications-by-email = Also send these by email
notifications-email = Email
notifications-digest-off = As it happens
notifications-digest-hourly = One digest an hour
notifications-digest-daily = One digest a day (07:00 your time)
notifications-save = Save choices
