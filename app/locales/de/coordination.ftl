## Verknüpfungen, Facility-Arbeiten und Projekt eines Tickets (app/src/ui/coordination.rs)
coord-unlink-ticket = Verknüpfung mit { $number } trennen
coord-unlink = Trennen
coord-part-of = Teil von
coord-child = Untergeordnet
coord-related = Verwandt
coord-merged-here = Hierher zusammengeführt
coord-linked-tickets = Verknüpfte Tickets
coord-no-links = Keine.
# Danach folgt eine Auswahl wie „ist Teil von (übergeordnet)“ und die Nummer des anderen Tickets.
coord-this-ticket = Dieses Ticket
coord-other-ticket-number = Nummer des anderen Tickets
coord-link = Verknüpfen
coord-facility-work = Facility-Arbeiten
coord-no-facility-work = Dieses Ticket wartet auf keine Facility-Arbeiten.
coord-expected-on = erwartet am { $date }
# Was das Facility-Management beim Abschluss geschrieben hat, in Anführungszeichen.
coord-outcome-quoted = „{ $outcome }“
coord-needs-facility-work = Facility-Arbeiten nötig (Verkabelung, Strom, Zutritt …)
coord-facility-clock-pauses = Das Ticket wartet so lange auf das Facility-Management: Seine Uhr hält an und läuft weiter, sobald die Arbeiten erledigt sind.
coord-what-is-needed = Was wird benötigt
coord-where = Wo
coord-facility-manager = Facility-Manager/in
coord-no-facility-manager = Noch hat niemand aus dem Facility-Management ein Konto
coord-hoped-for-by = Gewünscht bis (optional)
coord-existing-work-order = … oder auf einen bestehenden Arbeitsauftrag warten
coord-new-work-order = Neuer Arbeitsauftrag (siehe oben)
coord-ask-facility-work = Facility-Arbeiten anfordern
coord-project = Projekt
# Kein Projekt für dieses Ticket.
coord-no-project = Kein Projekt
coord-due = Fällig am
coord-save = Speichern

## Seite Arbeitsaufträge (app/src/ui/facility.rs)
facility-page-title = Arbeitsaufträge — Switchboard
facility-page-heading = Arbeitsaufträge
facility-page-lead-facility = Arbeiten am Gebäude, die die IT von Ihnen benötigt. Die zugehörigen Anfragen warten, bis Sie den Auftrag als erledigt markieren.
facility-page-lead-it = Facility-Arbeiten, auf die Tickets warten; offene zuerst.
facility-page-loading = Wird geladen …
facility-page-no-orders = Keine Arbeitsaufträge.
facility-page-tickets-waiting = { $count ->
    [one] { $count } IT-Anfrage wartet darauf
   *[other] { $count } IT-Anfragen warten darauf
}
facility-page-where = Wo
facility-page-expected = Erwartet
facility-page-no-date-yet = Noch kein Datum
facility-page-manager = Facility-Manager/in
facility-page-asked-by = Angefordert von
facility-page-waiting = Wartend
facility-page-finished = Abgeschlossen
facility-page-note = Hinweis
facility-page-what-was-done = Was wurde erledigt? (optional)
# $reference: der Arbeitsauftrag, etwa WO-12.
facility-page-mark-done = { $reference } abschließen
facility-page-expected-date = Voraussichtlich am
facility-page-set-date = Datum setzen
facility-page-cancel-not-needed = Stornieren: nicht mehr nötig

## Bekannte Störungen (app/src/ui/known.rs)
known-heading = Bekannte Störungen
known-label = Bekannte Störung:
known-affected = { $count ->
    [one] 1 Person betroffen
   *[other] { $count } Personen betroffen
}
known-me-too = Betrifft mich auch
known-on-it = Sie sind dabei; wir melden uns, sobald es behoben ist:
known-issue = Bekannte Störung
known-explain = Melden Sie dieses Ticket den Anfragenden mit einem kurzen Hinweis: Sie sehen ihn im Anfrageformular und auf ihren Seiten und können mit einem Klick sagen, dass es sie auch betrifft.
known-announced = Den Anfragenden gemeldet. Wird das Ticket gelöst, werden alle Tickets dazu gelöst und der Hinweis verschwindet.
known-notice = Hinweis für Anfragende
known-announce = Melden
known-update = Hinweis ändern
known-take-down = Hinweis zurücknehmen
