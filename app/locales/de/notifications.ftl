## Benachrichtigungen
notifications-bell-label = Benachrichtigungen: { $count } ungelesen
notifications-title = Benachrichtigungen — Switchboard
notifications-heading = Benachrichtigungen
notifications-mark-all-read = Alle als gelesen markieren
# Danach folgen ein Link zur Kontoseite (notifications-account-page) und ein Punkt.
notifications-choose-on = Worüber Sie informiert werden, wählen Sie auf
notifications-account-page = Ihrer Kontoseite
notifications-loading = Wird geladen…
notifications-empty = Noch keine Benachrichtigungen.
# $age: wie lange her, z. B. „5 min“
notifications-mark-read = Als gelesen markieren
notifications-saved = Benachrichtigungseinstellungen gespeichert.
notifications-tell-me-when = Benachrichtigen Sie mich bei diesen Ereignissen:
notifications-by-email = Diese auch per E-Mail senden
notifications-email = E-Mail
notifications-digest-off = Sofort
notifications-digest-hourly = Stündliche Zusammenfassung
notifications-digest-daily = Tägliche Zusammenfassung (07:00 Uhr Ihrer Zeit)
notifications-save = Auswahl speichern
