# Administration: Einsatzplan der Technik, Personen und Kategorien, Service-Level, Webhooks; Benachrichtigungen stehen in ../notifications.ftl.

## Einsatzplan
admin-roster-title = Einsatzplan — Switchboard
admin-roster-heading = Techniker-Einsatzplan
admin-roster-lead = Support-Level, Kenntnisse, Kapazität und Verfügbarkeit bestimmen, wer für ein Ticket vorgeschlagen wird.
admin-roster-saved = Gespeichert.
admin-loading = Wird geladen…
admin-roster-recent-changes = Letzte Änderungen
admin-teams-heading = Teams
admin-teams-assigns-automatically = weist automatisch zu
admin-teams-name = Teamname
admin-teams-name-placeholder = z. B. Netzwerk
admin-teams-members = Mitglieder (E-Mail-Adressen, durch Komma getrennt)
admin-teams-auto-assign = Neue Anfragen automatisch zuweisen (gleichmäßig verteilt auf qualifizierte, verfügbare Mitglieder mit freier Kapazität)
admin-teams-save = Team speichern
admin-routing-heading = Routing
admin-routing-category = Kategorie
admin-routing-goes-to = landet in der Warteschlange von
admin-routing-every-technician = allen Techniker/innen
admin-routing-route = Zuordnen
admin-roster-entry-for = Einsatzplan-Eintrag für { $name }
admin-roster-save-person = { $name } speichern
# $count: offene Tickets der Person; $teams: ihre Teams, durch Komma getrennt (kann leer sein)
admin-roster-open-load = { $count } offen · { $teams }
admin-roster-tier = Support-Level
admin-roster-tier-1 = 1 First Level
admin-roster-tier-2 = 2 Second Level (Fachkraft)
admin-roster-tier-3 = 3 Third Level (Expertise)
admin-roster-capacity = Kapazität
admin-roster-availability = Verfügbarkeit
admin-roster-off-until-option = Frei bis…
admin-roster-off-until = Frei bis
admin-roster-skills = Kenntnisse

## Personen, Konten und Kategorien
admin-people-title = Personen — Switchboard
admin-people-heading = Personen
admin-people-role-of = Rolle von { $name }
admin-people-change-role = Rolle ändern
admin-people-deactivated = Deaktiviert
admin-people-reactivate = Reaktivieren
admin-people-deactivate = Deaktivieren
admin-account-add-heading = Konto anlegen
admin-name = Name
admin-email = E-Mail
admin-role = Rolle
admin-account-first-password = Startpasswort (mindestens 10 Zeichen)
admin-account-add = Konto anlegen
admin-categories-heading = Kategorien
admin-category-field-required = { $label } (Pflichtfeld)
admin-category-no-questions = keine zusätzlichen Fragen
admin-category-slug = Kategorieschlüssel (neu oder vorhanden)
admin-category-name-placeholder = Drucken
# „required“ und „optional“ liest der Server: bitte auf Englisch lassen.
admin-category-fields = Fragen, eine pro Zeile: Schlüssel | Bezeichnung | required oder optional | Hinweis
admin-category-fields-placeholder = printer | Druckername | required | steht auf dem Aufkleber
admin-category-save = Kategorie speichern

