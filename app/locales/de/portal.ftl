# Das Portal der anfragenden Personen: meine Anfragen, das Anfrageformular, die Ticketseite und
# die kleinen Bausteine, die alle Oberflächen teilen (Alter, Service-Level-Uhren).

## Alter und Zeitspannen
portal-age-just-now = gerade eben
portal-age-minutes = { $count } Min.
portal-age-hours = { $count } Std.
portal-age-days = { $count } Tg.
portal-ago-just-now = gerade eben
portal-ago-minutes = vor { $count } Min.
portal-ago-hours = vor { $count } Std.
portal-ago-days = vor { $count ->
    [one] einem Tag
   *[other] { $count } Tagen
}
portal-updated-ago = aktualisiert { $ago }
portal-span-days = { $days } T. { $hours } h
portal-span-hours = { $hours } h { $minutes } min
portal-span-minutes = { $minutes } min

## Service-Level-Uhr
portal-sla-left = noch { $span }
portal-sla-overdue = { $span } überfällig
portal-sla-paused = Pausiert · { $left }
portal-sla-target-missed = Ziel verfehlt
portal-sla-target-met = Ziel erreicht
portal-sla-respond-by = Reaktion bis { $when }
portal-sla-response-overdue = Reaktion überfällig · { $left }
portal-sla-response-due = Reaktion fällig: { $when }
portal-sla-resolution-due = Lösung fällig: { $when }
portal-sla-policy = Richtlinie: { $policy }
portal-sla-state-on-track = SLA im Plan:
portal-sla-state-at-risk = SLA gefährdet:
portal-sla-state-breached = SLA verletzt:
portal-expect-paused = Die Uhr ist angehalten, solange wir warten; für die Lösung bleiben noch { $span } Arbeitszeit.
portal-expect-respond-by = Eine Technikerin oder ein Techniker meldet sich bis { $when } bei Ihnen.
portal-expect-respond-asap = Eine Technikerin oder ein Techniker meldet sich so bald wie möglich bei Ihnen.
portal-expect-solve-by = Wir möchten das Problem bis { $when } lösen.

## Meine Anfragen
portal-my-requests-title = Meine Anfragen — Switchboard
portal-my-requests = Meine Anfragen
portal-report-a-problem = Problem melden
portal-report-a-problem-title = Problem melden — Switchboard
portal-loading = Wird geladen…
portal-no-requests = Sie haben noch keine Anfragen.
portal-projects-you-follow = Projekte, denen Sie folgen
portal-project-progress = { $percent } % erledigt · { $open } offen
portal-project-overdue = { $count } überfällig

## Das Anfrageformular
portal-file-a-request = Anfrage erfassen
portal-form-lead = Beschreiben Sie, was passiert ist – wir fragen nur, was für die Bearbeitung nötig ist.
portal-required = Pflichtfeld
portal-form-category = Worum geht es?
portal-form-title = Was funktioniert nicht? (in einem Satz)
portal-form-description = Was ist passiert? Was haben Sie schon versucht?
portal-form-location = Wo sind Sie? (Gebäude, Raum)
portal-form-contact = Wie erreichen wir Sie? (Telefon, Arbeitsplatz)
portal-sending = Wird gesendet…
portal-send-request = Anfrage senden
portal-form-impact = Wer ist betroffen?
portal-form-urgency = Wie stark behindert es Ihre Arbeit?
portal-on-behalf = Im Auftrag von (Telefon oder persönlich)
portal-requester-email = E-Mail der anfragenden Person (leer lassen, wenn es um Sie selbst geht)
portal-requester-name = Name der anfragenden Person
portal-channel = Wie ist die Anfrage eingegangen?
portal-category-details = Details zu { $category }
portal-category-nothing-more = Weitere Angaben sind nicht nötig.
portal-similar-question = Ist es eines davon?
portal-similar-hint = Sie können einer offenen Anfrage folgen, statt eine neue zu erstellen.

## Nächste Schritte an einem Ticket
portal-next-step = Nächster Schritt
portal-action-text = Lösungsnotiz oder Begründung (nötig zum Lösen, Wiedereröffnen oder Eskalieren)
portal-resolve-minutes = Aufgewendete Minuten (werden beim Lösen erfasst)
portal-resolve-children = Auch { $count ->
    [one] das offene Unterticket
   *[other] die { $count } offenen Untertickets
} mit dieser Lösung abschließen (jede anfragende Person wird benachrichtigt)
action-take-it = Übernehmen
portal-assign-to = Zuweisen an (E-Mail)
portal-escalate-to = Bei Eskalation übergeben an
portal-escalate-coordinator-decides = Die Koordination entscheidet
portal-is-it-solved = Ist das Problem gelöst?
portal-accept-hint = Wenn alles wieder funktioniert, bestätigen Sie es uns, und wir schließen das Ticket.
portal-accept-solution = Lösung annehmen
portal-reopen-reason = Was funktioniert noch nicht? (nötig zum Wiedereröffnen)
portal-not-fixed = Nicht behoben

