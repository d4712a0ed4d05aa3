# Report: dati principali, titoli delle tabelle, note, intestazioni, etichette delle righe e righe di intestazione CSV.
# I numeri arrivano già formattati; giorni e ore sono nel fuso orario dell'help desk.

report-zone-note = Giorni e ore nel fuso orario { $zone }

## Dati principali
report-summary-opened = Aperti
report-summary-resolved = Risolti
report-summary-open-at-end = Aperti alla fine
report-summary-median-resolve = Tempo mediano di risoluzione
report-summary-within-service-level = Entro il livello di servizio
report-summary-average-rating = Valutazione media
report-summary-business-hours = { $hours } h lavorative
report-summary-percent = { $percent }%
report-summary-rating = { $average } su 5 ({ $count ->
    [one] una valutazione
   *[other] { $count } valutazioni
})

## Nomi usati da più tabelle
report-column-opened = Aperti
report-column-resolved = Risolti
report-column-median-resolve = Mediana risoluzione
report-column-score = Punteggio
report-label-priority = Priorità
report-row-all = Tutti

## Ticket nel tempo
report-volume-title = Ticket nel tempo
report-volume-note-day = Ticket aperti e risolti per giorno, e quanti erano aperti a fine giornata.
report-volume-note-week = Ticket aperti e risolti per settimana, e quanti erano aperti a fine settimana.
report-volume-note-month = Ticket aperti e risolti per mese, e quanti erano aperti a fine mese.
report-volume-label-day = Giorno
report-volume-label-week = Settimana dal
report-volume-label-month = Mese dal
report-volume-open-at-end = Aperti alla fine

## Per categoria e per canale
report-categories-title = Per categoria
report-categories-note = Ticket aperti e risolti nel periodo per categoria; per quelli risolti, quanti sono stati scalati e il tempo mediano di risoluzione (ore lavorative).
report-categories-label = Categoria
report-categories-escalated = Scalati
report-channels-title = Per canale
report-channels-note = Come i ticket aperti nel periodo sono arrivati all'help desk.
report-channels-label = Canale

## Tempi di risposta e di risoluzione
report-speed-title = Tempi di risposta e di risoluzione
report-speed-note = Ore lavorative secondo il calendario del livello di servizio di ciascun ticket, escluso il tempo in attesa: prime risposte e risoluzioni avvenute nel periodo.
report-speed-responses = Risposte
report-speed-median-respond = Mediana risposta
report-speed-p90-respond = 90° percentile risposta
report-speed-resolutions = Risoluzioni
report-speed-p90-resolve = 90° percentile risoluzione

## Livelli di servizio
report-sla-title = Livelli di servizio per priorità
report-sla-note = Ticket risolti nel periodo rispetto agli obiettivi della loro policy. Un quasi mancato ha rispettato entrambi gli obiettivi, ma ne ha consumato uno oltre la quota di rischio della policy. «Aperti e scaduti» conta i ticket aperti ora che hanno superato l'obiettivo di risoluzione.
report-sla-within = Entro l'obiettivo
report-sla-within-percent = Entro l'obiettivo %
report-sla-response-breaches = Risposte fuori obiettivo
report-sla-resolution-breaches = Risoluzioni fuori obiettivo
report-sla-near-misses = Quasi mancati
report-sla-open-overdue = Aperti e scaduti

## Flusso
report-flow-title = Flusso
report-flow-note = Dei ticket risolti nel periodo: quanti sono stati scalati, passati ad altri, riaperti, o risolti dal primo tecnico senza nessuna di queste cose.
report-flow-label = Misura
report-flow-value = Valore
report-flow-resolved = Ticket risolti
report-flow-escalation-rate = Tasso di escalation %
report-flow-reassignments = Riassegnazioni per ticket
report-flow-reopen-rate = Tasso di riapertura %
report-flow-first-time-fix = Risoluzione al primo intervento %

## Escalation
report-escalations-title = Da dove vengono le escalation
report-escalations-note = Escalation avvenute nel periodo, per chi le ha fatte e per categoria del ticket.
report-escalations-label = Scalato da · categoria
report-escalations-count = Escalation
report-escalations-rule = Regola del livello di servizio
report-escalations-former-staff = Ex collaboratore

## Attese
report-waiting-title = Tempo in attesa
report-waiting-note = Ore trascorse nel periodo con i ticket in attesa, per chi si attendeva (nel frattempo gli orologi dei livelli di servizio sono fermi).
report-waiting-label = In attesa di
report-waiting-requester = Richiedente
report-waiting-third-party = Terzi
report-waiting-facility = Lavori di facility
report-waiting-tickets = Ticket
report-waiting-hours = Ore
report-waiting-average = Ore medie per ticket

## Tecnici
report-people-title = Tecnici
report-people-note = Ticket aperti ora rispetto alla capacità di ciascun tecnico; ticket risolti, ore registrate ed escalation avviate nel periodo.
report-people-label = Tecnico
report-people-open-now = Aperti ora
report-people-capacity = Capacità
report-people-load = Carico %
report-people-hours-logged = Ore registrate
report-people-escalations-raised = Escalation avviate

## Valutazioni e commenti
report-ratings-title = Valutazioni
report-ratings-note = Le valutazioni dei richiedenti sull'assistenza ricevuta, date nel periodo (5 è il massimo).
report-ratings-count = Valutazioni
report-comments-title = Cosa dicono i richiedenti
report-comments-note = I commenti più recenti lasciati con una valutazione nel periodo (al massimo { $count }).
report-comments-label = Ticket
report-comments-comment = Commento

## Periodo e filtri, controllati
report-err-not-a-date = «{ $text }» non è una data come 2026-11-30
report-err-backwards = Il periodo inizia dopo la sua fine
report-err-too-long = Un report copre al massimo { $days } giorni; scelga un periodo più breve
report-err-choose-technician = Scelga un tecnico dall'elenco
report-err-priority = La priorità è una tra P1, P2, P3, P4
report-err-no-team = Questo team non esiste
report-err-no-category = Questa categoria non esiste

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
