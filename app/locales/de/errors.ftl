# Warum ein Formularfeld oder eine Anfrage abgelehnt wurde: die Prüfungen von Server und Fachlogik.
# Wörter, die der Parser liest (mon, tue, required, notify assignee …), bleiben unverändert.

## Tickets: erfassen, ändern, Notizen
err-title-too-short = Der Titel braucht mindestens 3 Zeichen
err-title-too-long = Der Titel darf höchstens 200 Zeichen lang sein
err-note-required = Die Notiz darf nicht leer sein
err-note-too-long = Die Notiz darf höchstens 20000 Zeichen lang sein
err-resolution-required = Beschreiben Sie die Lösung
err-resolution-too-long = Die Lösungsbeschreibung darf höchstens 20000 Zeichen lang sein
err-description = Beschreiben Sie, was passiert ist (höchstens 20.000 Zeichen)
err-choose-impact = Wählen Sie, wie viele Personen betroffen sind
err-choose-urgency = Wählen Sie, wie stark es die Arbeit behindert
err-location-too-long = Der Ort darf höchstens 200 Zeichen lang sein
err-asset-tag-too-long = Die Inventarnummer darf höchstens 100 Zeichen lang sein
err-contact-too-long = Die Kontaktangabe darf höchstens 200 Zeichen lang sein
err-channel = Als Kanal sind möglich: { $choices }
err-choose-category = Wählen Sie eine Kategorie
err-field-unknown = { $category } hat kein Feld „{ $key }“
err-field-too-long = „{ $label }“ darf höchstens 500 Zeichen lang sein
err-field-required = „{ $label }“ ist für Anfragen der Kategorie „{ $category }“ erforderlich
err-reason-too-long = Die Begründung darf höchstens { $max } Zeichen lang sein
err-no-technician = Zu dieser E-Mail-Adresse gibt es niemanden aus der Technik
err-no-category = Diese Kategorie gibt es nicht
err-minutes-range = Der Zeitaufwand liegt zwischen 0 und 1440 Minuten
err-minutes-number = Geben Sie den Zeitaufwand in ganzen Minuten an
err-reopen-reason = Beschreiben Sie, was noch nicht stimmt
err-choose-assignee = Wählen Sie, wem das Ticket zugewiesen wird
err-skill-needed = Zum Übernehmen brauchen Sie die Fähigkeit „{ $category }“; bitten Sie die Koordination um die Zuweisung
err-escalate-reason = Begründen Sie, warum eskaliert werden muss
err-escalate-lower = Eine Eskalation kann die Priorität nur erhöhen
err-priority-reason = Begründen Sie die Änderung der Priorität
err-idempotency-key = Dieser Schlüssel wurde bereits für ein anderes Ticket verwendet
err-no-account = Es gibt kein Konto mit dieser E-Mail-Adresse
err-too-many-watchers = Ein Ticket kann höchstens { $max } Beobachter haben
err-board-position = Unbekannte Position in der Spalte
err-limit = limit muss zwischen 1 und 200 liegen
err-cursor = cursor ist ungültig
err-unknown-decision = Unbekannte Entscheidung

## Konten und Passwörter
err-email = Geben Sie eine E-Mail-Adresse wie name@example.org ein
err-name = Geben Sie einen Namen mit höchstens 120 Zeichen ein
err-password-short = Verwenden Sie mindestens 10 Zeichen
err-password-long = Verwenden Sie höchstens 1024 Zeichen
err-email-taken = Es gibt bereits ein Konto mit dieser E-Mail-Adresse
err-registration-no-mail = Konten richtet hier die IT ein (dieser Helpdesk verschickt noch keine E-Mails); wenden Sie sich an den Helpdesk
err-work-email = Verwenden Sie Ihre geschäftliche E-Mail-Adresse ({ $domains })
err-verify-link = Dieser Link ist abgelaufen oder wurde bereits verwendet; registrieren Sie sich erneut, um einen neuen zu erhalten
err-reset-link = Dieser Link ist abgelaufen oder wurde bereits verwendet; fordern Sie einen neuen an
err-token-name = Der Name des Tokens darf höchstens 80 Zeichen lang sein
err-token-days = Ein Token gilt zwischen 1 und { $max } Tagen
err-days-number = Geben Sie eine Anzahl von Tagen ein
err-deactivate-self = Sie können Ihr eigenes Konto nicht deaktivieren
err-choose-role = Wählen Sie eine Rolle
err-demote-self = Sie können sich die Admin-Rolle nicht selbst entziehen
err-wrong-password = Das ist nicht Ihr aktuelles Passwort
err-password-in-directory = Ihr Passwort ist das Ihres Firmenkontos: Ändern Sie es dort

