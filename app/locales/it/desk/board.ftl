# La bacheca del coordinamento (board-…); l'elenco di lavoro dei tecnici è in ../work.ftl.

## Barra e filtri della bacheca
board-title = Bacheca — Switchboard
board-heading = Bacheca
board-link-loading = Caricamento…
board-link-live = In tempo reale
board-link-reconnecting = Riconnessione…
board-search = Cerca
board-search-placeholder = Cerca in titoli, descrizioni, note, numeri
board-priority = Priorità
board-all-priorities = Tutte le priorità
board-category = Categoria
board-all-categories = Tutte le categorie
board-team = Team
board-all-teams = Tutti i team
board-technician = Tecnico
board-all-technicians = Tutti i tecnici
board-project = Progetto
board-all-projects = Tutti i progetti
board-breaching-soon = SLA a rischio
board-lanes-by-technician = Raggruppa per tecnico
board-file-for-someone = Apri per un altro utente

## Messaggi della bacheca
board-unassigned = Non assegnato
board-nobody-available = Nessuno è disponibile per questo ticket
board-cannot-move = Qui non è possibile spostarlo in «{ $status }»: apra il ticket per farlo

## Colonne, tecnici e pannelli
board-column-unassigned = { $status } — non assegnati
board-show-more = { $count ->
    [one] Mostra un altro (meno urgente)
   *[other] Mostra altri { $count } (meno urgenti)
}
board-more-less-urgent = { $count ->
    [one] Ancora { $count } ticket, meno urgente
   *[other] Ancora { $count } ticket, meno urgenti
}
board-technicians = Tecnici
board-tech-tier = livello { $tier }
board-tech-load = { $load } su { $capacity } aperti
board-drawer-ticket = Ticket { $number }
board-open-as-page = Apri come pagina
board-close = Chiudi
board-triage-ticket = Smistamento { $number }

## Smistamento e schede
board-triage = Smista
board-override-reason-needed = Indichi il motivo per cui forza la priorità
board-priority-from-matrix = Priorità da impatto × urgenza:
board-impact = Impatto
board-urgency = Urgenza
board-override-priority = Forza la priorità
board-no-override = Nessuna forzatura
board-override-reason = Motivo della forzatura
board-assign-to = Assegna a
board-nobody-yet = Ancora nessuno
board-flag-escalated = Scalato
board-flag-reopened = Riaperto
board-due = scade il { $date }
board-assign-best = Assegna al migliore
board-action-for = Azione per { $number }
board-move = Sposta…

## Modifiche multiple
bulk-heading = Modifica i ticket selezionati
bulk-select-card = Seleziona { $number }
bulk-selected = { $count ->
    [one] 1 ticket selezionato
   *[other] { $count } ticket selezionati
}
bulk-select-matching = Seleziona tutti quelli del filtro
bulk-loading-all = Lettura di tutte le schede del filtro…
bulk-clear = Annulla la selezione
bulk-change = Modifica
bulk-assign = Assegna a un tecnico
bulk-priority = Imposta la priorità
bulk-status = Cambia lo stato
bulk-note = Aggiungi una nota
bulk-resolve = Risolvi
bulk-watch = Aggiungi un osservatore
bulk-children = Rendi figli di un ticket
bulk-technician = Tecnico
bulk-choose = Scegli…
bulk-choose-technician = Scelga un tecnico a cui assegnare i ticket
bulk-to-status = Nuovo stato
bulk-reason = Motivo della nuova priorità
bulk-status-reason = Motivo (necessario per riaprire)
bulk-note-text = Nota
bulk-resolution = Note di risoluzione, per ogni ticket
bulk-watcher-email = Indirizzo email dell'osservatore
bulk-parent = Numero del ticket padre, ad esempio SB-1042
bulk-visibility = Chi vede la nota
bulk-internal = Interna (solo IT)
bulk-public = Pubblica (richiedenti e osservatori)
bulk-apply = { $count ->
    [one] Applica a 1 ticket
   *[other] Applica a { $count } ticket
}
bulk-refused = Non modificati:
keys-heading = Scorciatoie da tastiera
keys-next = Scheda successiva nella colonna
keys-previous = Scheda precedente nella colonna
keys-left = Colonna a sinistra
keys-right = Colonna a destra
keys-open = Apri la scheda
keys-select = Seleziona o deseleziona la scheda (con Maiusc: le schede in mezzo)
keys-assign = Assegna le schede selezionate, o questa
keys-priority = Imposta la priorità delle schede selezionate, o di questa
keys-triage = Classifica una scheda nuova
keys-escalate = Scala la scheda
keys-search = Cerca
keys-help = Mostra o nascondi questo elenco
keys-close = Chiudi
keys-not-typing = Le scorciatoie funzionano quando non stai scrivendo in un campo.
keys-at-card = { $number }: { $title }. { $column }, { $position } di { $total }
keys-moved = { $number } spostato in { $status }
keys-no-triage = Solo le schede nuove si classificano
board-keys-hint = Premi ? per le scorciatoie da tastiera
