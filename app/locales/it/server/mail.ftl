## Notifiche, nell'app e per e-mail
mail-greeting = Gentile { $name },
mail-status = Stato
mail-open-it = Apra
mail-open-ticket = Apri il ticket
mail-signature = Switchboard, l'help desk IT
mail-choose = Scelga cosa ricevere
mail-link-in-app = (il link privato è nell'e-mail che le abbiamo inviato)
mail-digest-subject = Riepilogo Switchboard: { $count ->
    [one] un aggiornamento
   *[other] { $count } aggiornamenti
}


notify-received-subject = { $number } ricevuta
notify-received-text = Abbiamo ricevuto la sua richiesta «{ $title }». Il suo numero è { $number }; può seguirla dalla sua pagina.
notify-received-link-text = Abbiamo ricevuto la sua richiesta «{ $title }». Il suo numero è { $number }. Può seguirla, senza accedere, da questo link privato: { $link }
notify-new-request-subject = Nuova richiesta { $number } ({ $priority })
notify-new-request-text = { $requester } ha segnalato «{ $title }» ({ $category }, { $priority }).
notify-a-technician = un tecnico
notify-assigned-subject = { $number } assegnata a { $assignee }
notify-assigned-text = { $assignee } si sta ora occupando della sua richiesta.
notify-yours-subject = { $number } assegnato a lei ({ $priority })
notify-yours-text = «{ $title }» di { $requester } è ora suo ({ $category }, { $priority }).
notify-waiting-subject = { $number } attende una sua risposta
notify-waiting-text = L'IT ha bisogno di qualcosa da lei per proseguire: legga i messaggi nella pagina del ticket e risponda lì.
notify-resolved-subject = { $number } risolta
notify-resolved-text = Soluzione: { $solution }

    Se funziona, accetti la soluzione nella pagina del ticket; altrimenti scriva lì cosa non va ancora e il ticket verrà riaperto.
notify-see-ticket = vedere la pagina del ticket
notify-closed-subject = { $number } chiusa
notify-closed-text = La sua richiesta è chiusa. Grazie.
notify-watch-status-subject = { $number }: ora { $status }
notify-watch-status-text = { $number } «{ $title }» è ora: { $status }.
notify-watch-note-subject = { $number } ha un nuovo messaggio
notify-watch-note-text = { $number } «{ $title }» ha un nuovo messaggio.
notify-reopened-subject = { $number } riaperto
notify-reopened-text = «{ $title }» è stato riaperto. Motivo: { $why }
notify-message-subject = { $number }: un messaggio dall'IT
notify-message-text = C'è un nuovo messaggio sulla sua richiesta; lo legga e risponda dalla sua pagina.
notify-replied-subject = { $number }: il richiedente ha risposto
notify-replied-text = { $requester } ha risposto su «{ $title }».
notify-escalated-subject = { $number } inoltrato a lei ({ $priority })
notify-escalated-text = «{ $title }» è stato inoltrato a lei: { $why }
notify-escalation-asked-subject = { $number }: richiesta di escalation
notify-escalation-asked-text = { $technician } non riesce a completare «{ $title }»: { $why }
notify-facility-finished-subject = { $number }: lavori di facility { $status ->
    [done] completati
   *[cancelled] annullati
}
notify-facility-finished-text = { $order } per «{ $title }»: { $status ->
    [done] completato
   *[cancelled] annullato
}; il ticket prosegue.
notify-facility-finished-note-text = { $order } per «{ $title }»: { $status ->
    [done] completato
   *[cancelled] annullato
}; il ticket prosegue. Nota della facility: { $outcome }
notify-facility-expected-subject = { $number }: lavori di facility previsti { $when }
notify-facility-expected-text = { $order } per «{ $title }» è ora previsto: { $when }.
notify-facility-no-date = ancora senza data
notify-facility-asked-subject = { $number } attende lavori di facility
notify-facility-asked-text = «{ $title }» attende { $order }: { $what }.
notify-merged-subject = { $number } unita a { $into }
notify-merged-text = La sua richiesta «{ $title }» riguarda la stessa cosa di { $into }, quindi l'abbiamo unita lì. I suoi messaggi sono stati spostati e d'ora in poi segue { $into }; anche il numero { $number } porta lì.

## Regole dei livelli di servizio
sla-rule-text = { $number } «{ $title }» ({ $priority }): { $when }; { $actions }.

## Lavori di facility
facility-asked-subject = { $order }: { $location }
facility-asked-text = { $asker } dell'IT chiede lavori di facility: { $what } ({ $location }). Lo segni come completato nella pagina degli ordini di lavoro quando è terminato.
facility-asked-by-text = { $asker } dell'IT chiede lavori di facility: { $what } ({ $location }). L'IT spera che sia pronto entro il { $by }. Lo segni come completato nella pagina degli ordini di lavoro quando è terminato.

## Link dell'account
mail-verify-subject = Confermi il suo indirizzo e-mail per Switchboard
mail-verify-why = Apra questo link entro 24 ore per confermare che questo indirizzo è suo e completare la creazione dell'account:
mail-reset-subject = Imposti una nuova password per Switchboard
mail-reset-why = Qualcuno (speriamo lei) ha chiesto di impostare una nuova password. Apra questo link entro 30 minuti per sceglierla; funziona una sola volta. Se non è stato lei, ignori questa e-mail: la sua password resta invariata.