## Einsatzplan, Teams und Kategorien
err-tier = Die Stufe ist 1 (First Level), 2 (Spezialist) oder 3 (Experte)
err-capacity = Die Kapazität liegt zwischen 0 und 100 offenen Tickets
err-availability = Wählen Sie „Im Dienst“, „Abwesend“ oder „Frei“
err-off-until-date = Geben Sie ein Datum wie 2026-12-24 ein
err-off-until-missing = Geben Sie an, bis wann die Person frei hat
err-skill-not-category = „{ $slug }“ ist keine Kategorie ({ $categories })
err-skill-level = Die Stufe für { $slug } ist 1, 2 oder 3
err-skill-twice = { $slug } steht doppelt in der Liste
err-team-name = Ein Teamname hat 1 bis 80 Zeichen
err-not-staff = { $email } gehört nicht zum IT-Personal
err-no-team = Dieses Team gibt es nicht
err-category-slug = Verwenden Sie 1 bis 40 Kleinbuchstaben, Ziffern, - oder _
err-category-name = Ein Name hat 1 bis 80 Zeichen
err-field-key = Der Feldschlüssel „{ $key }“ darf nur Kleinbuchstaben, Ziffern und _ enthalten
err-field-twice = Das Feld „{ $key }“ steht doppelt in der Liste
err-field-label = Das Feld „{ $key }“ braucht eine Bezeichnung mit höchstens 120 Zeichen
err-too-many-fields = Eine Kategorie fragt höchstens 20 Felder ab
err-field-required-word = „{ $word }“ in „{ $line }“: Schreiben Sie required oder optional
err-unknown-category = Unbekannte Kategorie

## Bewertung der Hilfe
err-score = Wählen Sie von 1 (schlecht) bis 5 (ausgezeichnet)
err-comment-too-long = Der Kommentar muss unter 2.000 Zeichen bleiben
err-rate-when-resolved = Sie können die Hilfe bewerten, sobald das Ticket gelöst ist

