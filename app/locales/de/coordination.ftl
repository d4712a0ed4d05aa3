## Projekte (app/src/ui/projects.rs)
projects-percent-done = { $percent } % erledigt
projects-done-open = { $done } erledigt · { $open } offen
projects-overdue-count = { $count } überfällig
projects-title = Projekte — Switchboard
projects-heading = Projekte
projects-lead = Unterstützung der IT für Projekte: geplante Aufgaben und die zugehörigen Anfragen.
projects-loading = Wird geladen …
projects-none-yet = Noch keine Projekte.
# Danach folgt ein Link auf das neue Projekt.
projects-created = Projekt angelegt:
# $starts, $ends: Datumsangaben; $manager: Name einer Person.
projects-card-facts = { $starts } – { $ends } · Projektleitung: { $manager }
projects-next-due = nächste Fälligkeit: { $date }
projects-new = Neues Projekt
projects-name = Name
projects-manager-email = Projektleitung (E-Mail)
projects-starts = Beginn
projects-ends = Ende
projects-about = Worum es geht
projects-create = Projekt anlegen
projects-overdue-since = überfällig seit { $date }
projects-due-today = heute fällig
projects-due-on = fällig am { $date }
projects-page-facts = { $starts } – { $ends } · Projektleitung: { $manager }
projects-progress = Fortschritt
projects-following = Verfolgt von
# Die Projektleitung am Anfang der Liste der Personen, die das Projekt verfolgen.
projects-following-manager = { $name } (Projektleitung)
projects-watcher-email = Weitere Person informieren (E-Mail)
projects-add-watcher = Hinzufügen
projects-who-works-on-what = Wer arbeitet woran
projects-nothing-open = Nichts offen.
projects-not-yet-assigned = Noch nicht zugewiesen
projects-upcoming-due = Nächste Fälligkeiten
projects-no-due-dates = Keine offene Aufgabe hat ein Fälligkeitsdatum.
projects-tickets-heading = Tickets und Aufgaben ({ $count })
projects-col-ticket = Ticket
projects-col-status = Status
projects-priority = Priorität
projects-due = Fällig am
projects-col-assigned-to = Zugewiesen an
projects-plan-task = Aufgabe planen
projects-task = Aufgabe
projects-category = Kategorie
projects-assignee-email = Zuweisen an (E-Mail, optional)
projects-details = Details
projects-add-task = Aufgabe hinzufügen

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

## Seite Berichte (app/src/ui/reports.rs); Tabellentitel und Spalten kommen aus dem Bericht selbst
reports-title = Berichte — Switchboard
reports-heading = Berichte
reports-loading = Wird geladen …
reports-correct-fields = Bitte korrigieren Sie die markierten Felder.
reports-last-7-days = Letzte 7 Tage
reports-last-30-days = Letzte 30 Tage
reports-last-90-days = Letzte 90 Tage
reports-this-year = Dieses Jahr
reports-last-12-months = Letzte 12 Monate
reports-filters-label = Zeitraum und Filter
reports-from = Von
reports-to = Bis
reports-team = Team
reports-all-teams = Alle Teams
reports-category = Kategorie
reports-all-categories = Alle Kategorien
reports-everyone = Alle
reports-priority = Priorität
reports-all-priorities = Alle Prioritäten
reports-show = Anzeigen
reports-presets-label = Häufige Zeiträume
# $bucket: day, week oder month (ein Punkt des Verlaufsdiagramms).
reports-period = { $from } bis { $to }, { $bucket ->
    [week] pro Woche
    [month] pro Monat
   *[day] pro Tag
}
reports-figures-label = Kennzahlen
reports-download-csv = CSV herunterladen
# Wird von Screenreadern direkt nach „CSV herunterladen“ vorgelesen (nach einem Leerzeichen).
reports-download-csv-of = für „{ $title }“
reports-nothing-to-show = Für diesen Zeitraum gibt es nichts anzuzeigen.
reports-bar-caption = { $heading }: die ersten { $shown } von { $total } Zeilen (die Tabelle enthält alle)

## Wiederkehrende Arbeit (/recurring)
recurring-page-title = Wiederkehrende Tickets · Switchboard
recurring-heading = Wiederkehrende Tickets
recurring-lead = Arbeit, die regelmäßig wiederkommt (Zertifikate erneuern, Patchtage, Sicherungen prüfen), legt sich nach ihrem Zeitplan selbst an, in der Zeitzone des Service Desks. Ein Termin, der verpasst wurde, während Switchboard nicht lief, wird danach einmal angelegt.
recurring-new-heading = Ticket einplanen
recurring-field-title = Titel
recurring-field-description = Beschreibung
recurring-field-description-hint = Ein Schritt pro Zeile ergibt eine Checkliste für die Technikerin oder den Techniker.
recurring-field-category = Kategorie
recurring-field-impact = Auswirkung
recurring-field-urgency = Dringlichkeit
recurring-field-assignee = Zuweisen an (E-Mail)
recurring-field-assignee-hint = Leer lassen, damit das Team der Kategorie es übernimmt, wie jede Anfrage.
recurring-field-schedule = Wann
recurring-field-repeat = Wiederholung
recurring-repeat-days = Alle paar Tage
recurring-repeat-weeks = Alle paar Wochen
recurring-repeat-month-weekday = Ein Wochentag jedes Monats
recurring-repeat-year = Jedes Jahr
recurring-field-every = Alle (Tage oder Wochen)
recurring-field-nth = Welcher
recurring-nth-1 = Erster
recurring-nth-2 = Zweiter
recurring-nth-3 = Dritter
recurring-nth-4 = Vierter
recurring-nth-last = Letzter
recurring-field-weekday = Wochentag
recurring-field-first = Erstes Datum
recurring-field-at = Uhrzeit
recurring-preview = Nächste Termine:
recurring-save = Einplanen
recurring-none = Noch wiederholt sich nichts.
recurring-next = Nächste:
recurring-last = Zuletzt angelegt:
recurring-stop = Beenden
recurring-stop-label = „{ $title }“ beenden
recurring-assignee-team = das Team der Kategorie
recurring-every-days = { $n ->
    [one] Jeden Tag
   *[other] Alle { $n } Tage
} um { $time }
recurring-every-weeks = { $n ->
    [one] Jede Woche
   *[other] Alle { $n } Wochen
} am { $weekday } um { $time }
recurring-every-month-1 = Am ersten { $weekday } jedes Monats um { $time }
recurring-every-month-2 = Am zweiten { $weekday } jedes Monats um { $time }
recurring-every-month-3 = Am dritten { $weekday } jedes Monats um { $time }
recurring-every-month-4 = Am vierten { $weekday } jedes Monats um { $time }
recurring-every-month-5 = Am letzten { $weekday } jedes Monats um { $time }
recurring-every-year = Jedes Jahr am { $date } um { $time }
recurring-weekday-mon = Montag
recurring-weekday-tue = Dienstag
recurring-weekday-wed = Mittwoch
recurring-weekday-thu = Donnerstag
recurring-weekday-fri = Freitag
recurring-weekday-sat = Samstag
recurring-weekday-sun = Sonntag
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
