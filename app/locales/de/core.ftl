# Formate: chrono-Muster (https://docs.rs/chrono/latest/chrono/format/strftime); die Namen der
# Monate und Wochentage (%B, %b, %A, %a) sind die Listen unten, Januar und Montag zuerst.
format-datetime = %d.%m.%Y, %H:%M %Z
format-date = %-d. %B %Y
format-time = %H:%M
format-weekday-time = %a, %H:%M
format-decimal = {","}
format-group = {"."}
format-day-time = %d.%m., %H:%M
format-months = Januar Februar März April Mai Juni Juli August September Oktober November Dezember
format-months-short = Jan Feb Mär Apr Mai Jun Jul Aug Sep Okt Nov Dez
format-weekdays = Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag
format-weekdays-short = Mo Di Mi Do Fr Sa So

language-name = Deutsch

## Fehler
error-bad_request = Die Anfrage konnte nicht gelesen werden
error-validation = Bitte korrigieren Sie die markierten Felder
error-unauthenticated = Bitte melden Sie sich an
error-bad_credentials = E-Mail-Adresse oder Passwort ist nicht richtig
error-deactivated = Dieses Konto ist deaktiviert; wenden Sie sich an die IT, wenn Sie es wieder benötigen
error-unverified = Öffnen Sie zuerst den Link, den wir Ihnen per E-Mail geschickt haben; er bestätigt, dass die Adresse Ihnen gehört
error-company_sign_in_only = Melden Sie sich mit Ihrem Firmenkonto an
error-directory_unusable = Ihr Firmenkonto hat keine verwendbare E-Mail-Adresse; wenden Sie sich an die IT
error-directory_unavailable = Das Firmenverzeichnis ist nicht erreichbar; versuchen Sie es in ein paar Minuten erneut
error-directory_conflict = Ein Admin-Konto von Switchboard hat Ihre Adresse; melden Sie sich mit dessen eigenem Passwort an
error-forbidden = Dazu sind Sie nicht berechtigt
error-not_found = Nicht gefunden
error-conflict = Jemand anderes hat dieses Ticket inzwischen geändert; laden Sie die Seite neu, um die Änderung zu sehen
error-invalid_transition = Dieser Schritt ist jetzt nicht möglich
error-precondition_required = Senden Sie If-Match mit dem ETag des Tickets
error-payload_too_large = Die Anfrage ist zu groß
error-rate_limited = Zu viele Versuche; versuchen Sie es in { $seconds ->
    [one] einer Sekunde
   *[other] { $seconds } Sekunden
} erneut
error-busy = Switchboard ist gerade ausgelastet; nichts wurde gespeichert, versuchen Sie es gleich noch einmal
error-internal = Bei uns ist etwas schiefgegangen; bitte versuchen Sie es noch einmal
error-transport = Der Server ist nicht erreichbar: { $why }
err-language = Wählen Sie English, Deutsch oder Italiano
err-time-zone = Wählen Sie eine Zeitzone aus der Liste, z. B. Europe/Berlin

## Namen von Status, Prioritäten, Rollen und anderen Auswahlen
availability-on-duty = Im Dienst
availability-away = Abwesend
availability-off = Frei
role-requester = Anfragende Person
role-technician = Techniker/in
role-coordinator = Koordination
role-admin = Administration
role-facility = Facility-Management
work-order-status-open = Offen
work-order-status-done = Erledigt
work-order-status-cancelled = Storniert
link-choice-parent = ist Teil von (übergeordnet)
link-choice-child = hat als Teil (untergeordnet)
link-choice-related = hängt zusammen mit
link-choice-duplicate = ist ein Duplikat von (zusammenführen)
notification-kind-received = Meine Anfrage ist eingegangen
notification-kind-assigned = Meine Anfrage wurde zugewiesen
notification-kind-waiting-on-you = Die IT wartet auf mich
notification-kind-public-note = Eine Nachricht zu meiner Anfrage
notification-kind-resolved = Meine Anfrage wurde gelöst
notification-kind-closed = Meine Anfrage wurde geschlossen
notification-kind-assigned-to-you = Mir wurde ein Ticket zugewiesen
notification-kind-requester-replied = Eine anfragende Person hat geantwortet
notification-kind-reopened = Ein Ticket wurde wieder geöffnet
notification-kind-sla-warning = Ein Service-Level-Ziel rückt näher
notification-kind-sla-breach = Ein Service-Level-Ziel wurde verfehlt
notification-kind-escalation = Ein Ticket wurde an mich eskaliert
notification-kind-new-request = Eine neue Anfrage ist eingegangen
notification-kind-escalation-requested = Eine Technikerin oder ein Techniker bittet um Eskalation
notification-kind-watched-update = Ein Ticket, das ich beobachte, hat sich geändert
notification-kind-facility-work = Facility-Arbeiten wurden bei mir angefragt
notification-kind-facility-done = Facility-Arbeiten an meinem Ticket sind vorangekommen
notification-kind-merged = Meine Anfrage wurde mit einer anderen zusammengeführt
channel-portal = Portal
channel-phone = Telefon
channel-walk-in = Persönlich
channel-email = E-Mail
channel-api = API
channel-project = Projekt
channel-schedule = Zeitplan
status-new = Neu
status-assigned = Zugewiesen
status-in-progress = In Bearbeitung
status-waiting = Wartend
status-resolved = Gelöst
status-closed = Geschlossen
status-cancelled = Storniert
waiting-on-requester = Wartet auf anfragende Person
waiting-on-third-party = Wartet auf Dritte
waiting-on-facility = Wartet auf Facility-Arbeiten
action-kind-assign = Zuweisen
action-kind-start = Bearbeitung beginnen
action-kind-wait-requester = Auf anfragende Person warten
action-kind-wait-third-party = Auf Dritte warten
action-kind-wait-facility = Auf Facility warten
action-kind-resume = Fortsetzen
action-kind-resolve = Lösen
action-kind-reopen = Wieder öffnen
action-kind-close = Schließen
action-kind-cancel = Stornieren
action-kind-escalate = Eskalieren
impact-low = Nur mich
impact-medium = Mein Team
impact-high = Den ganzen Standort
urgency-low = Ich kann es umgehen
urgency-medium = Es bremst mich stark aus
urgency-high = Ich kann nicht weiterarbeiten
priority-p1 = P1 kritisch
priority-p2 = P2 hoch
priority-p3 = P3 mittel
priority-p4 = P4 niedrig

## Warum ein Schritt abgelehnt wird
transition-refused = „{ $action }“ ist bei einem Ticket im Status „{ $status }“ nicht möglich: { $why }
transition-assign-first = weisen Sie es zuerst jemandem zu
transition-finished = es ist abgeschlossen
transition-reopen-first = öffnen Sie es zuerst wieder
transition-already-waiting = es wartet bereits darauf
transition-not-waiting = es wartet nicht
transition-not-resolved = es ist nicht gelöst
transition-resolve-first = lösen Sie es zuerst
transition-started = die Bearbeitung hat bereits begonnen
transition-no-single-step = Kein einzelner Schritt bringt ein Ticket von „{ $from }“ nach „{ $to }“

## Warum eine Technikerin oder ein Techniker vorgeschlagen wird
reason-skill = Kenntnisse { $category } Stufe { $level }
reason-no-skill = keine Kenntnisse in { $category }
reason-tier-fits = Stufe { $tier } passt zu { $priority }
reason-tier-other = Stufe { $tier } (Stufe { $want } passt zu { $priority })
reason-load = { $open } von { $capacity } offenen Tickets