## Projekte und Facility-Arbeiten
err-project-name-too-short = Der Name braucht mindestens 3 Zeichen
err-project-name-too-long = Der Name darf höchstens 120 Zeichen lang sein
err-project-description-too-long = Die Beschreibung darf höchstens 5000 Zeichen lang sein
err-start-date-required = Das Startdatum fehlt
err-start-date-invalid = Das Startdatum muss ein Datum wie 2026-12-31 sein
err-end-date-required = Das Enddatum fehlt
err-end-date-invalid = Das Enddatum muss ein Datum wie 2026-12-31 sein
err-end-before-start = Das Enddatum liegt vor dem Startdatum
err-project-name-taken = Es gibt bereits ein Projekt mit diesem Namen
err-due-date-required = Das Fälligkeitsdatum fehlt
err-due-date-invalid = Das Fälligkeitsdatum muss ein Datum wie 2026-12-31 sein
err-due-before-start = Die Fälligkeit { $due } liegt vor dem Projektstart ({ $start })
err-choose-priority = Wählen Sie P1 bis P4
err-no-project = Dieses Projekt gibt es nicht
err-work-what-too-short = Beschreiben Sie die benötigte Arbeit mit mindestens 3 Zeichen
err-work-what-too-long = Die Beschreibung der Arbeit darf höchstens 2000 Zeichen lang sein
err-work-where-too-short = Der Ort braucht mindestens 3 Zeichen
err-work-where-too-long = Der Ort darf höchstens 200 Zeichen lang sein
err-expected-date-required = Das voraussichtliche Datum fehlt
err-expected-date-invalid = Das voraussichtliche Datum muss ein Datum wie 2026-12-31 sein
err-say-what-needed = Beschreiben Sie, was benötigt wird
err-no-facility-manager = Niemand im Facility-Management hat diese E-Mail-Adresse (die Rolle vergibt ein Admin unter „Personen“)
err-work-order-attached = Das Ticket wartet bereits auf diesen Arbeitsauftrag
err-work-order-finished = Dieser Arbeitsauftrag ist abgeschlossen
err-no-work-order = Diesen Arbeitsauftrag gibt es nicht
err-work-order-closed = Dieser Arbeitsauftrag ist bereits abgeschlossen
err-outcome-too-long = Höchstens 2000 Zeichen
err-unknown-work-order-action = Unbekannte Aktion für den Arbeitsauftrag

## Verknüpfungen zwischen Tickets
err-ticket-number = Geben Sie eine Ticketnummer wie SB-1042 ein
err-link-self = Ein Ticket kann nicht mit sich selbst verknüpft werden
err-no-visible-ticket = Unter den Tickets, die Sie sehen können, hat keines diese Nummer
err-link-loop = Damit würde ein Ticket sich selbst übergeordnet
err-merge-open-only = Nur ein offenes Ticket kann als Duplikat zusammengeführt werden
err-merge-into-open = Führen Sie es mit einem Ticket zusammen, das noch offen ist
err-choose-link-kind = Wählen Sie, wie die Tickets verknüpft sind
err-already-linked = Diese Tickets sind bereits verknüpft
err-has-parent = Dieses Ticket hat bereits ein übergeordnetes Ticket; lösen Sie zuerst diese Verknüpfung

## Service-Level-Richtlinien
err-policy-name = Geben Sie der Richtlinie einen Namen mit höchstens 100 Zeichen
err-policy-name-taken = Eine andere Richtlinie hat bereits diesen Namen
err-policy-no-category = Es gibt keine Kategorie „{ $category }“
err-policy-no-team = Es gibt kein Team „{ $team }“
err-policy-targets = Geben Sie Ziele für P1, P2, P3 und P4 an
err-policy-at-risk = „Gefährdet ab“ ist ein Anteil zwischen 1 und 100 %
err-target-range = { $priority }: Ziele liegen zwischen 1 Minute und einem Jahr
err-target-order = { $priority }: Die Lösung kann nicht vor der ersten Reaktion fällig sein
err-rule-twice = Zeile { $line }: dieselbe Regel zweimal
err-rule-line = Zeile { $line }: { $why }
err-rule-shape = „{ $line }“ sollte so aussehen: 75% resolution: notify assignee
err-rule-action = „{ $action }“ ist keine Aktion (notify assignee, notify coordinators, notify watchers, raise priority, reassign)
err-unknown-time-zone = Unbekannte Zeitzone „{ $zone }“ (verwenden Sie einen Namen wie Europe/Berlin)
err-holiday-not-date = „{ $word }“ ist kein Datum wie 2026-12-25
err-not-a-time = „{ $text }“ ist keine Uhrzeit wie 08:30
err-not-a-day = „{ $text }“ ist kein Wochentag (mon, tue, … sun)
err-hours-need-days = „{ $entry }“ braucht Tage und Uhrzeiten, etwa mon-fri 08:00-17:00
err-days-backwards = „{ $part }“: Die Tage sind rückwärts angegeben
err-not-a-span = „{ $span }“ ist keine Zeitspanne wie 08:00-17:00
err-span-backwards = „{ $span }“: Das Ende liegt vor dem Beginn
err-hours-overlap = Die Arbeitszeiten eines Tages überschneiden sich
err-no-working-hours = Geben Sie mindestens eine Arbeitszeitspanne an, etwa mon-fri 08:00-17:00

