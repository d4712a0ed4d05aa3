## Progetti (app/src/ui/projects.rs)
projects-percent-done = { $percent }% completato
projects-done-open = completati: { $done } · aperti: { $open }
projects-overdue-count = { $count } in ritardo
projects-title = Progetti — Switchboard
projects-heading = Progetti
projects-lead = Il supporto che l'IT fornisce ai progetti: attività pianificate e richieste collegate.
projects-loading = Caricamento…
projects-none-yet = Ancora nessun progetto.
# Segue un link al nuovo progetto.
projects-created = Progetto creato:
# $starts, $ends: date; $manager: nome di una persona.
projects-card-facts = { $starts } – { $ends } · responsabile: { $manager }
projects-next-due = prossima scadenza: { $date }
projects-new = Nuovo progetto
projects-name = Nome
projects-manager-email = Responsabile del progetto (e-mail)
projects-starts = Inizio
projects-ends = Fine
projects-about = Di cosa si tratta
projects-create = Crea progetto
projects-overdue-since = in ritardo dal { $date }
projects-due-today = scade oggi
projects-due-on = scade il { $date }
projects-page-facts = { $starts } – { $ends } · responsabile del progetto: { $manager }
projects-progress = Avanzamento
projects-following = Chi segue il progetto
# Il responsabile in testa all'elenco delle persone che seguono il progetto.
projects-following-manager = { $name } (responsabile del progetto)
projects-watcher-email = Tenga informata un'altra persona (e-mail)
projects-add-watcher = Aggiungi
projects-who-works-on-what = Chi lavora su cosa
projects-nothing-open = Nulla di aperto.
projects-not-yet-assigned = Non ancora assegnato
projects-upcoming-due = Prossime scadenze
projects-no-due-dates = Nessuna attività aperta ha una scadenza.
projects-tickets-heading = Ticket e attività ({ $count })
projects-col-ticket = Ticket
projects-col-status = Stato
projects-priority = Priorità
projects-due = Scadenza
projects-col-assigned-to = Assegnato a
projects-plan-task = Pianifica un'attività
projects-task = Attività
projects-category = Categoria
projects-assignee-email = Assegna a (e-mail, facoltativo)
projects-details = Dettagli
projects-add-task = Aggiungi attività
