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