## Bewertung
portal-rating-given-staff = Bewertung der anfragenden Person:
portal-rating-given-you = Ihre Bewertung der Hilfe:
portal-rating-comment = , Kommentar: „{ $comment }“
portal-rating-change = Bewertung ändern
portal-rating-question = Wie war die Hilfe? (1 schlecht – 5 ausgezeichnet)
portal-rating-comment-label = Möchten Sie noch etwas ergänzen? (optional)
portal-rating-send = Bewertung senden
portal-rating-heading-staff = Bewertung
portal-rating-heading-you = Ihre Meinung

## Private Links zum Verfolgen
portal-tracking-heading = Private Links zum Verfolgen
portal-tracking-hint = Für anfragende Personen ohne Konto: Der Link zeigt nur die öffentliche Seite dieses Tickets, bis er widerrufen wird.
portal-tracking-copy = Kopieren Sie den Link jetzt; er wird nur einmal angezeigt
portal-tracking-link-created = Link { $id } erstellt am { $when }
portal-tracking-link-created-by = Link { $id } erstellt am { $when } von { $by }
portal-tracking-revoked = widerrufen
portal-tracking-revoke = Widerrufen
portal-tracking-create = Privaten Link erstellen

## Notizen und Beobachter
portal-notes-heading-staff = Notizen
portal-notes-heading = Nachrichten
portal-no-notes = Noch keine Einträge.
portal-note-internal = Intern
portal-note-minutes = { $count } Min.
portal-note-label-staff = Notiz hinzufügen
portal-note-label = Antwort
portal-note-not-sent = Nicht gesendet: { $error }. Ihr Text bleibt hier erhalten; klicken Sie erneut auf die Schaltfläche, um es noch einmal zu versuchen.
portal-note-internal-check = Intern (nur für die IT)
portal-note-minutes-label = Aufgewendete Minuten
portal-note-internal-hint = Entfernen Sie das Häkchen bei „Intern“, dann sieht die anfragende Person diese Notiz.
portal-note-add = Notiz hinzufügen
portal-note-send-reply = Antwort senden
portal-watchers-heading = Wer dieses Ticket verfolgt
portal-watchers-none = Sonst noch niemand.
portal-watchers-add-label = Jemanden auf dem Laufenden halten (E-Mail-Adresse)
portal-watchers-add = Hinzufügen

## Die Ticketseite
portal-track-title = Ihre Anfrage — Switchboard
portal-track-note = Sie verfolgen diese Anfrage über einen privaten Link. Bitte geben Sie ihn nicht weiter.
portal-filed-before = Ihre Anfrage
portal-filed-after = ist eingegangen. Wir halten Sie hier auf dem Laufenden.
portal-merged-notice = wurde mit dieser Anfrage zusammengeführt, da es sich um ein Duplikat handelte. Sie können sie hier verfolgen.
portal-description = Beschreibung
portal-solution = Lösung
portal-flag-escalated = Eskaliert
portal-flag-reopened = Wieder geöffnet
portal-fact-category = Kategorie
portal-fact-assigned-to = Zugewiesen an
portal-fact-not-assigned = Noch niemand
portal-fact-location = Standort
portal-fact-asset = Inventarnummer
portal-fact-contact = Kontakt
portal-fact-call = Anrufen
portal-fact-project = Projekt
portal-fact-due = Fällig am
portal-fact-merged-into = Zusammengeführt in
portal-fact-filed = Eingegangen
portal-history = Verlauf

## Dateien einer Anfrage
attachment-heading = Dateien
attachment-none = Noch keine Dateien.
attachment-kind-image = Bild
attachment-kind-pdf = PDF-Dokument
attachment-kind-zip = ZIP-Archiv
attachment-kind-text = Textdatei
attachment-kind-other = Datei
attachment-size-bytes = { $n } Byte
attachment-size-kb = { $n } KB
attachment-size-mb = { $n } MB
attachment-internal = intern
attachment-by = von { $name }
attachment-open = { $name } in voller Größe öffnen
attachment-remove = Entfernen
attachment-add = Dateien anhängen
attachment-choose = Dateien (Screenshots, Fotos, Protokolle)
attachment-take-photo = Foto aufnehmen
attachment-limit = Bis zu { $count } Dateien, jede höchstens { $max } MB.
attachment-note = Nachricht (optional)
attachment-visibility = Wer die Dateien sieht
attachment-send = Anhängen
attachment-for-staff = Nur die IT (intern)
attachment-for-everyone = Auch die anfragende Person (öffentlich)
attachment-sending = Wird gesendet…
attachment-uploading = Die ausgewählten Dateien werden angehängt…
attachment-remove-chosen = { $name } entfernen
attachment-limit-count = Bis zu { $count } Dateien.

## Service-Level-Regeln
sla-breached-subject = { $number } hat das { $clock }-Ziel verfehlt
sla-used-subject = { $number } hat { $percent } % der { $clock }-Zeit verbraucht
sla-reached = das { $clock }-Ziel wurde erreicht
sla-used = { $percent } % des { $clock }-Ziels sind verbraucht
sla-clock-response = Reaktions
sla-clock-resolution = Lösungs

## Ein Status in den Worten der anfragenden Person
status-words-new = Eingegangen — wartet auf eine Technikerin oder einen Techniker
status-words-assigned = Einer Technikerin oder einem Techniker zugewiesen
status-words-in-progress = In Bearbeitung
status-words-waiting-on-you = Wartet auf Sie
status-words-resolved = Gelöst — bitte bestätigen Sie
