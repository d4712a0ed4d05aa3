# Berichte: Kennzahlen, Tabellentitel, Hinweise, Spaltenköpfe, Zeilenbeschriftungen und CSV-Kopfzeilen.
# Zahlen kommen bereits formatiert an; Tage und Stunden gelten in der Zeitzone des Helpdesks.

report-zone-note = Tage und Stunden in der Zeitzone { $zone }

## Kennzahlen
report-summary-opened = Eröffnet
report-summary-resolved = Gelöst
report-summary-open-at-end = Offen am Ende
report-summary-median-resolve = Median bis zur Lösung
report-summary-within-service-level = Service-Level eingehalten
report-summary-average-rating = Durchschnittliche Bewertung
report-summary-business-hours = { $hours } Std. Arbeitszeit
report-summary-percent = { $percent } %
report-summary-rating = { $average } von 5 ({ $count ->
    [one] eine Bewertung
   *[other] { $count } Bewertungen
})

## Namen, die mehrere Tabellen verwenden
report-column-opened = Eröffnet
report-column-resolved = Gelöst
report-column-median-resolve = Median bis Lösung
report-column-score = Punkte
report-label-priority = Priorität
report-row-all = Alle

## Tickets im Zeitverlauf
report-volume-title = Tickets im Zeitverlauf
report-volume-note-day = Eröffnete und gelöste Tickets pro Tag und wie viele am Ende des Tages offen waren.
report-volume-note-week = Eröffnete und gelöste Tickets pro Woche und wie viele am Ende der Woche offen waren.
report-volume-note-month = Eröffnete und gelöste Tickets pro Monat und wie viele am Monatsende offen waren.
report-volume-label-day = Tag
report-volume-label-week = Woche ab
report-volume-label-month = Monat ab
report-volume-open-at-end = Offen am Ende

## Nach Kategorie und nach Kanal
report-categories-title = Nach Kategorie
report-categories-note = Im Zeitraum eröffnete und gelöste Tickets je Kategorie; von den gelösten: wie viele eskaliert wurden und der Median der Lösungszeit (Stunden Arbeitszeit).
report-categories-label = Kategorie
report-categories-escalated = Eskaliert
report-channels-title = Nach Kanal
report-channels-note = Auf welchem Weg die im Zeitraum eröffneten Tickets den Helpdesk erreicht haben.
report-channels-label = Kanal

## Reaktions- und Lösungszeit
report-speed-title = Reaktions- und Lösungszeit
report-speed-note = Stunden Arbeitszeit nach dem Service-Level-Kalender des jeweiligen Tickets, ohne Wartezeiten: erste Reaktionen und Lösungen, die im Zeitraum erfolgt sind.
report-speed-responses = Reaktionen
report-speed-median-respond = Median bis Reaktion
report-speed-p90-respond = 90. Perzentil bis Reaktion
report-speed-resolutions = Lösungen
report-speed-p90-resolve = 90. Perzentil bis Lösung

## Service-Level
report-sla-title = Service-Level nach Priorität
report-sla-note = Im Zeitraum gelöste Tickets, gemessen an den Zielen ihrer Richtlinie. Knapp eingehalten heißt: beide Ziele erreicht, bei einem aber mehr als den Risikoanteil der Richtlinie verbraucht. „Offen und überfällig“ zählt Tickets, die jetzt offen sind und ihr Lösungsziel überschritten haben.
report-sla-within = Im Ziel
report-sla-within-percent = Im Ziel %
report-sla-response-breaches = Reaktionsziel verfehlt
report-sla-resolution-breaches = Lösungsziel verfehlt
report-sla-near-misses = Knapp eingehalten
report-sla-open-overdue = Offen und überfällig

## Ablauf
report-flow-title = Ablauf
report-flow-note = Von den im Zeitraum gelösten Tickets: wie viele eskaliert, weitergegeben oder wiedereröffnet wurden und wie viele die erste Technikerin bzw. der erste Techniker ohne beides gelöst hat.
report-flow-label = Kennzahl
report-flow-value = Wert
report-flow-resolved = Gelöste Tickets
report-flow-escalation-rate = Eskalationsquote %
report-flow-reassignments = Neuzuweisungen pro Ticket
report-flow-reopen-rate = Wiedereröffnungsquote %
report-flow-first-time-fix = Erstlösungsquote %

## Eskalationen
report-escalations-title = Woher Eskalationen kommen
report-escalations-note = Im Zeitraum erfolgte Eskalationen, nach eskalierender Person und Kategorie des Tickets.
report-escalations-label = Eskaliert von · Kategorie
report-escalations-count = Eskalationen
report-escalations-rule = Service-Level-Regel
report-escalations-former-staff = Ehemalige Mitarbeitende

## Wartezeit
report-waiting-title = Wartezeit
report-waiting-note = Verstrichene Stunden im Zeitraum, in denen Tickets gewartet haben, nach Wartegrund (die Service-Level-Uhren stehen währenddessen still).
report-waiting-label = Wartet auf
report-waiting-requester = Anfragende Person
report-waiting-third-party = Dritte
report-waiting-facility = Facility-Arbeiten
report-waiting-tickets = Tickets
report-waiting-hours = Stunden
report-waiting-average = Ø Stunden pro Ticket

## Techniker/innen
report-people-title = Techniker/innen
report-people-note = Jetzt offene Tickets im Verhältnis zur Kapazität jeder Technikerin und jedes Technikers; gelöste Tickets, erfasste Stunden und ausgelöste Eskalationen im Zeitraum.
report-people-label = Techniker/in
report-people-open-now = Jetzt offen
report-people-capacity = Kapazität
report-people-load = Auslastung %
report-people-hours-logged = Erfasste Stunden
report-people-escalations-raised = Ausgelöste Eskalationen

## Bewertungen und Kommentare
report-ratings-title = Bewertungen
report-ratings-note = Bewertungen der Hilfe durch die Anfragenden, abgegeben im Zeitraum (5 ist die beste).
report-ratings-count = Bewertungen
report-comments-title = Was Anfragende sagen
report-comments-note = Die neuesten Kommentare zu Bewertungen im Zeitraum (höchstens { $count }).
report-comments-label = Ticket
report-comments-comment = Kommentar

## Zeitraum und Filter prüfen
report-err-not-a-date = „{ $text }“ ist kein Datum im Format 2026-11-30
report-err-backwards = Der Zeitraum beginnt nach seinem Ende
report-err-too-long = Ein Bericht umfasst höchstens { $days } Tage; wählen Sie einen kürzeren Zeitraum
report-err-choose-technician = Wählen Sie eine Technikerin oder einen Techniker aus der Liste
report-err-priority = Die Priorität ist P1, P2, P3 oder P4
report-err-no-team = Dieses Team gibt es nicht
report-err-no-category = Diese Kategorie gibt es nicht

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