## Service-Level
sla-page-title = Service-Level — Switchboard
sla-page-heading = Service-Level
sla-page-lead-clock = Ziele zählen Arbeitszeit nach dem Kalender der jeweiligen Richtlinie und ruhen, solange ein Ticket auf die anfragende Person, Dritte oder Facility-Arbeiten wartet.
sla-page-lead-choice = Ein Ticket folgt der ersten Richtlinie, die seine Kategorie nennt, sonst einer, die das Team nennt, an das seine Kategorie geleitet wird, sonst der Standardrichtlinie (ohne Kategorien und Teams). Beim Speichern werden alle offenen Tickets neu berechnet.
sla-page-loading = Wird geladen…
sla-page-add-policy = Richtlinie hinzufügen
sla-page-saved = „{ $name }“ gespeichert; offene Tickets wurden neu berechnet.
sla-page-new-policy = Neue Richtlinie
# Die Regelwörter (response, resolution, notify assignee …) liest der Server: bitte auf Englisch lassen.
sla-page-rules = Eskalationsregeln, eine pro Zeile: Anteil eines Ziels, Uhr (response oder resolution), Aktionen
sla-page-rules-hint = Aktionen: notify assignee (Zuständige benachrichtigen), notify coordinators (Koordination benachrichtigen), notify watchers (Beobachtende benachrichtigen), raise priority (Priorität erhöhen), reassign (an die bestplatzierte verfügbare Fachkraft neu zuweisen).
sla-page-save = Richtlinie speichern
sla-page-name = Name
sla-page-categories = Kategorien (Schlüssel, durch Komma getrennt)
sla-page-teams = Teams (Namen, durch Komma getrennt)
sla-page-teams-placeholder = Netzwerk
sla-page-time-zone = Zeitzone
sla-page-hours = Arbeitszeiten
sla-page-holidays = Feiertage (JJJJ-MM-TT)
sla-page-at-risk = Gefährdet ab (% eines Ziels verbraucht)
sla-page-targets-caption = Ziele in Minuten Arbeitszeit
sla-page-priority = Priorität
sla-page-first-response = Erste Reaktion
sla-page-resolution = Lösung
sla-page-around-the-clock = Rund um die Uhr
# $priority: P1 … P4
sla-page-response-minutes = { $priority }: Minuten bis zur ersten Reaktion
sla-page-resolution-minutes = { $priority }: Minuten bis zur Lösung
sla-page-around-the-clock-label = { $priority } zählt rund um die Uhr

## Das Änderungsprotokoll der Einsatzliste
audit-updated = { $actor } hat { $subject } geändert: { $detail }
audit-saved = { $actor } hat { $subject } gespeichert: { $detail }
audit-deactivated = { $actor } hat { $subject } deaktiviert; alle Sitzungen und Tokens wurden beendet
audit-reactivated = { $actor } hat { $subject } wieder aktiviert; die Anmeldung ist wieder möglich
audit-password = { $actor } hat das Passwort für { $subject } geändert; alle Sitzungen und API-Tokens wurden beendet
audit-routed = { $actor } hat { $subject } an { $detail } geleitet
audit-created = { $actor } hat { $subject } als { $detail } angelegt
audit-role = { $actor } hat die Rolle von { $subject } geändert: { $detail }
audit-other = { $actor }: { $action } { $subject } { $detail }
audit-someone = Jemand
audit-everyone = alle
audit-subject-user = das Konto { $name }
audit-subject-team = das Team { $name }
audit-subject-category = die Kategorie { $name }
audit-subject-policy = die SLA-Richtlinie { $name }
audit-detail-role = { $from } → { $to }
audit-detail-profile = Stufe { $tier }, Kapazität { $capacity }, { $availability }, Fähigkeiten { $skills }
audit-detail-profile-until = Stufe { $tier }, Kapazität { $capacity }, { $availability } bis { $until }, Fähigkeiten { $skills }

## Webhooks (Administration)
webhooks-title = Webhooks — Switchboard
webhooks-heading = Webhooks
webhooks-lead = Hier erfahren andere Werkzeuge von Tickets: Jedes Ereignis wird an die Adresse gesendet, mit dem Geheimnis des Webhooks signiert und mehr als einen Tag lang erneut versucht, bis es ankommt. Ein Slack- oder Teams-Kanal erhält eine Nachricht mit dem Ticket.
webhooks-none = Noch keine Webhooks.
webhooks-since = Hinzugefügt { $when }
webhooks-deliveries = Letzte Zustellungen
webhooks-no-deliveries = Noch nichts gesendet.
webhooks-delivery-pending = Wartet
webhooks-delivery-sent = Gesendet
webhooks-delivery-failed = Aufgegeben
webhooks-attempts = { $count ->
    [0] noch nicht versucht
    [one] ein Versuch
   *[other] { $count } Versuche
}
webhooks-answer = Antwort { $status }: { $body }
webhooks-resend = Erneut senden
webhooks-remove = Diesen Webhook entfernen
webhooks-add-heading = Webhook hinzufügen
webhooks-url = Adresse
webhooks-url-hint = Eine https://-Adresse im Internet; an Adressen im internen Netz sendet Switchboard nicht.
webhooks-format = Format
webhooks-events = Ereignisse
webhooks-secret = Geheimnis (optional)
webhooks-secret-hint = Mindestens 16 Zeichen. Leer gelassen, erzeugt Switchboard eines.
webhooks-add = Webhook hinzufügen
webhooks-added = Hinzugefügt. Sein Geheimnis, nur dieses eine Mal angezeigt, damit das empfangende Werkzeug Signaturen prüfen kann:
webhook-format-json = Switchboard-JSON, signiert
webhook-format-slack = Slack-Nachricht
webhook-format-teams = Microsoft-Teams-Karte

