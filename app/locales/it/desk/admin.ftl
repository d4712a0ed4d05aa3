# Amministrazione: organico dei tecnici, persone e categorie, livelli di servizio, webhook; le notifiche sono in ../notifications.ftl.

## Organico dei tecnici
admin-roster-title = Organico — Switchboard
admin-roster-heading = Organico dei tecnici
admin-roster-lead = Livello, competenze, capacità e disponibilità determinano chi viene proposto per un ticket.
admin-roster-saved = Salvato.
admin-loading = Caricamento…
admin-roster-recent-changes = Modifiche recenti
admin-teams-heading = Team
admin-teams-assigns-automatically = assegna automaticamente
admin-teams-name = Nome del team
admin-teams-name-placeholder = ad es. Rete
admin-teams-members = Membri (e-mail separate da virgola)
admin-teams-auto-assign = Assegna automaticamente le nuove richieste (in modo bilanciato tra i membri qualificati, disponibili e con capacità libera)
admin-teams-save = Salva team
admin-routing-heading = Instradamento
admin-routing-category = Categoria
admin-routing-goes-to = va nella coda di
admin-routing-every-technician = tutti i tecnici
admin-routing-route = Instrada
admin-roster-entry-for = Scheda di { $name }
admin-roster-save-person = Salva { $name }
# $count: ticket aperti assegnati alla persona; $teams: i suoi team, separati da virgola (può essere vuoto)
admin-roster-open-load = { $count ->
    [one] { $count } aperto
   *[other] { $count } aperti
} · { $teams }
admin-roster-tier = Livello
admin-roster-tier-1 = 1 primo livello
admin-roster-tier-2 = 2 specialista
admin-roster-tier-3 = 3 esperto
admin-roster-capacity = Capacità
admin-roster-availability = Disponibilità
admin-roster-off-until-option = Libero fino al…
admin-roster-off-until = Libero fino al
admin-roster-skills = Competenze

## Persone, account e categorie
admin-people-title = Persone — Switchboard
admin-people-heading = Persone
admin-people-role-of = Ruolo di { $name }
admin-people-change-role = Cambia ruolo
admin-people-deactivated = Disattivato
admin-people-reactivate = Riattiva
admin-people-deactivate = Disattiva
admin-account-add-heading = Aggiungi un account
admin-name = Nome
admin-email = E-mail
admin-role = Ruolo
admin-account-first-password = Password iniziale (almeno 10 caratteri)
admin-account-add = Aggiungi account
admin-categories-heading = Categorie
admin-category-field-required = { $label } (obbligatorio)
admin-category-no-questions = nessuna domanda aggiuntiva
admin-category-slug = Chiave della categoria (nuova o esistente)
admin-category-name-placeholder = Stampa
# «required» e «optional» sono le parole che il server legge: lasciarle in inglese.
admin-category-fields = Domande, una per riga: chiave | Etichetta | required o optional | suggerimento
admin-category-fields-placeholder = printer | Nome della stampante | required | sull'etichetta
admin-category-save = Salva categoria

