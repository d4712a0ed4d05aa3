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

## Problemi noti (app/src/ui/known.rs)
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
