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