## Anhänge
err-attachment-none = Bitte wählen Sie eine Datei aus.
err-attachment-count = Sie können höchstens { $max } Dateien auf einmal anhängen.
err-attachment-empty = Die Datei { $name } ist leer.
err-attachment-too-large = Jede Datei darf höchstens { $max } MB groß sein.
err-attachment-ticket-full = Die Dateien dieser Anfrage dürfen zusammen höchstens { $max } MB umfassen; entfernen Sie eine Datei oder senden Sie stattdessen einen Link.
err-attachment-upload = Die Dateien konnten nicht gelesen werden; bitte versuchen Sie es erneut.
err-attachment-visibility = Wählen Sie öffentlich oder intern.
err-form-text-too-long = Dieser Text ist zu lang (höchstens 64 KB).
err-bulk-none = Wählen Sie mindestens ein Ticket aus.
err-bulk-too-many = Eine Sammeländerung umfasst höchstens { $max } Tickets auf einmal.
err-bulk-number = „{ $number }“ ist keine Ticketnummer.
err-bulk-one-change = Nennen Sie genau eine Änderung für die Tickets: change, note, watcher oder parent.
err-recurring-interval = Alle 1 bis 366 Tage oder alle 1 bis 52 Wochen wiederholen.
err-recurring-nth = Wählen Sie, welcher Wochentag im Monat: erster bis vierter oder letzter.
err-recurring-repeat = Wählen Sie, wie es sich wiederholt.
err-recurring-first = Geben Sie das erste Datum als Datum an, etwa 2027-01-31.
err-recurring-at = Geben Sie die Uhrzeit an, etwa 08:00.
err-recurring-never = Dieser Zeitplan fällt nie wieder an.
err-recurring-assignee = Weisen Sie es einer Person aus der IT zu oder überlassen Sie es dem Team der Kategorie.
err-recurring-category-details = Diese Kategorie verlangt Angaben (etwa eine Inventarnummer), die ein wiederkehrendes Ticket nicht machen kann: Wählen Sie eine andere.
err-notice-too-short = Die Meldung braucht mindestens 3 Zeichen
err-notice-too-long = Die Meldung darf höchstens 200 Zeichen lang sein
err-known-issue-closed = Nur ein offenes Ticket kann als bekannte Störung gemeldet werden

err-webhook-url = Geben Sie die vollständige Adresse an, unter der das andere Werkzeug empfängt, etwa https://chat.example.com/hooks/abc.
err-webhook-https = Webhooks werden nur über https:// gesendet.
err-webhook-credentials = Lassen Sie Benutzernamen und Passwörter aus der Adresse weg; die Signatur weist Switchboard aus.
err-webhook-resolve = Dieser Hostname wurde nicht gefunden.
err-webhook-internal = Diese Adresse liegt im internen Netz (Loopback, privat oder link-lokal); ein Administrator muss den Host zuerst erlauben.
err-webhook-event = Eines der Ereignisse sendet Switchboard nicht.
err-webhook-no-events = Wählen Sie mindestens ein Ereignis.
err-webhook-format = Wählen Sie eines der Formate: json, slack oder teams.
err-webhook-secret = Ein Geheimnis braucht 16 bis 200 Zeichen.
err-webhook-timeout = Der Empfänger hat nicht rechtzeitig geantwortet.
err-webhook-connect = Der Empfänger war nicht erreichbar.
err-webhook-request = Die Anfrage an den Empfänger ist fehlgeschlagen.
facility-resume-first = Das Ticket ist im Status „{ $waiting }“; setzen Sie es zuerst fort
facility-cannot-wait = Das Ticket kann nicht warten: { $why }