## Company sign-in (the people page)
directory-heading = Anmeldung mit dem Firmenkonto
directory-none = Weder ein Firmenverzeichnis noch ein OpenID-Anbieter ist verbunden: Alle melden sich mit einem Switchboard-Passwort an. Wie Sie Active Directory, LDAP, Entra ID oder Google verbinden, steht im README.
directory-oidc = OpenID-Anbieter
directory-oidc-client = Client-ID
directory-oidc-callback = Weiterleitungs-URL (beim Anbieter eintragen)
directory-oidc-scopes = Scopes
directory-oidc-roles = Rollen aus dem Claim { $claim }
directory-oidc-email-trusted = Adressen gelten auch ohne email_verified als bestätigt (--oidc-trust-email).
directory-oidc-email-verified = Eine Adresse zählt nur, wenn der Anbieter sie bestätigt (email_verified).
directory-oidc-domains = Zugelassene Adressen
directory-oidc-domains-any = alle, für die der Anbieter bürgt
directory-ldap = LDAP-Verzeichnis
directory-security-ldaps = TLS (LDAPS)
directory-security-starttls = TLS (StartTLS)
directory-security-none = unverschlüsselt (nur für Testumgebungen)
directory-finding = Findet Personen
directory-finds-search = über die Suche des Dienstkontos:
directory-finds-template = durch Anmeldung als:
directory-roles = Rollen aus Gruppen
directory-roles-none = keine: Rollen werden hier vergeben
directory-sync = Abgleich
directory-sync-every = alle { $hours } Stunden
directory-sync-off = nicht von selbst
directory-sync-now = Jetzt abgleichen
directory-sync-unavailable = Der Abgleich braucht ein Dienstkonto (--ldap-bind-dn)
directory-never-synced = Noch nicht abgeglichen.
directory-synced = Letzter Abgleich { $when }: { $count } Personen im Verzeichnis.
directory-syncing = Ein Abgleich läuft seit { $when }.
directory-sync-failed = Der Abgleich von { $when } ist fehlgeschlagen: { $why }
directory-sync-timeout = das Verzeichnis hat nicht innerhalb von fünf Minuten geantwortet
directory-sync-listed-no-one = das Verzeichnis hat niemanden geliefert, daher wurde niemand deaktiviert (prüfen Sie Basis-DN, Filter und die Rechte des Dienstkontos)
directory-passwords-everyone = Switchboard-Passwörter gelten für alle ohne Konto im Verzeichnis.
directory-passwords-admins = Switchboard-Passwörter gelten nur für Admins; alle anderen melden sich mit dem Firmenkonto an.
directory-changes = Letzte Änderungen durch das Verzeichnis
directory-no-changes = Das Verzeichnis hat noch niemanden angelegt, verknüpft oder deaktiviert.
directory-created = angelegt
directory-linked = mit dem Verzeichnis verknüpft
directory-role-changed = Rolle geändert
directory-deactivated = deaktiviert (nicht mehr im Verzeichnis)

## Was ein Slack- oder Teams-Kanal von einem Webhook-Ereignis zeigt
webhook-event-filed = Neues Ticket
webhook-event-assigned = Zugewiesen
webhook-event-status-changed = Status geändert
webhook-event-priority-changed = Priorität geändert
webhook-event-escalated = Eskaliert
webhook-event-sla-at-risk = Servicelevel gefährdet
webhook-event-sla-breached = Servicelevel verletzt
webhook-event-note-public = Neue Nachricht an die anfragende Person
webhook-event-note-internal = Neue interne Notiz
webhook-event-resolved = Gelöst
webhook-card-priority = Priorität
webhook-card-status = Status
