# Das Board der Koordination (board-…); die Arbeitsliste der Technik steht in ../work.ftl.

## Leiste und Filter des Boards
board-title = Board — Switchboard
board-heading = Board
board-link-loading = Wird geladen…
board-link-live = Live
board-link-reconnecting = Verbindung wird wiederhergestellt…
board-search = Suchen
board-search-placeholder = Titel, Beschreibungen, Notizen, Nummern durchsuchen
board-priority = Priorität
board-all-priorities = Alle Prioritäten
board-category = Kategorie
board-all-categories = Alle Kategorien
board-team = Team
board-all-teams = Alle Teams
board-technician = Techniker/in
board-all-technicians = Alle Techniker/innen
board-project = Projekt
board-all-projects = Alle Projekte
board-breaching-soon = SLA gefährdet
board-lanes-by-technician = Nach Techniker/in gruppieren
board-file-for-someone = Für andere erfassen

## Meldungen des Boards
board-unassigned = Nicht zugewiesen
board-nobody-available = Für dieses Ticket ist niemand verfügbar
board-cannot-move = Nach „{ $status }“ lässt es sich hier nicht verschieben: Öffnen Sie dazu das Ticket

## Spalten, Techniker/innen und Seitenfenster
board-column-unassigned = { $status } — nicht zugewiesen
board-show-more = { $count ->
    [one] Ein weiteres anzeigen (weniger dringend)
   *[other] Weitere { $count } anzeigen (weniger dringend)
}
board-more-less-urgent = { $count ->
    [one] { $count } weiteres Ticket, weniger dringend
   *[other] { $count } weitere Tickets, weniger dringend
}
board-technicians = Techniker/innen
board-tech-tier = Level { $tier }
board-tech-load = { $load } von { $capacity } offen
board-drawer-ticket = Ticket { $number }
board-open-as-page = Als Seite öffnen
board-close = Schließen
board-triage-ticket = { $number } einstufen

## Einstufung und Karten
board-triage = Einstufen
board-override-reason-needed = Begründen Sie, warum Sie die Priorität überschreiben
board-priority-from-matrix = Priorität aus Auswirkung × Dringlichkeit:
board-impact = Auswirkung
board-urgency = Dringlichkeit
board-override-priority = Priorität überschreiben
board-no-override = Nicht überschreiben
board-override-reason = Begründung für das Überschreiben
board-assign-to = Zuweisen an
board-nobody-yet = Noch niemand
board-flag-escalated = Eskaliert
board-flag-reopened = Wieder geöffnet
board-due = fällig am { $date }
board-assign-best = Vorschlag zuweisen
board-action-for = Aktion für { $number }
board-move = Verschieben…

## Sammeländerungen
bulk-heading = Ausgewählte Tickets ändern
bulk-select-card = { $number } auswählen
bulk-selected = { $count ->
    [one] 1 Ticket ausgewählt
   *[other] { $count } Tickets ausgewählt
}
bulk-select-matching = Alle zum Filter passenden auswählen
bulk-loading-all = Alle passenden Karten werden gelesen …
bulk-clear = Auswahl aufheben
bulk-change = Änderung
bulk-assign = Einem Techniker zuweisen
bulk-priority = Priorität setzen
bulk-status = Status ändern
bulk-note = Notiz hinzufügen
bulk-resolve = Lösen
bulk-watch = Beobachter hinzufügen
bulk-children = Zu Unteraufgaben eines Tickets machen
bulk-technician = Techniker
bulk-choose = Auswählen…
bulk-choose-technician = Wählen Sie einen Techniker, dem die Tickets zugewiesen werden
bulk-to-status = Neuer Status
bulk-reason = Grund für die neue Priorität
bulk-status-reason = Grund (zum Wiedereröffnen nötig)
bulk-note-text = Notiz
bulk-resolution = Lösungsnotizen, für jedes Ticket
bulk-watcher-email = E-Mail-Adresse des Beobachters
bulk-parent = Nummer des übergeordneten Tickets, etwa SB-1042
bulk-visibility = Wer die Notiz sieht
bulk-internal = Intern (nur IT)
bulk-public = Öffentlich (Anfragende und Beobachter)
bulk-apply = { $count ->
    [one] Auf 1 Ticket anwenden
   *[other] Auf { $count } Tickets anwenden
}
bulk-refused = Nicht geändert:
keys-heading = Tastenkürzel
keys-next = Nächste Karte in der Spalte
keys-previous = Vorherige Karte in der Spalte
keys-left = Spalte links
keys-right = Spalte rechts
keys-open = Karte öffnen
keys-select = Karte auswählen oder abwählen (mit Umschalt: die Karten dazwischen)
keys-assign = Ausgewählte Karten zuweisen, oder diese
keys-priority = Priorität der ausgewählten Karten setzen, oder dieser
keys-triage = Neue Karte einordnen
keys-escalate = Karte eskalieren
keys-search = Suchen
keys-help = Diese Liste zeigen oder schließen
keys-close = Schließen
keys-not-typing = Die Kürzel wirken, solange Sie nicht in einem Feld schreiben.
keys-at-card = { $number }: { $title }. { $column }, { $position } von { $total }
keys-moved = { $number } verschoben nach { $status }
keys-no-triage = Nur neue Karten werden eingeordnet
board-keys-hint = ? zeigt die Tastenkürzel
