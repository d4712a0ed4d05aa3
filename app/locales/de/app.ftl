## Kopfzeile und Navigation
nav-skip = Zum Inhalt springen
nav-menu = Menü
nav-close-menu = Menü schließen
nav-main = Hauptnavigation
nav-board = Board
nav-my-work = Meine Arbeit
nav-my-requests = Meine Anfragen
nav-new-request = Neue Anfrage
nav-roster = Dienstplan
nav-reports = Berichte
nav-projects = Projekte
nav-recurring = Wiederkehrend
nav-work-orders = Arbeitsaufträge
nav-people = Personen
nav-service-levels = Service-Level
nav-webhooks = Webhooks
nav-sign-out = Abmelden
nav-sign-in = Anmelden

## Startseite
home-title = Switchboard — IT-Helpdesk
home-heading = IT-Hilfe ohne Telefon-Pingpong
home-lead = Sagen Sie uns, was nicht funktioniert, verfolgen Sie Ihre Anfrage bis zum Ende, und die passende Technikerin oder der passende Techniker kümmert sich darum.
home-signed-in-as = Angemeldet als
home-go-requests = Zu meinen Anfragen
home-go-work-orders = Zu meinen Arbeitsaufträgen
home-go-work = Zu meiner Arbeit
home-go-board = Zum Board
home-report-problem = Problem melden
home-create-account = Konto erstellen

## Seiten, die es nicht gibt oder die nicht für Sie sind
page-not-found-title = Nicht gefunden — Switchboard
page-not-found = Hier gibt es nichts, oder Sie dürfen es nicht sehen.
page-back-to-start = Zurück zur Startseite
page-loading = Wird geladen …
page-not-allowed = Nicht erlaubt
page-not-your-role = Diese Seite gehört nicht zu Ihrer Rolle.
page-sign-in-to-see = Bitte melden Sie sich an, um diese Seite zu sehen.

## Ihr Konto
me-title = Ihr Konto — Switchboard
me-heading = Ihr Konto
me-language-and-zone = Sprache und Zeitzone
me-language = Sprache
me-time-zone = Zeitzone
me-time-now = Ihre aktuelle Uhrzeit: { $now }
me-save-language-and-zone = Sprache und Zeitzone speichern
me-change-password = Passwort ändern
me-password-changed = Passwort geändert. Ihre anderen Sitzungen und API-Tokens wurden beendet.
me-current-password = Aktuelles Passwort
me-new-password = Neues Passwort (mindestens 10 Zeichen)
me-api-tokens = API-Tokens
me-api-tokens-intro = Für Skripte und andere Werkzeuge, die die REST-API von Switchboard in Ihrem Namen nutzen.
me-token-copy-now = Kopieren Sie Ihr neues Token jetzt; es wird nicht noch einmal angezeigt:
me-no-tokens = Keine Tokens.
me-token-expires = läuft ab am { $day }
me-token-last-used = zuletzt verwendet { $when }
me-token-never-used = nie verwendet
me-token-revoke = Widerrufen
me-token-name = Name des Tokens
me-token-name-example = Monitoring
me-token-days = Gültig für (Tage, höchstens 366)
me-token-create = Token erstellen
offline-banner = Sie sind offline. Was Sie schreiben, bleibt hier; gesendet wird erst, wenn das Netz wieder da ist.
offline-title = Sie sind offline
offline-body = Switchboard braucht das Netz, um diese Seite zu zeigen. Ihre nicht gesendeten Notizen bleiben auf diesem Gerät.
offline-try-again = Erneut versuchen
