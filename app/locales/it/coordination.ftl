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

## Collegamenti, lavori di facility e progetto di un ticket (app/src/ui/coordination.rs)
coord-unlink-ticket = Scollega { $number }
coord-unlink = Scollega
coord-part-of = Fa parte di
coord-child = Figlio
coord-related = Correlato
coord-merged-here = Unito qui
coord-linked-tickets = Ticket collegati
coord-no-links = Nessuno.
# Segue una scelta come "fa parte di (padre)" e il numero dell'altro ticket.
coord-this-ticket = Questo ticket
coord-other-ticket-number = Numero dell'altro ticket
coord-link = Collega
coord-facility-work = Lavori di facility
coord-no-facility-work = Questo ticket non attende lavori di facility.
coord-expected-on = previsto il { $date }
# Quanto scritto dal facility manager alla chiusura del lavoro, tra virgolette.
coord-outcome-quoted = «{ $outcome }»
coord-needs-facility-work = Servono lavori di facility (cablaggio, corrente, accessi…)
coord-facility-clock-pauses = Nel frattempo il ticket attende la facility: il suo orologio si ferma e riparte quando i lavori sono completati.
coord-what-is-needed = Cosa serve
coord-where = Dove
coord-facility-manager = Facility manager
coord-no-facility-manager = Nessun facility manager ha ancora un account
coord-hoped-for-by = Auspicato entro (facoltativo)
coord-existing-work-order = …oppure attendere un ordine di lavoro già esistente
coord-new-work-order = Un nuovo ordine di lavoro (sopra)
coord-ask-facility-work = Richiedi lavori di facility
coord-project = Progetto
# Nessun progetto per questo ticket.
coord-no-project = Nessuno
coord-due = Scadenza
coord-save = Salva

## Pagina Ordini di lavoro (app/src/ui/facility.rs)
facility-page-title = Ordini di lavoro — Switchboard
facility-page-heading = Ordini di lavoro
facility-page-lead-facility = Lavori sull'edificio che l'IT le richiede. Le richieste collegate restano in attesa finché non li segna come completati.
facility-page-lead-it = Lavori di facility da cui dipendono dei ticket, prima quelli aperti.
facility-page-loading = Caricamento…
facility-page-no-orders = Nessun ordine di lavoro.
facility-page-tickets-waiting = { $count ->
    [one] { $count } richiesta IT attende questo lavoro
   *[other] { $count } richieste IT attendono questo lavoro
}
facility-page-where = Dove
facility-page-expected = Previsto
facility-page-no-date-yet = Ancora nessuna data
facility-page-manager = Facility manager
facility-page-asked-by = Richiesto da
facility-page-waiting = In attesa
facility-page-finished = Completato
facility-page-note = Nota
facility-page-what-was-done = Cosa è stato fatto (facoltativo)
# $reference: l'ordine di lavoro, ad esempio WO-12.
facility-page-mark-done = Segna { $reference } come completato
facility-page-expected-date = Data prevista
facility-page-set-date = Imposta data
facility-page-cancel-not-needed = Annulla: non serve più

## Pagina Report (app/src/ui/reports.rs); titoli e colonne delle tabelle arrivano dal report stesso
reports-title = Report — Switchboard
reports-heading = Report
reports-loading = Caricamento…
reports-correct-fields = Corregga i campi evidenziati.
reports-last-7-days = Ultimi 7 giorni
reports-last-30-days = Ultimi 30 giorni
reports-last-90-days = Ultimi 90 giorni
reports-this-year = Quest'anno
reports-last-12-months = Ultimi 12 mesi
reports-filters-label = Periodo e filtri
reports-from = Dal
reports-to = Al
reports-team = Team
reports-all-teams = Tutti i team
reports-category = Categoria
reports-all-categories = Tutte le categorie
reports-everyone = Tutti
reports-priority = Priorità
reports-all-priorities = Tutte le priorità
reports-show = Mostra
reports-presets-label = Periodi frequenti
# $bucket: day, week o month (un punto del grafico dell'andamento).
reports-period = Dal { $from } al { $to }, { $bucket ->
    [week] per settimana
    [month] per mese
   *[day] per giorno
}
reports-figures-label = Dati principali
reports-download-csv = Scarica CSV
# Letto dagli screen reader subito dopo "Scarica CSV" (dopo uno spazio).
reports-download-csv-of = di «{ $title }»
reports-nothing-to-show = Nessun dato per questo periodo.
reports-bar-caption = { $heading }: le prime { $shown } di { $total } righe (la tabella le contiene tutte)

