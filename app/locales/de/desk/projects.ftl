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