## Livelli di servizio
sla-page-title = Livelli di servizio — Switchboard
sla-page-heading = Livelli di servizio
sla-page-lead-clock = Gli obiettivi contano il tempo lavorativo secondo il calendario di ciascuna policy e si fermano mentre un ticket è in attesa del richiedente, di terzi o di interventi del facility management.
sla-page-lead-choice = Un ticket segue la prima policy che ne indica la categoria, altrimenti una che indica il team a cui è instradata la sua categoria, altrimenti quella predefinita (senza categorie né team). Il salvataggio ricalcola tutti i ticket aperti.
sla-page-loading = Caricamento…
sla-page-add-policy = Aggiungi una policy
sla-page-saved = «{ $name }» salvata; i ticket aperti sono stati ricalcolati.
sla-page-new-policy = Nuova policy
# Le parole delle regole (response, resolution, notify assignee …) sono lette dal server: lasciarle in inglese.
sla-page-rules = Regole di escalation, una per riga: quota di un obiettivo, orologio (response o resolution), azioni
sla-page-rules-hint = Azioni: notify assignee (avvisa l'assegnatario), notify coordinators (avvisa i coordinatori), notify watchers (avvisa chi segue il ticket), raise priority (alza la priorità), reassign (riassegna allo specialista disponibile meglio classificato).
sla-page-save = Salva policy
sla-page-name = Nome
sla-page-categories = Categorie (chiavi, separate da virgola)
sla-page-teams = Team (nomi, separati da virgola)
sla-page-teams-placeholder = Rete
sla-page-time-zone = Fuso orario
sla-page-hours = Orario di lavoro
sla-page-holidays = Festività (AAAA-MM-GG)
sla-page-at-risk = A rischio dopo (% di un obiettivo consumato)
sla-page-targets-caption = Obiettivi in minuti di tempo lavorativo
sla-page-priority = Priorità
sla-page-first-response = Prima risposta
sla-page-resolution = Risoluzione
sla-page-around-the-clock = 24 ore su 24
# $priority: P1 … P4
sla-page-response-minutes = { $priority }: minuti per la prima risposta
sla-page-resolution-minutes = { $priority }: minuti per la risoluzione
sla-page-around-the-clock-label = { $priority } conta 24 ore su 24

## Il registro delle modifiche all'organico
audit-updated = { $actor } ha modificato { $subject }: { $detail }
audit-saved = { $actor } ha salvato { $subject }: { $detail }
audit-deactivated = { $actor } ha disattivato { $subject }; tutte le sessioni e i token sono terminati
audit-reactivated = { $actor } ha riattivato { $subject }; può di nuovo accedere
audit-password = { $actor } ha cambiato la password di { $subject }; tutte le sessioni e i token API sono terminati
audit-routed = { $actor } ha indirizzato { $subject } a { $detail }
audit-created = { $actor } ha creato { $subject } come { $detail }
audit-role = { $actor } ha cambiato il ruolo di { $subject }: { $detail }
audit-other = { $actor }: { $action } { $subject } { $detail }
audit-someone = Qualcuno
audit-everyone = tutti
audit-subject-user = l'account { $name }
audit-subject-team = il team { $name }
audit-subject-category = la categoria { $name }
audit-subject-policy = la politica SLA { $name }
audit-detail-role = { $from } → { $to }
audit-detail-profile = livello { $tier }, capacità { $capacity }, { $availability }, competenze { $skills }
audit-detail-profile-until = livello { $tier }, capacità { $capacity }, { $availability } fino al { $until }, competenze { $skills }

## Webhook (amministrazione)
webhooks-title = Webhook — Switchboard
webhooks-heading = Webhook
webhooks-lead = Qui altri strumenti vengono informati sui ticket: ogni evento è inviato all'indirizzo, firmato con il segreto del webhook, e ritentato per più di un giorno finché non arriva. Un canale Slack o Teams riceve un messaggio con il ticket.
webhooks-none = Ancora nessun webhook.
webhooks-since = Aggiunto { $when }
webhooks-deliveries = Consegne recenti
webhooks-no-deliveries = Ancora niente di inviato.
webhooks-delivery-pending = In attesa
webhooks-delivery-sent = Inviata
webhooks-delivery-failed = Abbandonata
webhooks-attempts = { $count ->
    [0] non ancora tentata
    [one] un tentativo
   *[other] { $count } tentativi
}
webhooks-answer = Risposta { $status }: { $body }
webhooks-resend = Invia di nuovo
webhooks-remove = Rimuovi questo webhook
webhooks-add-heading = Aggiungi un webhook
webhooks-url = Indirizzo
webhooks-url-hint = Un indirizzo https:// su internet; Switchboard non invia a indirizzi della rete interna.
webhooks-format = Formato
webhooks-events = Eventi
webhooks-secret = Segreto (facoltativo)
webhooks-secret-hint = Almeno 16 caratteri. Se vuoto, Switchboard ne crea uno.
webhooks-add = Aggiungi il webhook
webhooks-added = Aggiunto. Il suo segreto, mostrato solo questa volta, perché lo strumento che riceve possa verificare le firme:
webhook-format-json = JSON di Switchboard, firmato
webhook-format-slack = Messaggio Slack
webhook-format-teams = Scheda Microsoft Teams

## Company sign-in (the people page)
directory-heading = Accesso con l'account aziendale
directory-none = Nessuna directory aziendale né provider OpenID collegato: tutti accedono con una password di Switchboard. Il README spiega come collegare Active Directory, LDAP, Entra ID o Google.
directory-oidc = Provider OpenID
directory-oidc-client = ID client
directory-oidc-callback = URL di reindirizzamento (da registrare presso il provider)
directory-oidc-scopes = Scope
directory-oidc-roles = Ruoli dal claim { $claim }
directory-oidc-email-trusted = Gli indirizzi valgono come confermati anche senza email_verified (--oidc-trust-email).
directory-oidc-email-verified = Un indirizzo vale solo se il provider lo conferma (email_verified).
directory-oidc-domains = Indirizzi ammessi
directory-oidc-domains-any = tutti quelli garantiti dal provider
directory-ldap = Directory LDAP
directory-security-ldaps = TLS (LDAPS)
directory-security-starttls = TLS (StartTLS)
directory-security-none = non cifrato (solo per laboratorio)
directory-finding = Trova le persone
directory-finds-search = con la ricerca dell'account di servizio:
directory-finds-template = accedendo come:
directory-roles = Ruoli dai gruppi
directory-roles-none = nessuno: i ruoli si assegnano qui
directory-sync = Sincronizzazione
directory-sync-every = ogni { $hours } ore
directory-sync-off = non da sola
directory-sync-now = Sincronizza ora
directory-sync-unavailable = La sincronizzazione richiede un account di servizio (--ldap-bind-dn)
directory-never-synced = Non ancora sincronizzata.
directory-synced = Ultima sincronizzazione { $when }: { $count } persone nella directory.
directory-syncing = È in corso una sincronizzazione iniziata { $when }.
directory-sync-failed = La sincronizzazione di { $when } non è riuscita: { $why }
directory-sync-timeout = la directory non ha risposto entro cinque minuti
directory-sync-listed-no-one = la directory non ha elencato nessuno, quindi nessuno è stato disattivato (controlli il DN di base, il filtro e i permessi dell'account di servizio)
directory-passwords-everyone = Le password di Switchboard valgono per chiunque non abbia un account nella directory.
directory-passwords-admins = Le password di Switchboard valgono solo per gli admin; tutti gli altri accedono con l'account aziendale.
directory-changes = Modifiche recenti della directory
directory-no-changes = La directory non ha ancora creato, collegato o disattivato nessuno.
directory-created = creato
directory-linked = collegato alla directory
directory-role-changed = ruolo cambiato
directory-deactivated = disattivato (non più nella directory)

## Cosa mostra un canale Slack o Teams di un evento di un webhook
webhook-event-filed = Nuovo ticket
webhook-event-assigned = Assegnato
webhook-event-status-changed = Stato cambiato
webhook-event-priority-changed = Priorità cambiata
webhook-event-escalated = Escalato
webhook-event-sla-at-risk = Livello di servizio a rischio
webhook-event-sla-breached = Livello di servizio violato
webhook-event-note-public = Nuovo messaggio al richiedente
webhook-event-note-internal = Nuova nota interna
webhook-event-resolved = Risolto
webhook-card-priority = Priorità
webhook-card-status = Stato