## Lavoro ricorrente (/recurring)
recurring-page-title = Ticket ricorrenti · Switchboard
recurring-heading = Ticket ricorrenti
recurring-lead = Il lavoro che ritorna (rinnovo dei certificati, giorni di patch, verifica dei backup) si apre da solo secondo la sua pianificazione, nel fuso orario del service desk. Una scadenza persa mentre Switchboard era fermo viene aperta una sola volta al riavvio.
recurring-new-heading = Pianifica un ticket
recurring-field-title = Titolo
recurring-field-description = Descrizione
recurring-field-description-hint = Un passo per riga diventa una checklist per il tecnico.
recurring-field-category = Categoria
recurring-field-impact = Impatto
recurring-field-urgency = Urgenza
recurring-field-assignee = Assegna a (email)
recurring-field-assignee-hint = Lascia vuoto perché lo prenda il team della categoria, come ogni richiesta.
recurring-field-schedule = Quando
recurring-field-repeat = Si ripete
recurring-repeat-days = Ogni tot giorni
recurring-repeat-weeks = Ogni tot settimane
recurring-repeat-month-weekday = Un giorno della settimana di ogni mese
recurring-repeat-year = Ogni anno
recurring-field-every = Ogni (giorni o settimane)
recurring-field-nth = Quale
recurring-nth-1 = Primo
recurring-nth-2 = Secondo
recurring-nth-3 = Terzo
recurring-nth-4 = Quarto
recurring-nth-last = Ultimo
recurring-field-weekday = Giorno della settimana
recurring-field-first = Prima data
recurring-field-at = Ora
recurring-preview = Prossime scadenze:
recurring-save = Pianifica
recurring-none = Ancora nulla di ricorrente.
recurring-next = Prossime:
recurring-last = Ultimo aperto:
recurring-stop = Interrompi
recurring-stop-label = Interrompi «{ $title }»
recurring-assignee-team = il team della categoria
recurring-every-days = { $n ->
    [one] Ogni giorno
   *[other] Ogni { $n } giorni
} alle { $time }
recurring-every-weeks = { $n ->
    [one] Ogni settimana
   *[other] Ogni { $n } settimane
} di { $weekday } alle { $time }
recurring-every-month-1 = Il primo { $weekday } di ogni mese alle { $time }
recurring-every-month-2 = Il secondo { $weekday } di ogni mese alle { $time }
recurring-every-month-3 = Il terzo { $weekday } di ogni mese alle { $time }
recurring-every-month-4 = Il quarto { $weekday } di ogni mese alle { $time }
recurring-every-month-5 = L'ultimo { $weekday } di ogni mese alle { $time }
recurring-every-year = Ogni anno il { $date } alle { $time }
recurring-weekday-mon = lunedì
recurring-weekday-tue = martedì
recurring-weekday-wed = mercoledì
recurring-weekday-thu = giovedì
recurring-weekday-fri = venerdì
recurring-weekday-sat = sabato
recurring-weekday-sun = domenica
known-heading = Problemi noti
known-label = Problema noto:
known-affected = { $count ->
    [one] 1 persona coinvolta
   *[other] { $count } persone coinvolte
}
known-me-too = Riguarda anche me
known-on-it = Ci sei anche tu; ti avviseremo quando sarà risolto:
known-issue = Problema noto
known-explain = Annuncia questo ticket ai richiedenti con un breve avviso: lo vedono nel modulo di richiesta e nelle loro pagine, e con un clic possono dire che riguarda anche loro.
known-announced = Annunciato ai richiedenti. Risolvendo il ticket si risolvono tutti i ticket collegati e l'avviso scompare.
known-notice = Avviso per i richiedenti
known-announce = Annuncia
known-update = Cambia l'avviso
known-take-down = Ritira l'avviso
